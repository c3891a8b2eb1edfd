#include "abcgrade/policy_json.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "abcgrade/error.hpp"
#include "abcgrade/number_text.hpp"

namespace abcgrade {
namespace {

using nlohmann::json;

std::string pair_text(Decimal a, Decimal b) {
  return "[" + a.to_shortest() + ", " + b.to_shortest() + "]";
}

std::string json_quoted(std::string_view s) { return json(std::string(s)).dump(); }

// The policy's members as (key, JSON value text), in SPEC order. `pretty`
// spreads the thresholds over lines, one metric each.
std::vector<std::pair<std::string, std::string>> members(const Policy& p,
                                                         const std::vector<Threshold>& thresholds,
                                                         bool pretty) {
  std::string ts = "{";
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    ts += i == 0 ? "" : ",";
    ts += pretty ? "\n    " : (i == 0 ? "" : " ");
    ts += json_quoted(name_of(thresholds[i].metric)) + ": " +
          pair_text(thresholds[i].a_min, thresholds[i].b_min);
  }
  ts += pretty && !thresholds.empty() ? "\n  }" : "}";
  std::string score = "{";
  for (std::size_t i = 0; i < p.score.size(); ++i) {
    score += i == 0 ? "" : ", ";
    score += json_quoted(name_of(p.score[i].metric));
    score += ": ";
    score += p.score[i].weight.to_shortest();
  }
  score += "}";
  return {{"method", json_quoted(name_of(p.method))},
          {"metric", json_quoted(name_of(p.metric))},
          {"pareto", pair_text(p.pareto.a, p.pareto.b)},
          {"percentile", pair_text(p.percentile.a, p.percentile.b)},
          {"thresholds", ts},
          {"combine", json_quoted(name_of(p.combine))},
          {"score", score},
          {"window", p.window_days ? std::to_string(*p.window_days) : "null"},
          {"as_of", p.as_of ? json_quoted(to_string(*p.as_of)) : "null"},
          {"group_by", p.group_by ? json_quoted(*p.group_by) : "null"}};
}

// Line and column (1-based) of byte offset `pos` in `text`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t pos) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

// Byte offset of the top-level key `key` in the JSON object `text` (its
// opening quote), or 0 when it cannot be found. nlohmann keeps no positions,
// so semantic errors find their key again by this small scan.
std::size_t key_offset(std::string_view text, std::string_view key) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      const std::size_t start = i;
      std::string s;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
        else s += text[i];
      }
      if (depth == 1 && s == key) {
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' ||
                                   text[j] == '\n')) {
          ++j;
        }
        if (j < text.size() && text[j] == ':') return start;
      }
    }
  }
  return 0;
}

