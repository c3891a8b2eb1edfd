#include "options.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "abcgrade/atomic_file.hpp"
#include "abcgrade/byte_source.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/number_text.hpp"
#include "abcgrade/policy_json.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade::cli {
namespace {

[[noreturn]] void usage(const std::string& message) { throw Error(ExitCode::kUsage, message); }

// Whether two paths name one file however they are spelt (./a.csv, a
// link to it); "-", /dev/stdout and the like are the descriptor they name.
bool same_file(const std::string& a, const std::string& b) {
  const int fa = AtomicFile::descriptor_named(a), fb = AtomicFile::descriptor_named(b);
  if (fa >= 0 || fb >= 0) return fa == fb;
  std::error_code ea, eb;
  if (std::filesystem::equivalent(a, b, ea)) return true;  // both exist
  ea.clear();
  // absolute() first: weakly_canonical leaves "x.csv" relative when no part exists.
  const std::filesystem::path ca =
      std::filesystem::weakly_canonical(std::filesystem::absolute(a, ea), ea);
  const std::filesystem::path cb =
      std::filesystem::weakly_canonical(std::filesystem::absolute(b, eb), eb);
  return ea || eb ? a == b : ca == cb;
}

Decimal read_number(const std::string& option, std::string_view text) {
  const ParseResult<Decimal> n = parse_number(text);
  if (!n.ok() || trim(text).empty()) {
    usage(option + ": cannot read " + quote_for_message(text) + " as a number");
  }
  return n.value;
}

// "A,B" where each side may use the number forms of SPEC 2, thousands
// separators included: the split must be the only one that reads.
std::pair<Decimal, Decimal> read_pair(const std::string& option, const std::string& text) {
  std::vector<std::pair<Decimal, Decimal>> readings;
  for (std::size_t comma = text.find(','); comma != std::string::npos;
       comma = text.find(',', comma + 1)) {
    const ParseResult<Decimal> a = parse_number(text.substr(0, comma));
    const ParseResult<Decimal> b = parse_number(text.substr(comma + 1));
    if (a.ok() && b.ok() && !trim(text.substr(0, comma)).empty() &&
        !trim(text.substr(comma + 1)).empty()) {
      readings.emplace_back(a.value, b.value);
    }
  }
  if (readings.size() == 1) return readings.front();
  if (readings.empty())
    usage(option + " " + quote_for_message(text) + ": expected two numbers A,B");
  usage(option + " " + quote_for_message(text) +
        ": ambiguous; write the numbers without thousands separators");
}

std::string lower(std::string_view s) { return to_lower_ascii(trim(s)); }

Metric read_metric(const std::string& option, const std::string& name, bool allow_recency) {
  const auto m = parse_metric(lower(name));
  if (!m || (*m == Metric::Recency && !allow_recency)) {
    usage(option + ": unknown metric " + quote_for_message(name) +
          (allow_recency ? " (amount, frequency, profit, clv, recency)"
                         : " (amount, frequency, profit, clv)"));
  }
  return *m;
}

std::pair<std::string, std::string> split_assignment(const std::string& option,
                                                     const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    usage(option + " " + quote_for_message(text) + ": expected NAME=VALUE");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::kUsage, path + ": cannot read the policy file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Policy resolve_policy(const ClassifyFlags& f) {
  Policy p;
  if (!f.config.empty()) p = parse_policy_json(read_file(f.config), f.config, p);
  if (f.was_given("method")) {
    const auto m = parse_method(lower(f.method));
    if (!m)
      usage("--method: unknown method " + quote_for_message(f.method) +
            " (pareto, percentile, threshold, score)");
    p.method = *m;
  }
  if (f.was_given("metric")) p.metric = read_metric("--metric", f.metric, false);
  if (f.was_given("pareto")) {
    const auto [a, b] = read_pair("--pareto", f.pareto);
    p.pareto = {a, b};
  }
  if (f.was_given("percentile")) {
    const auto [a, b] = read_pair("--percentile", f.percentile);
    p.percentile = {a, b};
  }
  if (f.was_given("threshold")) {
    // SPEC 3.3: --threshold on the command line replaces them all.
    p.thresholds.clear();
    p.thresholds_explicit = true;
    for (const std::string& t : f.thresholds) {
      const auto [name, value] = split_assignment("--threshold", t);
      const auto [a, b] = read_pair("--threshold " + name, value);
      p.thresholds.push_back({read_metric("--threshold", name, false), a, b});
    }
  }
  if (f.was_given("combine")) {
    const auto c = parse_combine(lower(f.combine));
    if (!c) usage("--combine: expected all or any, not " + quote_for_message(f.combine));
    p.combine = *c;
  }
  if (f.was_given("score")) {
    p.score.clear();
    for (const std::string& s : f.scores) {
      std::size_t start = 0;
      while (start <= s.size()) {
        const std::size_t comma = std::min(s.find(',', start), s.size());
        const auto [name, weight] = split_assignment("--score", s.substr(start, comma - start));
        p.score.push_back(
            {read_metric("--score", name, true), read_number("--score " + name, weight)});
        start = comma + 1;
      }
    }
    p.score_requested = true;
  }
  if (p.method == Method::Score) p.score_requested = true;
  if (f.was_given("window")) {
    if (f.window < 1 || f.window > 1000000)
      usage("--window " + std::to_string(f.window) +
            ": expected a whole number of days from 1 to 1000000");
    p.window_days = static_cast<int>(f.window);
  }
  if (f.was_given("group-by")) p.group_by = f.group_by;
  normalize(p);
  validate(p);
  return p;
}

}  // namespace

