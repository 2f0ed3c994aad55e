#include <checks/freshness_rules.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace checks {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw std::invalid_argument("ruleset: freshness." + path + ": " + problem);
}

const Json& member(const Json& object, const std::string& path, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) fail(path.empty() ? std::string(key) : path, "missing");
  return *it;
}

const Json& object_at(const Json& parent, const std::string& path, std::string_view key) {
  const Json& value = member(parent, path, key);
  if (!value.is_object()) fail(path, "must be an object");
  return value;
}

int count_at(const Json& parent, const std::string& path, std::string_view key, int min = 1) {
  const Json& value = member(parent, path, key);
  if (!value.is_number_integer() || value.get<long long>() < min ||
      value.get<long long>() > 100000) {
    fail(path, "must be an integer >= " + std::to_string(min) + ", got " + value.dump());
  }
  return value.get<int>();
}

std::vector<std::string> texts_at(const Json& parent, const std::string& path, std::string_view key,
                                  bool required = true) {
  auto it = parent.find(key);
  if (it == parent.end()) {
    if (required) fail(path, "missing");
    return {};
  }
  if (!it->is_array() || (required && it->empty())) fail(path, "must be a non-empty string array");
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string() || item.get<std::string>().empty()) {
      fail(path, "must hold non-empty strings, got " + item.dump());
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

UpdateWindow window_at(const Json& value, const std::string& path) {
  UpdateWindow window;
  if (value.is_null()) return window;
  if (!value.is_object() || value.size() != 1) {
    fail(path, "must be null, {\"days\": N} or {\"months\": N}");
  }
  if (value.contains("days")) {
    window.days = count_at(value, path + ".days", "days");
  } else if (value.contains("months")) {
    window.months = count_at(value, path + ".months", "months");
  } else {
    fail(path, "must be null, {\"days\": N} or {\"months\": N}");
  }
  return window;
}

std::vector<ColumnClass> classes_at(const Json& section) {
  const Json& list = member(section, "classes", "classes");
  if (!list.is_array() || list.empty()) fail("classes", "must be a non-empty array");
  std::vector<ColumnClass> classes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = "classes[" + std::to_string(i) + "]";
    const Json& entry = list[i];
    if (!entry.is_object()) fail(path, "must be an object");
    ColumnClass column_class;
    const Json& id = member(entry, path + ".id", "id");
    if (!id.is_string() || id.get<std::string>().empty()) fail(path + ".id", "must be a name");
    column_class.id = id.get<std::string>();
    column_class.names = texts_at(entry, path + ".names", "names");
    column_class.exclude = texts_at(entry, path + ".exclude", "exclude", false);
    column_class.window = window_at(member(entry, path + ".window", "window"), path + ".window");
    classes.push_back(std::move(column_class));
  }
  return classes;
}

