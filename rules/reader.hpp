#pragma once
// The one reader of rulesets: typed access to a ruleset's values that records every problem,
// with its key path, and never throws. The ruleset's own keys (groups, items, scoring, checks)
// and every check's section are read through it, so that all the problems of a ruleset are
// reported together, before any crawl: `ruleset: freshness.home.veto_days: must be an integer
// from 1 to 100000, got "14"`.

#include <nlohmann/json.hpp>

#include <core/problems.hpp>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rules {

// A threshold written with its source: {"value": 0.95, "confidence": "provisional"}.
struct Tagged {
  double value = 0;
  std::string confidence; // "confirmed", "secondary" or "provisional"
};

// One object of a ruleset and its key path ("freshness", "disclosure.annual_report",
// "groups.site[3]"). Every read checks the value; a value that is missing or wrong adds one
// problem "ruleset: PATH.KEY: PROBLEM" to the shared collector and returns an empty value, so a
// caller reads the whole section once and asks the collector afterwards. Cheap to copy.
class Section {
public:
  // The object `node` at `path`; a null `node` or one that is no object is a problem (reported
  // as "missing" or "must be an object") and a section whose reads return empty values.
  Section(const nlohmann::json* node, std::string path, core::Problems& problems);
  // The top-level member `name` of `ruleset`.
  static Section of(const nlohmann::json& ruleset, std::string name, core::Problems& problems);

  const std::string& path() const { return m_path; }
  // Whether the section exists and is an object.
  bool valid() const { return m_node != nullptr; }
  bool has(std::string_view key) const;

  // The object member `key`, as a section of its own.
  Section child(std::string_view key) const;
  // Every element of the array `key`, each an object (path "KEY[i]").
  std::vector<Section> objects(std::string_view key) const;

  // A non-empty string.
  std::string string(std::string_view key) const;
  // An optional non-empty string: `fallback` when absent.
  std::string string_or(std::string_view key, std::string fallback) const;
  // A non-empty array of non-empty strings.
  std::vector<std::string> strings(std::string_view key) const;
  // An array of non-empty strings, possibly empty (required unless `optional`).
  std::vector<std::string> strings_or_empty(std::string_view key, bool optional = false) const;
  // An array of strings in which "" is a value too (the empty URL fragment).
  std::vector<std::string> texts(std::string_view key) const;
  // An integer from `low` to `high`.
  long long integer(std::string_view key, long long low, long long high) const;
  std::optional<long long> optional_integer(std::string_view key, long long low,
                                            long long high) const;
  // A number from `low` to `high`.
  double number(std::string_view key, double low = 0,
                double high = std::numeric_limits<double>::max()) const;
  std::optional<double> optional_number(std::string_view key, double low = 0,
                                        double high = std::numeric_limits<double>::max()) const;
  bool boolean(std::string_view key) const;
  std::optional<bool> optional_boolean(std::string_view key) const;
  // "confirmed", "secondary" or "provisional".
  std::string confidence(std::string_view key = "confidence") const;
  // {"value": number, "confidence": ...}.
  Tagged tagged(std::string_view key) const;
  // The member as it is (a null value when missing, with a problem).
  const nlohmann::json& raw(std::string_view key) const;
  // A problem about `key` ("" for the section itself).
  void problem(std::string_view key, std::string_view text) const;
  // "must be RULE, got VALUE" about `key`.
  void bad_value(std::string_view key, std::string_view rule, const nlohmann::json& value) const;
  // A problem for every member not in `known`, with a "did you mean" hint.
  void only_keys(std::span<const std::string_view> known) const;
  // How many problems the collector holds: a reader compares two values only when neither
  // added one (a value that could not be read was reported once already).
  std::size_t problem_count() const { return m_problems->size(); }

private:
  const nlohmann::json* find(std::string_view key) const;
  std::string key_path(std::string_view key) const;

  const nlohmann::json* m_node = nullptr;
  std::string m_path;
  core::Problems* m_problems;
};

} // namespace rules
