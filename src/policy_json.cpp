#include "abcgrade/policy_json.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "abcgrade/error.hpp"
#include "abcgrade/number_text.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade {
namespace {

using nlohmann::json;

std::string pair_text(Decimal a, Decimal b, bool pretty) {
  return "[" + a.to_shortest() + (pretty ? ", " : ",") + b.to_shortest() + "]";
}

std::string json_quoted(std::string_view s) { return json(std::string(s)).dump(); }

// The policy's members as (key, JSON value text), in SPEC order. `pretty`
// spreads the thresholds over lines, one metric each.
std::vector<std::pair<std::string, std::string>> members(const Policy& p,
                                                         const std::vector<Threshold>& thresholds,
                                                         bool pretty) {
  const std::string_view colon = pretty ? ": " : ":";
  std::string ts = "{";
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    ts += i == 0 ? "" : ",";
    if (pretty) ts += "\n    ";
    ts += json_quoted(name_of(thresholds[i].metric));
    ts += colon;
    ts += pair_text(thresholds[i].a_min, thresholds[i].b_min, pretty);
  }
  ts += pretty && !thresholds.empty() ? "\n  }" : "}";
  std::string score = "{";
  for (std::size_t i = 0; i < p.score.size(); ++i) {
    score += i == 0 ? "" : pretty ? ", " : ",";
    score += json_quoted(name_of(p.score[i].metric));
    score += colon;
    score += p.score[i].weight.to_shortest();
  }
  score += "}";
  return {{"method", json_quoted(name_of(p.method))},
          {"metric", json_quoted(name_of(p.metric))},
          {"pareto", pair_text(p.pareto.a, p.pareto.b, pretty)},
          {"percentile", pair_text(p.percentile.a, p.percentile.b, pretty)},
          {"thresholds", ts},
          {"combine", json_quoted(name_of(p.combine))},
          {"score", score},
          {"window", p.window_days ? std::to_string(*p.window_days) : "null"},
          {"as_of", p.as_of ? json_quoted(to_string(*p.as_of)) : "null"},
          {"group_by", p.group_by ? json_quoted(*p.group_by) : "null"}};
}

// Builds the document like nlohmann's own DOM parser, but keeps each
// fractional number as its source text (a string), so that
// 1234567890123456.78 is not rounded through a double: policy numbers are
// read exactly (SPEC 3.1), and strings are read as numbers anyway.
// Marks a string that stands for a number, so that a key that wants text
// ("group_by") does not take 7.5.
constexpr char kNumberMark = '\x1F';

class ExactNumberSax {
 public:
  explicit ExactNumberSax(json& root) : dom_(root) {}
  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t, const std::string& text) {
    std::string marked = kNumberMark + text;
    return dom_.string(marked);
  }
  bool string(std::string& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) {
    keys_.emplace_back();
    return dom_.start_object(n);
  }
  bool key(std::string& k) {
    // A key given twice would silently lose its first value.
    if (!keys_.back().insert(k).second) duplicate_ = k;
    return dom_.key(k);
  }
  bool end_object() {
    keys_.pop_back();
    return dom_.end_object();
  }
  const std::string& duplicate() const { return duplicate_; }
  bool start_array(std::size_t n) { return dom_.start_array(n); }
  bool end_array() { return dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& e) {
    return dom_.parse_error(position, last_token, e);
  }

 private:
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::vector<std::set<std::string>> keys_;
  std::string duplicate_;
};

