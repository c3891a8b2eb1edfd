// Policy <-> JSON: the text `abcgrade policy` prints and `--config FILE`
// reads (SPEC section 1). Numbers are written exactly (our own decimal text,
// never a double) and read exactly: a JSON number is taken by its shortest
// decimal form, and a string may use any number form of SPEC 2 ("50万").
// The only module besides json_writer that includes nlohmann/json.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/policy.hpp"

namespace abcgrade {

// The policy as a pretty-printed JSON object ending in a newline, keys in the
// order of SPEC section 1: method, metric, pareto, percentile, thresholds,
// combine, score, window, as_of, group_by.
std::string policy_to_json(const Policy& policy);

// The same object on one line without spaces, with `thresholds` replaced by the ones used
// (for the `policy` member of the json output).
std::string policy_to_compact_json(const Policy& policy, const std::vector<Threshold>& used);

// Applies the JSON policy in `text` on top of `base` and returns the result.
// Throws Error(kUsage) for invalid JSON, unknown keys, wrong types and
// invalid values, naming `file_name`, the line and the column:
// `p.json:3:14: "pareto": cut points must satisfy 0 < A <= B <= 100`.
Policy parse_policy_json(std::string_view text, std::string_view file_name, Policy base);

}  // namespace abcgrade
