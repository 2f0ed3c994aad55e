#include <app/config.hpp>
#include <app/validate.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <core/jsonc.hpp>
#include <core/problems.hpp>
#include <limits>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

namespace app {
namespace {

using Json = nlohmann::json;
using scanner::ColumnConfig;
using scanner::NewMediaAccount;
using scanner::SiteConfig;

std::string quote(std::string_view text) {
  return '"' + std::string(text) + '"';
}

// Where a value sits: its JSON pointer (to find its line) and its name as messages show it.
struct KeyPath {
  std::string pointer; // "/sites/0/start_urls"
  std::string name;    // "sites[0].start_urls"

  KeyPath member(std::string_view key) const {
    return {pointer + "/" + core::escape_pointer_token(key),
            name.empty() ? std::string(key) : name + "." + std::string(key)};
  }
  KeyPath element(std::size_t index) const {
    return {pointer + "/" + std::to_string(index), name + "[" + std::to_string(index) + "]"};
  }
};

const std::array<std::string_view, 7> k_site_keys{"name",      "start_urls", "hosts",       "paths",
                                                  "new_media", "columns",    "has_services"};
const std::array<std::string_view, 3> k_account_keys{"name", "platform", "url"};
const std::array<std::string_view, 4> k_column_keys{"url", "name", "class", "level"};

// Applies one parsed config to options and collects every problem, each with its line.
class ConfigLoader {
public:
  ConfigLoader(std::string_view file, const core::JsoncDocument& document)
      : m_file(file), m_lines(document.lines) {}

  void load(const Json& root, Settings& options) {
    if (!root.is_object()) {
      report(KeyPath{}, "the config must be a JSON object, got " + core::quote_json(root));
      return;
    }
    for (const auto& [key, value] : root.items()) {
      KeyPath path = KeyPath{}.member(key);
      if (key == "sites") {
        load_sites(value, path, options.sites);
      } else if (const Setting* spec = find_setting(key)) {
        load_setting(*spec, value, path, options);
      } else {
        std::vector<std::string_view> keys = setting_keys();
        keys.push_back("sites");
        report_unknown(path, key, keys);
      }
    }
  }

  // All problems in file order, one per line.
  std::string problems() {
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text;
    for (const auto& [line, message] : m_problems) {
      if (!text.empty()) text += '\n';
      text += message;
    }
    return text;
  }

  bool ok() const { return m_problems.empty(); }

private:
  std::uint32_t line_of(const KeyPath& path) const {
    auto it = m_lines.find(path.pointer);
    return it == m_lines.end() ? 1 : it->second;
  }

  void report(const KeyPath& path, const std::string& message) {
    std::uint32_t line = line_of(path);
    m_problems.emplace_back(line, m_file + ":" + std::to_string(line) + ": " + message);
  }

  // `"name" RULE, got VALUE`
  void report_value(const KeyPath& path, std::string_view rule, const Json& value) {
    report(path, quote(path.name) + " " + std::string(rule) + ", got " + core::quote_json(value));
  }

  void report_unknown(const KeyPath& path, std::string_view key,
                      std::span<const std::string_view> known) {
    std::string message = "unknown key " + quote(path.name);
    if (auto match = core::closest_match(key, known)) {
      message += " (did you mean " + quote(*match) + "?)";
    }
    report(path, message);
  }

  void load_setting(const Setting& spec, const Json& value, const KeyPath& path,
                    Settings& options) {
    switch (type_of(spec.field)) {
    case SettingType::integer:
      load_integer(spec, value, path, options);
      break;
    case SettingType::number:
      if (!value.is_number()) {
        report_value(path, *spec.check_number(std::nan("")), value);
      } else if (auto problem = spec.check_number(value.get<double>())) {
        report_value(path, *problem, value);
      } else {
        options.*std::get<double Settings::*>(spec.field) = value.get<double>();
      }
      break;
    case SettingType::text:
      if (auto text = load_text(value, path, spec.check_text)) {
        options.*std::get<std::string Settings::*>(spec.field) = std::move(*text);
      }
      break;
    case SettingType::flag:
      if (value.is_boolean()) {
        options.*std::get<bool Settings::*>(spec.field) = value.get<bool>();
      } else {
        report_value(path, "must be true or false", value);
      }
      break;
    case SettingType::text_list:
      if (auto list = load_text_list(value, path, spec.check_text)) {
        options.*std::get<std::vector<std::string> Settings::*>(spec.field) = std::move(*list);
      }
      break;
    }
  }

