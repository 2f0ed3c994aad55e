#pragma once
// The one settings table: every setting of `govaudit scan`, `demo`, `probe` and `report` with its
// command-line flag, config key, default (the member initialisers below), range and help, read
// the same way from the command line and the config file. A run's Settings split into three
// narrow values: the crawl's options (scanner::CrawlOptions), the report's (ReportSettings) and
// the audit's monitoring point (as_of, parsed once by the scan into checks::AuditContext).

#include <scanner/options.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace app {

// What the reports and the CI gate are told: the report folder, the formats, the ruleset, and
// the gate's lines (README: "Scoring", "Report formats", "CI gate").
struct ReportSettings {
  std::string out_dir = "govaudit-out";
  std::string ruleset; // ruleset file; empty = the built-in gov-2019
  std::string formats = "json,html,junit,sarif,csv,md"; // reports to write, comma-separated
  double bonus = 0;             // bonus points a reviewer granted (applied above the bonus gate)
  double fail_under = 0;        // gate: fail when the score is below this; 0 = off
  std::string fail_on = "none"; // gate: none, veto, failure or warning
  std::string baseline;         // gate: a previous findings.json; only new findings count
  std::string exceptions;       // gate: exceptions file (comply or explain)
  std::string assessments;      // a reviewer's scores and veto decisions (JSON with comments)
};

// Every setting of one run. The crawler is given crawl(), the reports report().
struct Settings : scanner::CrawlOptions, ReportSettings {
  std::string as_of; // YYYY-MM-DD; empty = today (Asia/Shanghai)
  bool quiet = false;

  const scanner::CrawlOptions& crawl() const { return *this; }
  const ReportSettings& report() const { return *this; }
};

// How a setting is written.
enum class SettingType {
  integer,  // a whole number within limits
  number,   // a number within limits
  text,     // a string
  flag,     // a boolean; on the command line a flag that takes no value
  text_list // an array of strings; on the command line a repeatable option
};

// The field of Settings a setting stores into.
using SettingField =
    std::variant<std::uint32_t Settings::*, int Settings::*, std::uint64_t Settings::*,
                 double Settings::*, std::string Settings::*, bool Settings::*,
                 std::vector<std::string> Settings::*>;
using TextCheck = std::optional<std::string> (*)(std::string_view);
using NumberCheck = std::optional<std::string> (*)(double);

// One row of the table.
struct Setting {
  std::string_view flag;       // "--max-pages"
  std::string_view key;        // config key, "max_pages"
  std::string_view value_name; // shown in the help; empty for flags that take no value
  std::string_view help;
  SettingField field;
  std::int64_t min = 0; // integers only
  std::int64_t max = 0;
  TextCheck check_text = nullptr;     // text settings and text_list elements
  NumberCheck check_number = nullptr; // number settings
};

// Every setting, in the order the help lists them.
std::span<const Setting> settings_table();

// The setting with config key `key`, or null.
const Setting* find_setting(std::string_view key);

// The config keys of every setting, in table order.
std::vector<std::string_view> setting_keys();

// The type of the setting `key` (a config key such as "max_pages"), or nullopt when there is no
// such setting.
std::optional<SettingType> setting_type(std::string_view key);

// Parses the command-line text `text` as a value of the setting `key` and stores it in
// `settings` (a text_list setting gets `text` appended; a flag is set to true and ignores
// `text`). Returns nullopt on success. Otherwise leaves `settings` unchanged and returns the
// broken rule, phrased to follow the name of the setting, e.g. "must be between 0 and 50" or
// "must be an integer between 0 and 50" (when `text` is no integer at all). Unknown `key`:
// returns "is not a setting".
std::optional<std::string> apply_setting_text(Settings& settings, std::string_view key,
                                              std::string_view text);

// The value of the setting `key` in `settings` as text: integers in decimal, numbers in their
// shortest form ("0.5"), texts as they are, flags "true" or "false", lists their entries joined
// by ", ". Empty for an unknown `key`.
std::string setting_text(const Settings& settings, std::string_view key);

// Sets the setting `key` of `settings` back to its default (that of a default-constructed
// Settings); lists become empty. Does nothing for an unknown `key`.
void reset_setting(Settings& settings, std::string_view key);

// The type of values `field` holds.
SettingType type_of(const SettingField& field);

// "must be an integer between MIN and MAX" (`say_integer`) or "must be between MIN and MAX".
std::string integer_rule(const Setting& setting, bool say_integer);

// Stores the integer `value` (already within the limits of `setting`) in its field.
void store_integer(Settings& settings, const Setting& setting, std::int64_t value);

} // namespace app