// Line and column (1-based) of byte offset `pos` in `text`.
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
        if (text[i] == '\\')
          ++i;
        else
          s += text[i];
      }
      if (depth == 1 && s == key) {
        std::size_t j = i + 1;
        while (j < text.size() &&
               (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) {
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
    const auto [line, column] = line_column_at(text_, offset);
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
    } else if (v.is_string()) {  // a string, or a fractional number's own text (ExactNumberSax)
      text = v.get<std::string>();
      if (!text.empty() && text.front() == kNumberMark) text.erase(0, 1);
    } else {
      fail_key(key, "expected a number, found " + v.dump());
    }
    const ParseResult<Decimal> r = parse_number(text);
    if (!r.ok() || text.empty())
      fail_key(key, "cannot read " + quote_for_message(text) + " as a number");
    return r.value;
  }

  std::pair<Decimal, Decimal> pair(std::string_view key, const json& v) const {
    if (!v.is_array() || v.size() != 2) fail_key(key, "expected [A, B], found " + v.dump());
    return {number(key, v[0]), number(key, v[1])};
  }

  Cuts cuts(std::string_view key, const json& v) const {
    const auto [a, b] = pair(key, v);
    const Cuts c{a, b};
    if (const std::string_view why = cuts_problem(c); !why.empty()) fail_key(key, std::string(why));
    return c;
  }

  std::string string(std::string_view key, const json& v) const {
    if (!v.is_string()) fail_key(key, "expected a string, found " + v.dump());
    std::string s = v.get<std::string>();
    if (!s.empty() && s.front() == kNumberMark)
      fail_key(key, "expected a string, found " + s.substr(1));
    return s;
  }

  Metric metric(std::string_view key, const std::string& name) const {
    const auto m = parse_metric(name);
    if (!m)
      fail_key(key, "unknown metric " + json_quoted(name) + " (amount, frequency, profit, clv)");
    return *m;
  }

  Policy apply(Policy p) const {
    json doc;
    try {
      ExactNumberSax sax(doc);
      json::sax_parse(text_, &sax);
      if (!sax.duplicate().empty()) fail_key(sax.duplicate(), "the key is given twice");
    } catch (const json::parse_error& e) {
      fail_at(e.byte == 0 ? 0 : e.byte - 1,
              "invalid JSON: " + std::string(json_error_reason(e.what())));
    } catch (const json::exception& e) {
      // e.g. out_of_range 406, a number too large for JSON's double (1e400).
      std::string what = e.what();
      const std::size_t bracket = what.find("] ");
      fail_at(0,
              "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
    if (!doc.is_object()) fail_at(0, "a policy must be a JSON object");
    for (const auto& [key, v] : doc.items()) {
      if (key == "method") {
        const auto m = parse_method(string(key, v));
        if (!m)
          fail_key(key, "unknown method " + v.dump() + " (pareto, percentile, threshold, score)");
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
        for (const auto& [name, limits] : v.items()) {
          const auto [a, b] = pair(key, limits);
          const Threshold t{metric(key, name), a, b};
          if (const std::string_view why = threshold_problem(t); !why.empty()) {
            fail_key(key, json_quoted(name) + ": " + std::string(why));
          }
          p.thresholds.push_back(t);
        }
        p.thresholds_explicit =
            false;  // SPEC 3.3: a policy's thresholds apply where the data has them
      } else if (key == "score") {
        if (!v.is_object()) fail_key(key, "expected an object of METRIC: WEIGHT");
        p.score.clear();
        for (const auto& [name, weight] : v.items()) {
          const auto m = parse_metric(name);
          if (!m)
            fail_key(key, "unknown metric " + json_quoted(name) +
                              " (amount, frequency, profit, clv, recency)");
          const ScoreWeight w{*m, number(key, weight)};
          if (const std::string_view why = weight_problem(w); !why.empty()) {
            fail_key(key, json_quoted(name) + ": " + std::string(why));
          }
          p.score.push_back(w);
        }
      } else if (key == "window") {
        if (v.is_null()) {
          p.window_days.reset();
        } else if (v.is_number_integer() && v.get<long long>() >= 1 &&
                   v.get<long long>() <= 1000000) {
          p.window_days = static_cast<int>(v.get<long long>());
        } else {
          fail_key(key,
                   "expected a whole number of days from 1 to 1000000 or null, found " + v.dump());
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
        if (v.is_null())
          p.group_by.reset();
        else
          p.group_by = string(key, v);
      } else {
        fail_key(key,
                 "unknown key (known: method, metric, pareto, percentile, thresholds, "
                 "combine, score, window, as_of, group_by)");
      }
    }
    normalize(p);
    // What no single key breaks (duplicates): point at the file's start.
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
    out += out.size() == 1 ? "" : ",";
    out += json_quoted(key);
    out += ":";
    out += value;
  }
  return out + "}";
}

Policy parse_policy_json(std::string_view text, std::string_view file_name, Policy base) {
  return PolicyReader(text, file_name).apply(std::move(base));
}

}  // namespace abcgrade