  void load_integer(const Setting& spec, const Json& value, const KeyPath& path,
                    Settings& options) {
    bool in_range = false;
    std::int64_t number = 0;
    if (value.is_number_unsigned()) {
      auto unsigned_number = value.get<std::uint64_t>();
      in_range = unsigned_number <= static_cast<std::uint64_t>(spec.max);
      number = static_cast<std::int64_t>(
          std::min<std::uint64_t>(unsigned_number, std::numeric_limits<std::int64_t>::max()));
    } else if (value.is_number_integer()) {
      number = value.get<std::int64_t>();
      in_range = true;
    }
    if (!in_range || number < spec.min || number > spec.max) {
      report_value(path, integer_rule(spec, true), value);
      return;
    }
    store_integer(options, spec, number);
  }

  std::optional<std::string> load_text(const Json& value, const KeyPath& path, TextCheck check) {
    if (!value.is_string()) {
      report_value(path, "must be a string", value);
      return std::nullopt;
    }
    auto text = value.get<std::string>();
    if (check) {
      if (auto problem = check(text)) {
        report_value(path, *problem, value);
        return std::nullopt;
      }
    }
    return text;
  }

  // An array of strings, each passing `check`. `non_empty_rule`, when given, is the rule
  // reported for a missing or empty array.
  std::optional<std::vector<std::string>> load_text_list(const Json& value, const KeyPath& path,
                                                         TextCheck check,
                                                         std::string_view non_empty_rule = {}) {
    if (!value.is_array() || (!non_empty_rule.empty() && value.empty())) {
      report_value(path, non_empty_rule.empty() ? "must be an array of strings" : non_empty_rule,
                   value);
      return std::nullopt;
    }
    std::vector<std::string> list;
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto text = load_text(value[i], path.element(i), check)) {
        list.push_back(std::move(*text));
      } else {
        ok = false;
      }
    }
    return ok ? std::optional(std::move(list)) : std::nullopt;
  }

  void load_sites(const Json& value, const KeyPath& path, std::vector<SiteConfig>& sites) {
    if (!value.is_array()) {
      report_value(path, "must be an array of site objects", value);
      return;
    }
    std::vector<SiteConfig> loaded;
    for (std::size_t i = 0; i < value.size(); ++i) {
      loaded.push_back(load_site(value[i], path.element(i)));
    }
    sites = std::move(loaded);
  }

  SiteConfig load_site(const Json& value, const KeyPath& path) {
    SiteConfig site;
    if (!value.is_object()) {
      report_value(path, "must be an object with \"start_urls\"", value);
      return site;
    }
    if (!value.contains("start_urls")) {
      report(path,
             quote(path.name) +
                 " has no \"start_urls\" (each site needs at least one absolute http(s) URL)");
    }
    for (const auto& [key, member] : value.items()) {
      KeyPath member_path = path.member(key);
      if (key == "name") {
        site.name = load_text(member, member_path, nullptr).value_or("");
      } else if (key == "start_urls") {
        site.start_urls = load_text_list(member, member_path, validate_http_url,
                                         "must be a non-empty array of absolute http(s) URLs")
                              .value_or(std::vector<std::string>{});
      } else if (key == "hosts") {
        site.hosts = load_text_list(member, member_path, validate_host_pattern)
                         .value_or(std::vector<std::string>{});
      } else if (key == "paths") {
        site.paths = load_text_list(member, member_path, validate_path_prefix)
                         .value_or(std::vector<std::string>{});
      } else if (key == "new_media") {
        load_new_media(member, member_path, site);
      } else if (key == "columns") {
        load_columns(member, member_path, site);
      } else if (key == "has_services") {
        if (member.is_boolean()) {
          site.has_services = member.get<bool>();
        } else {
          report_value(member_path, "must be true or false", member);
        }
      } else {
        report_unknown(member_path, key, k_site_keys);
      }
    }
    return site;
  }