class PolicyReader {
 public:
  PolicyReader(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  [[noreturn]] void fail_at(std::size_t offset, const std::string& message) const {
    const auto [line, column] = line_column(text_, offset);
    Location where{std::string(file_), line, column, {}};
    throw Error(ExitCode::kUsage, where, message);
  }
  [[noreturn]] void fail_key(std::string_view key, const std::string& message) const {
    fail_at(key_offset(text_, key), json_quoted(key) + ": " + message);
  }

  Decimal number(std::string_view key, const json& v) const {
    std::string text;
    if (v.is_number_integer()) {
      text = v.dump();
    } else if (v.is_number_float()) {
      char buf[64];
      const auto r = std::to_chars(buf, buf + sizeof buf, v.get<double>(), std::chars_format::fixed);
      text.assign(buf, r.ptr);
    } else if (v.is_string()) {
      text = v.get<std::string>();
    } else {
      fail_key(key, "expected a number, found " + v.dump());
    }
    const ParseResult<Decimal> r = parse_number(text);
    if (!r.ok() || text.empty()) fail_key(key, "cannot read " + quote_for_message(text) + " as a number");
    return r.value;
  }

  Cuts cuts(std::string_view key, const json& v) const {
    if (!v.is_array() || v.size() != 2) fail_key(key, "expected [A, B], found " + v.dump());
    return {number(key, v[0]), number(key, v[1])};
  }

  std::string string(std::string_view key, const json& v) const {
    if (!v.is_string()) fail_key(key, "expected a string, found " + v.dump());
    return v.get<std::string>();
  }

  Metric metric(std::string_view key, const std::string& name) const {
    const auto m = parse_metric(name);
    if (!m) fail_key(key, "unknown metric " + json_quoted(name) + " (amount, frequency, profit, clv)");
    return *m;
  }

  Policy apply(Policy p) const {
    json doc;
    try {
      doc = json::parse(text_);
    } catch (const json::parse_error& e) {
      // nlohmann's what(): "[json.exception.parse_error.101] parse error at
      // line 1, column 8: syntax error ..."; keep the part after the position.
      std::string what = e.what();
      const std::size_t colon = what.find(": ", what.find("column"));
      if (colon != std::string::npos) what = what.substr(colon + 2);
      fail_at(e.byte == 0 ? 0 : e.byte - 1, "invalid JSON: " + what);
    }
    if (!doc.is_object()) fail_at(0, "a policy must be a JSON object");
    for (const auto& [key, v] : doc.items()) {
      if (key == "method") {
        const auto m = parse_method(string(key, v));
        if (!m) fail_key(key, "unknown method " + v.dump() + " (pareto, percentile, threshold, score)");
        p.method = *m;
      } else if (key == "metric") {
        p.metric = metric(key, string(key, v));
      } else if (key == "pareto") {
        p.pareto = cuts(key, v);
      } else if (key == "percentile") {
        p.percentile = cuts(key, v);
      } else if (key == "combine") {
        const auto c = parse_combine(string(key, v));
        if (!c) fail_key(key, "expected \"all\" or \"any\", found " + v.dump());
        p.combine = *c;
      } else if (key == "thresholds") {
        if (!v.is_object()) fail_key(key, "expected an object of METRIC: [A_MIN, B_MIN]");
        p.thresholds.clear();
        for (const auto& [name, pair] : v.items()) {
          const Cuts c = cuts(key, pair);
          p.thresholds.push_back({metric(key, name), c.a, c.b});
        }
        p.thresholds_explicit = false;  // SPEC 3.3: a policy's thresholds apply where the data has them
      } else if (key == "score") {
        if (!v.is_object()) fail_key(key, "expected an object of METRIC: WEIGHT");
        p.score.clear();
        for (const auto& [name, weight] : v.items()) {
          const auto m = parse_metric(name);
          if (!m) fail_key(key, "unknown metric " + json_quoted(name) + " (amount, frequency, profit, clv, recency)");
          p.score.push_back({*m, number(key, weight)});
        }
      } else if (key == "window") {
        if (v.is_null()) {
          p.window_days.reset();
        } else if (v.is_number_integer() && v.get<long long>() >= 1 && v.get<long long>() <= 1000000) {
          p.window_days = static_cast<int>(v.get<long long>());
        } else {
          fail_key(key, "expected a whole number of days >= 1 or null, found " + v.dump());
        }
      } else if (key == "as_of") {
        if (v.is_null()) {
          p.as_of.reset();
        } else {
          const std::string s = string(key, v);
          const ParseResult<Date> d = parse_date(s);
          if (!d.ok()) fail_key(key, "cannot read " + quote_for_message(s) + " as a date");
          p.as_of = d.value;
        }
      } else if (key == "group_by") {
        if (v.is_null()) p.group_by.reset();
        else p.group_by = string(key, v);
      } else {
        fail_key(key, "unknown key (known: method, metric, pareto, percentile, thresholds, "
                      "combine, score, window, as_of, group_by)");
      }
    }
    // Validation messages name the option; point them at the file's start.
    try {
      validate(p);
    } catch (const Error& e) {
      fail_at(0, e.what());
    }
    return p;
  }

 private:
  std::string_view text_;
  std::string_view file_;
};

}  // namespace

std::string policy_to_json(const Policy& p) {
  std::string out = "{";
  for (const auto& [key, value] : members(p, p.thresholds, true)) {
    out += out.size() == 1 ? "\n  " : ",\n  ";
    out += json_quoted(key);
    out += ": ";
    out += value;
  }
  return out + "\n}\n";
}

std::string policy_to_compact_json(const Policy& p, const std::vector<Threshold>& used) {
  std::string out = "{";
  for (const auto& [key, value] : members(p, used, false)) {
    out += out.size() == 1 ? "" : ", ";
    out += json_quoted(key);
    out += ": ";
    out += value;
  }
  return out + "}";
}

Policy parse_policy_json(std::string_view text, std::string_view file_name, Policy base) {
  return PolicyReader(text, file_name).apply(std::move(base));
}

}  // namespace abcgrade
