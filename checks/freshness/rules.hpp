#pragma once
// The "freshness" section of the ruleset (column classes and windows, list and blank-page
// markers, veto lines, new-media platforms) read into plain structs, and the calendar
// arithmetic the freshness checks share.

#include <scanner/dates.hpp>
#include <scanner/util.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <rules/reader.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

// An update window: `days` or `months` (exactly one is positive), or none (not time-checked).
struct UpdateWindow {
  int days = 0;
  int months = 0;
  bool defined() const { return days > 0 || months > 0; }
};

// One column class: a column whose name contains one of `names` (and none of `exclude`) has it.
struct ColumnClass {
  std::string id;
  std::vector<std::string> names;
  std::vector<std::string> exclude;
  UpdateWindow window;
};

struct PlatformRule {
  std::string id;
  std::vector<std::string> names;
};

struct FreshnessRules {
  int earliest_year = 1995;
  std::vector<ColumnClass> classes; // first match wins
  std::string unknown_class;
  // Lists.
  int min_dated_items = 2;
  int min_title_chars = 4;
  std::vector<std::string> pagination_texts;
  std::vector<std::string> breadcrumb_markers;
  std::vector<std::string> breadcrumb_separators;
  std::vector<std::string> title_separators;
  // Blank columns.
  std::vector<std::string> blank_phrases;
  std::vector<std::uint64_t> blank_phrase_bytes; // byte_set() of each phrase
  int max_phrase_line_chars = 40;
  int max_own_text_chars = 30;
  // home.stale.
  int home_veto_days = 14;
  int home_warn_days = 10;
  // columns.stale.
  std::vector<std::string> dynamic_classes;
  std::vector<std::string> first_level_classes;
  int stale_veto_count = 5;
  int stale_warn_count = 3;
  int long_stale_veto_count = 10;
  int long_stale_warn_count = 6;
  // columns.blank.
  int blank_veto_count = 5;
  int blank_warn_count = 2;
  // newmedia.stale.
  std::vector<std::string> media_index_names;
  std::vector<PlatformRule> platforms;
  int media_veto_days = 14;
  int media_warn_days = 7;

  // The class of `id`, or nullptr.
  const ColumnClass* find_class(std::string_view id) const;
  // The class whose names match `column_name`, or nullptr (unknown).
  const ColumnClass* classify(std::string_view column_name) const;
  // The platform id whose name starts `text`, or empty.
  std::string platform_of(std::string_view text) const;
};

// Reads the "freshness" section of the ruleset; problems go to the section's collector.
FreshnessRules read_freshness_rules(const rules::Section& section);

// `date` moved back by `window` (months clamp the day to the month's length).
core::CivilDate window_start(const core::CivilDate& date, const UpdateWindow& window);

// "YYYY-MM-DD".
std::string format_date(const core::CivilDate& date);

using scanner::utf8_length;

// The set of the low six bits of the bytes of `text`, as a 64-bit mask. A text holds another
// only if its set holds the other's: page_facts tests a menu's short lines against the blank
// phrases through their sets first, which rules out nearly all of them without a search.
inline std::uint64_t byte_set(std::string_view text) {
  std::uint64_t set = 0;
  for (const char c : text) set |= std::uint64_t{1} << (static_cast<unsigned char>(c) & 63);
  return set;
}

// True when `text` contains `needle`.
inline bool contains(std::string_view text, std::string_view needle) {
  return scanner::find_text(text, needle) != std::string_view::npos;
}

} // namespace checks