bool ClassifyFlags::was_given(const std::string& name) const {
  return std::find(given.begin(), given.end(), name) != given.end();
}

void refuse_log_file_onto_data(const ClassifyFlags& f) {
  if (f.log_file.empty()) return;
  // Appended to, the log would spoil an input or the earlier table (the next
  // night's run would then fail on it) or mix into an output.
  auto refuse = [&](const std::string& path, const std::string& role) {
    if (!path.empty() && same_file(f.log_file, path))
      usage(f.log_file + " is given for --log-file and for " + role +
            ": the log would be written into it (log to another file)");
  };
  for (const std::string& input : f.inputs) {
    if (is_regular_file(input)) refuse(input, "an input");
  }
  refuse(f.previous, "--previous");
  refuse(f.output, "--output");
  refuse(f.summary, "--summary");
  refuse(f.rejects, "--rejects");
}

ClassifyOptions resolve_options(const ClassifyFlags& f) {
  // A file option given empty (`--summary "$S"` with S unset in a cron line)
  // would silently mean "none" or standard output.
  const std::pair<const char*, const std::string*> file_options[] = {
      {"output", &f.output},     {"summary", &f.summary},   {"rejects", &f.rejects},
      {"previous", &f.previous}, {"log-file", &f.log_file}, {"config", &f.config}};
  for (const auto& [name, value] : file_options) {
    if (f.was_given(name) && value->empty())
      usage(std::string("--") + name + ": expected a file name, not an empty one");
  }
  ClassifyOptions o;
  o.pipeline.policy = resolve_policy(f);
  std::optional<DateFormat>& date_format = o.pipeline.load.date_format;
  if (!f.date_format.empty()) date_format.emplace(f.date_format);
  if (f.was_given("as-of")) {
    // --as-of takes the ISO forms, or the --date-format of the data.
    const ParseResult<Date> d = parse_date(f.as_of, date_format ? &*date_format : nullptr);
    const ParseResult<Date> iso = parse_date(f.as_of);
    if (!d.ok() && !iso.ok())
      usage("--as-of: cannot read " + quote_for_message(f.as_of) + " as a date");
    o.pipeline.policy.as_of = d.ok() ? d.value : iso.value;
  }

  const std::vector<std::string> inputs =
      f.inputs.empty() ? std::vector<std::string>{"-"} : f.inputs;
  for (const std::string& path : inputs)
    o.inputs.push_back({path, path == "-" ? "<stdin>" : path, nullptr});

  const std::string delimiter = f.delimiter == "\t" ? "tab" : lower(f.delimiter);
  if (delimiter == "," || delimiter == ";")
    o.pipeline.delimiter = delimiter[0];
  else if (delimiter == "tab")
    o.pipeline.delimiter = '\t';
  else
    usage("--delimiter: expected , or ; or tab, not " + quote_for_message(f.delimiter));

  const std::string encoding = lower(f.encoding);
  if (encoding == "utf-8" || encoding == "utf8")
    o.pipeline.load.encoding = "utf-8";
  else if (encoding == "gb18030" || encoding == "gbk" || encoding == "windows-1252" ||
           encoding == "cp1252")
    o.pipeline.load.encoding = encoding == "cp1252" ? "windows-1252" : encoding;
  else
    usage("--encoding: expected utf-8, gb18030, gbk or windows-1252, not " +
          quote_for_message(f.encoding));

  for (const std::string& c : f.columns) {
    const auto [role_name, header] = split_assignment("--column", c);
    const auto role = parse_role(lower(role_name));
    if (!role) {
      usage("--column: unknown role " + quote_for_message(role_name) +
            " (customer_id, customer_name, amount, quantity, unit_price, profit, order_id, date, "
            "frequency, clv)");
    }
    o.pipeline.load.columns.named.emplace_back(*role, header);
  }
  o.pipeline.load.columns.keep = f.keep;
  // ABCGRADE_THREADS pins the number of worker threads (benchmarks, tests);
  // by default there is one per core.
  if (const char* threads = std::getenv("ABCGRADE_THREADS");
      threads != nullptr && *threads != '\0') {
    const long n = std::strtol(threads, nullptr, 10);
    if (n < 1 || n > 16)
      usage("ABCGRADE_THREADS: expected a number from 1 to 16, not " + quote_for_message(threads));
    o.pipeline.load.threads = static_cast<unsigned>(n);
  }
  o.pipeline.load.on_bad_row =
      lower(f.on_bad_row) == "skip" ? BadRowPolicy::Skip : BadRowPolicy::Fail;
  if (lower(f.on_bad_row) != "skip" && lower(f.on_bad_row) != "fail") {
    usage("--on-bad-row: expected fail or skip, not " + quote_for_message(f.on_bad_row));
  }

  o.output = f.output.empty() ? "-" : f.output;
  const std::string format = f.format.empty() ? extension_of(o.output) : lower(f.format);
  if (format == "json")
    o.format = OutputFormat::Json;
  else if (format == "jsonl")
    o.format = OutputFormat::Jsonl;
  else if (format == "xlsx")
    o.format = OutputFormat::Xlsx;
  else if (format == "csv" || f.format.empty())
    o.format = OutputFormat::Csv;
  else
    usage("--format: expected csv, json, jsonl or xlsx, not " + quote_for_message(f.format));
  if (o.format == OutputFormat::Xlsx && o.output == "-") {
    usage("--format xlsx needs a file: give --output NAME.xlsx (a workbook cannot be streamed)");
  }

  const std::string lang = lower(f.lang);
  if (lang == "zh")
    o.lang = Lang::Zh;
  else if (lang != "en")
    usage("--lang: expected en or zh, not " + quote_for_message(f.lang));
  o.csv.excel = f.excel;
  o.rejects = f.rejects;
  o.summary = f.summary;
  o.summary_json = extension_of(f.summary) == "json";
  o.previous = f.previous;
  o.pipeline.previous = f.previous;
  // Two outputs into one file (or both onto standard output) would mix.
  const std::vector<std::string> outputs = {o.output, o.rejects, o.summary};
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t j = i + 1; j < outputs.size(); ++j) {
      if (!outputs[i].empty() && !outputs[j].empty() && same_file(outputs[i], outputs[j])) {
        usage((outputs[i] == "-" ? std::string("standard output") : outputs[i]) +
              " is given for two outputs (--output, --rejects, --summary)");
      }
    }
  }
  // SPEC 1: several inputs are one data set; the same file twice would count
  // each of its rows twice.
  for (std::size_t i = 0; i < o.inputs.size(); ++i) {
    for (std::size_t j = i + 1; j < o.inputs.size(); ++j) {
      const std::string& a = o.inputs[i].path;
      const std::string& b = o.inputs[j].path;
      if (is_regular_file(a) && is_regular_file(b) && same_file(a, b)) {
        usage(b + " is the same file as the input " + a +
              ": its rows would count twice (give it once)");
      }
    }
  }
  // An output onto an input would replace the transactions with what was
  // made of them: refused, so that no slip of the keyboard loses the data.
  for (const std::string& out : outputs) {
    if (out.empty() || !is_regular_file(out)) continue;
    for (const InputSpec& in : o.inputs) {
      if (is_regular_file(in.path) && same_file(out, in.path)) {
        usage(out + " is an input too: the output would replace the data it is made from " +
              "(write it to another file)");
      }
    }
  }
  return o;
}

}  // namespace abcgrade::cli
