#include <checks/freshness/rules.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace checks {
namespace {

constexpr int k_max_count = 100000;

int count_at(const rules::Section& section, std::string_view key, int min = 1) {
  return static_cast<int>(section.integer(key, min, k_max_count));
}

UpdateWindow window_at(const rules::Section& entry) {
  UpdateWindow window;
  const nlohmann::json& value = entry.raw("window");
  if (value.is_null()) return window;
  const char* rule = "must be null, {\"days\": N} or {\"months\": N}";
  if (!value.is_object() || value.size() != 1 ||
      (!value.contains("days") && !value.contains("months"))) {
    entry.bad_value("window", rule, value);
    return window;
  }
  const rules::Section section = entry.child("window");
  if (value.contains("days")) {
    window.days = count_at(section, "days");
  } else {
    window.months = count_at(section, "months");
  }
  return window;
}

std::vector<ColumnClass> classes_at(const rules::Section& section) {
  std::vector<ColumnClass> classes;
  const nlohmann::json& list = section.raw("classes");
  if (!list.is_null() && (!list.is_array() || list.empty())) {
    section.bad_value("classes", "must be a non-empty array", list);
    return classes;
  }
  for (const rules::Section& entry : section.objects("classes")) {
    if (!entry.valid()) continue;
    ColumnClass column_class;
    column_class.id = entry.string("id");
    column_class.names = entry.strings("names");
    column_class.exclude = entry.strings_or_empty("exclude", true);
    if (!entry.has("window")) {
      entry.problem("window", "is missing (null, {\"days\": N} or {\"months\": N})");
    } else {
      column_class.window = window_at(entry);
    }
    classes.push_back(std::move(column_class));
  }
  return classes;
}

std::vector<PlatformRule> platforms_at(const rules::Section& media) {
  std::vector<PlatformRule> platforms;
  const nlohmann::json& list = media.raw("platforms");
  if (!list.is_null() && (!list.is_array() || list.empty())) {
    media.bad_value("platforms", "must be a non-empty array", list);
    return platforms;
  }
  for (const rules::Section& entry : media.objects("platforms")) {
    if (!entry.valid()) continue;
    platforms.push_back({entry.string("id"), entry.strings("names")});
  }
  return platforms;
}

} // namespace

const ColumnClass* FreshnessRules::find_class(std::string_view id) const {
  for (const auto& column_class : classes) {
    if (column_class.id == id) return &column_class;
  }
  return nullptr;
}

const ColumnClass* FreshnessRules::classify(std::string_view column_name) const {
  for (const auto& column_class : classes) {
    bool excluded = false;
    for (const auto& word : column_class.exclude)
      excluded = excluded || contains(column_name, word);
    if (excluded) continue;
    for (const auto& word : column_class.names) {
      if (contains(column_name, word)) return &column_class;
    }
  }
  return nullptr;
}

std::string FreshnessRules::platform_of(std::string_view text) const {
  for (const auto& platform : platforms) {
    for (const auto& name : platform.names) {
      if (text.starts_with(name)) return platform.id;
    }
  }
  return {};
}

FreshnessRules read_freshness_rules(const rules::Section& section) {
  FreshnessRules rules;
  if (!section.valid()) return rules;
  rules.earliest_year =
      static_cast<int>(section.child("dates").integer("earliest_year", 1900, 9999));
  rules.classes = classes_at(section);
  rules.unknown_class = section.string("unknown_class");

  const rules::Section list = section.child("list");
  rules.min_dated_items = count_at(list, "min_dated_items");
  rules.min_title_chars = count_at(list, "min_title_chars");
  rules.pagination_texts = list.strings("pagination_texts");
  rules.breadcrumb_markers = list.strings("breadcrumb_markers");
  rules.breadcrumb_separators = list.strings("breadcrumb_separators");
  rules.title_separators = list.strings("title_separators");

  const rules::Section blank = section.child("blank");
  rules.blank_phrases = blank.strings("phrases");
  for (const auto& phrase : rules.blank_phrases)
    rules.blank_phrase_bytes.push_back(byte_set(phrase));
  rules.max_phrase_line_chars = count_at(blank, "max_phrase_line_chars");
  rules.max_own_text_chars = count_at(blank, "max_own_text_chars", 0);

  const rules::Section home = section.child("home");
  const std::size_t home_problems = section.problem_count();
  rules.home_veto_days = count_at(home, "veto_days");
  rules.home_warn_days = count_at(home, "warn_days");
  const bool home_read = section.problem_count() == home_problems;

  const rules::Section stale = section.child("columns_stale");
  rules.dynamic_classes = stale.strings("dynamic_classes");
  rules.first_level_classes = stale.strings("first_level_classes");
  rules.stale_veto_count = count_at(stale, "veto_count");
  rules.stale_warn_count = count_at(stale, "warn_count");
  rules.long_stale_veto_count = count_at(stale, "long_stale_veto_count");
  rules.long_stale_warn_count = count_at(stale, "long_stale_warn_count");
  for (const char* key : {"dynamic_classes", "first_level_classes"}) {
    for (const auto& id : key[0] == 'd' ? rules.dynamic_classes : rules.first_level_classes) {
      if (rules.find_class(id) == nullptr) stale.problem(key, "unknown class " + id);
    }
  }

  const rules::Section blank_counts = section.child("columns_blank");
  rules.blank_veto_count = count_at(blank_counts, "veto_count");
  rules.blank_warn_count = count_at(blank_counts, "warn_count");

  const rules::Section media = section.child("new_media");
  rules.media_index_names = media.strings("index_names");
  rules.platforms = platforms_at(media);
  const std::size_t media_problems = section.problem_count();
  rules.media_veto_days = count_at(media, "veto_days");
  rules.media_warn_days = count_at(media, "warn_days");
  const bool media_read = section.problem_count() == media_problems;
  if (home_read && rules.home_warn_days > rules.home_veto_days) {
    home.problem("warn_days", "must not exceed veto_days");
  }
  if (media_read && rules.media_warn_days > rules.media_veto_days) {
    media.problem("warn_days", "must not exceed veto_days");
  }
  return rules;
}

core::CivilDate window_start(const core::CivilDate& date, const UpdateWindow& window) {
  if (window.days > 0) {
    return core::add_days(date, -window.days);
  }
  int total = date.year * 12 + (date.month - 1) - window.months;
  core::CivilDate start{total / 12, total % 12 + 1, date.day};
  start.day = std::min(start.day, core::days_in_month(start.year, start.month));
  return start;
}

std::string format_date(const core::CivilDate& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

} // namespace checks