  void load_new_media(const Json& value, const KeyPath& path, SiteConfig& site) {
    constexpr std::string_view k_rule =
        "must be an absolute http(s) URL or an object {\"name\", \"platform\", \"url\"}";
    if (!value.is_array()) {
      report_value(path, "must be an array of new-media accounts", value);
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      KeyPath element = path.element(i);
      const Json& entry = value[i];
      NewMediaAccount account;
      if (entry.is_string()) {
        auto url = load_text(entry, element, validate_http_url);
        if (!url) continue;
        account.url = std::move(*url);
      } else if (entry.is_object()) {
        if (!load_account(entry, element, account)) continue;
      } else {
        report_value(element, k_rule, entry);
        continue;
      }
      site.new_media.push_back(account.url);
      site.new_media_accounts.push_back(std::move(account));
    }
  }

  void load_columns(const Json& value, const KeyPath& path, SiteConfig& site) {
    if (!value.is_array()) {
      report_value(path, "must be an array of column objects {\"url\", \"name\", \"class\"}",
                   value);
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      KeyPath element = path.element(i);
      const Json& entry = value[i];
      if (!entry.is_object()) {
        report_value(element, "must be an object {\"url\", \"name\", \"class\", \"level\"}", entry);
        continue;
      }
      if (!entry.contains("url")) {
        report(element, quote(element.name) + " has no \"url\" (the column's first list page)");
        continue;
      }
      ColumnConfig column;
      bool ok = true;
      for (const auto& [key, member] : entry.items()) {
        KeyPath member_path = element.member(key);
        if (key == "url") {
          auto url = load_text(member, member_path, validate_http_url);
          ok = ok && url.has_value();
          column.url = url.value_or("");
        } else if (key == "name" || key == "class") {
          auto text = load_text(member, member_path, nullptr);
          ok = ok && text.has_value();
          (key == "name" ? column.name : column.column_class) = text.value_or("");
        } else if (key == "level") {
          if (!member.is_number_integer() || member.get<std::int64_t>() < 0 ||
              member.get<std::int64_t>() > 10) {
            report_value(member_path, "must be an integer between 0 and 10", member);
            ok = false;
          } else {
            column.level = member.get<int>();
          }
        } else {
          report_unknown(member_path, key, k_column_keys);
          ok = false;
        }
      }
      if (ok) site.columns.push_back(std::move(column));
    }
  }

  bool load_account(const Json& entry, const KeyPath& path, NewMediaAccount& account) {
    bool ok = true;
    if (!entry.contains("url")) {
      report(path, quote(path.name) + " has no \"url\" (the address of the account page)");
      ok = false;
    }
    for (const auto& [key, member] : entry.items()) {
      KeyPath member_path = path.member(key);
      std::optional<std::string> text;
      if (key == "name" || key == "platform") {
        text = load_text(member, member_path, nullptr);
        (key == "name" ? account.name : account.platform) = text.value_or("");
      } else if (key == "url") {
        text = load_text(member, member_path, validate_http_url);
        account.url = text.value_or("");
      } else {
        report_unknown(member_path, key, k_account_keys);
      }
      ok = ok && text.has_value();
    }
    return ok;
  }

  std::string m_file;
  const std::unordered_map<std::string, std::uint32_t>& m_lines;
  std::vector<std::pair<std::uint32_t, std::string>> m_problems;
};

// Applies the parsed config `document` of the file `path` over `base`.
core::Expected<Settings> apply_config(const core::JsoncDocument& document, const std::string& path,
                                      Settings base) {
  ConfigLoader loader(path, document);
  loader.load(document.root, base);
  if (!loader.ok()) return core::unexpected(loader.problems());
  return base;
}

} // namespace

core::Expected<Settings> load_config(const std::string& path, Settings base) {
  auto document = core::read_jsonc_file(path, "config file");
  if (!document) return core::unexpected(document.error());
  return apply_config(*document, path, std::move(base));
}

core::Expected<Settings> parse_config(std::string_view text, const std::string& path,
                                      Settings base) {
  auto document = core::parse_jsonc(text, path);
  if (!document) return core::unexpected(document.error());
  return apply_config(*document, path, std::move(base));
}

} // namespace app