std::vector<PlatformRule> platforms_at(const Json& media) {
  const Json& list = member(media, "new_media.platforms", "platforms");
  if (!list.is_array() || list.empty()) fail("new_media.platforms", "must be a non-empty array");
  std::vector<PlatformRule> platforms;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = "new_media.platforms[" + std::to_string(i) + "]";
    if (!list[i].is_object() || !list[i].contains("id") || !list[i]["id"].is_string()) {
      fail(path, "must be an object with \"id\" and \"names\"");
    }
    platforms.push_back(
        {list[i]["id"].get<std::string>(), texts_at(list[i], path + ".names", "names")});
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

FreshnessRules load_freshness_rules(const nlohmann::json& ruleset) {
  if (!ruleset.is_object() || !ruleset.contains("freshness")) {
    throw std::invalid_argument("ruleset: freshness: missing");
  }
  const Json& section = ruleset["freshness"];
  if (!section.is_object()) fail("", "must be an object");
  FreshnessRules rules;
  rules.earliest_year =
      count_at(object_at(section, "dates", "dates"), "dates.earliest_year", "earliest_year", 1900);
  rules.classes = classes_at(section);
  const Json& unknown = member(section, "unknown_class", "unknown_class");
  if (!unknown.is_string() || unknown.get<std::string>().empty()) {
    fail("unknown_class", "must be a name");
  }
  rules.unknown_class = unknown.get<std::string>();

  const Json& list = object_at(section, "list", "list");
  rules.min_dated_items = count_at(list, "list.min_dated_items", "min_dated_items");
  rules.min_title_chars = count_at(list, "list.min_title_chars", "min_title_chars");
  rules.pagination_texts = texts_at(list, "list.pagination_texts", "pagination_texts");
  rules.breadcrumb_markers = texts_at(list, "list.breadcrumb_markers", "breadcrumb_markers");
  rules.breadcrumb_separators =
      texts_at(list, "list.breadcrumb_separators", "breadcrumb_separators");
  rules.title_separators = texts_at(list, "list.title_separators", "title_separators");

  const Json& blank = object_at(section, "blank", "blank");
  rules.blank_phrases = texts_at(blank, "blank.phrases", "phrases");
  for (const auto& phrase : rules.blank_phrases)
    rules.blank_phrase_bytes.push_back(byte_set(phrase));
  rules.max_phrase_line_chars =
      count_at(blank, "blank.max_phrase_line_chars", "max_phrase_line_chars");
  rules.max_own_text_chars = count_at(blank, "blank.max_own_text_chars", "max_own_text_chars", 0);

  const Json& home = object_at(section, "home", "home");
  rules.home_veto_days = count_at(home, "home.veto_days", "veto_days");
  rules.home_warn_days = count_at(home, "home.warn_days", "warn_days");

  const Json& stale = object_at(section, "columns_stale", "columns_stale");
  rules.dynamic_classes = texts_at(stale, "columns_stale.dynamic_classes", "dynamic_classes");
  rules.first_level_classes =
      texts_at(stale, "columns_stale.first_level_classes", "first_level_classes");
  rules.stale_veto_count = count_at(stale, "columns_stale.veto_count", "veto_count");
  rules.stale_warn_count = count_at(stale, "columns_stale.warn_count", "warn_count");
  rules.long_stale_veto_count =
      count_at(stale, "columns_stale.long_stale_veto_count", "long_stale_veto_count");
  rules.long_stale_warn_count =
      count_at(stale, "columns_stale.long_stale_warn_count", "long_stale_warn_count");
  for (const auto& id : rules.dynamic_classes) {
    if (rules.find_class(id) == nullptr)
      fail("columns_stale.dynamic_classes", "unknown class " + id);
  }
  for (const auto& id : rules.first_level_classes) {
    if (rules.find_class(id) == nullptr) {
      fail("columns_stale.first_level_classes", "unknown class " + id);
    }
  }

  const Json& blank_counts = object_at(section, "columns_blank", "columns_blank");
  rules.blank_veto_count = count_at(blank_counts, "columns_blank.veto_count", "veto_count");
  rules.blank_warn_count = count_at(blank_counts, "columns_blank.warn_count", "warn_count");

  const Json& media = object_at(section, "new_media", "new_media");
  rules.media_index_names = texts_at(media, "new_media.index_names", "index_names");
  rules.platforms = platforms_at(media);
  rules.media_veto_days = count_at(media, "new_media.veto_days", "veto_days");
  rules.media_warn_days = count_at(media, "new_media.warn_days", "warn_days");
  if (rules.home_warn_days > rules.home_veto_days)
    fail("home.warn_days", "must not exceed veto_days");
  if (rules.media_warn_days > rules.media_veto_days) {
    fail("new_media.warn_days", "must not exceed veto_days");
  }
  return rules;
}

scanner::CivilDate window_start(const scanner::CivilDate& date, const UpdateWindow& window) {
  if (window.days > 0) {
    return scanner::add_days(date, -window.days);
  }
  int total = date.year * 12 + (date.month - 1) - window.months;
  scanner::CivilDate start{total / 12, total % 12 + 1, date.day};
  start.day = std::min(start.day, scanner::days_in_month(start.year, start.month));
  return start;
}

std::string format_date(const scanner::CivilDate& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

} // namespace checks
