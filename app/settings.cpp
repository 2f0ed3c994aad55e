#include <app/settings.hpp>
#include <app/validate.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <type_traits>

namespace app {
namespace {

// Rules of number settings. NaN stands for "not a number at all" and must be rejected.
std::optional<std::string> check_rate(double value) {
  if (value >= 0 && std::isfinite(value)) return std::nullopt;
  return "must be a number >= 0 (requests per second, 0 = unlimited)";
}

std::optional<std::string> check_pause(double value) {
  constexpr double k_max_pause = 3600;
  if (value >= 0 && value <= k_max_pause) return std::nullopt;
  return "must be a number of seconds from 0 to 3600";
}

std::optional<std::string> check_seconds(double value) {
  constexpr double k_max_seconds = 3600;
  if (value > 0 && value <= k_max_seconds) return std::nullopt;
  return "must be a number of seconds greater than 0 and at most 3600";
}

std::optional<std::string> check_bonus(double value) {
  if (value >= 0 && value <= 100) return std::nullopt;
  return "must be a number of points between 0 and 100";
}

std::optional<std::string> check_fail_under(double value) {
  if (value >= 0 && value <= 200) return std::nullopt;
  return "must be a score between 0 and 200 (0 = off)";
}

std::optional<std::string> check_interval(double value) {
  constexpr double k_max_interval = 86400;
  if (value >= 0 && value <= k_max_interval) return std::nullopt;
  return "must be a number of seconds from 0 to 86400";
}

constexpr std::int64_t k_max_body_limit = std::int64_t{1} << 30;

// The table. Defaults are Settings' member initialisers; the help shows them.
const Setting k_settings[] = {
    {"--out", "out", "DIR", "write the reports to DIR", &Settings::out_dir, 0, 0,
     validate_plain_text, nullptr},
    {"--as-of", "as_of", "YYYY-MM-DD", "judge dates as of this day (default: today, China time)",
     &Settings::as_of, 0, 0, validate_as_of, nullptr},
    {"--max-pages", "max_pages", "N", "stop after N pages (1-10000000)", &Settings::max_pages, 1,
     10'000'000, nullptr, nullptr},
    {"--max-depth", "max_depth", "N", "follow at most N links from a start URL (0-50)",
     &Settings::max_depth, 0, 50, nullptr, nullptr},
    {"--concurrency", "concurrency", "N", "transfers in flight, all hosts together (1-256)",
     &Settings::concurrency, 1, 256, nullptr, nullptr},
    {"--per-host", "per_host", "N", "transfers in flight per host (1-64)", &Settings::per_host, 1,
     64, nullptr, nullptr},
    {"--rate", "rate", "N", "requests per second per host, 0 = unlimited", &Settings::rate, 0, 0,
     nullptr, check_rate},
    {"--timeout", "timeout", "S", "seconds per transfer (at most 3600)", &Settings::timeout, 0, 0,
     nullptr, check_seconds},
    {"--connect-timeout", "connect_timeout", "S", "seconds to connect (at most 3600)",
     &Settings::connect_timeout, 0, 0, nullptr, check_seconds},
    {"--retries", "retries", "N", "extra attempts after a transient failure (0-10)",
     &Settings::retries, 0, 10, nullptr, nullptr},
    {"--recheck-after", "recheck_after", "S",
     "second look at failed links S seconds later (0-3600)", &Settings::recheck_after, 0, 0,
     nullptr, check_pause},
    {"--count", "probe_count", "N", "probe: samples to take (1-100000)", &Settings::probe_count, 1,
     100000, nullptr, nullptr},
    {"--interval", "probe_interval", "S", "probe: seconds between two samples (0-86400)",
     &Settings::probe_interval, 0, 0, nullptr, check_interval},
    {"--max-body", "max_body", "BYTES", "cut bodies larger than this (1024-1073741824)",
     &Settings::max_body, 1024, k_max_body_limit, nullptr, nullptr},
    {"--user-agent", "user_agent", "S", "User-Agent header (default: names govaudit)",
     &Settings::user_agent, 0, 0, validate_plain_text, nullptr},
    {"--dns-server", "dns_server", "IP[:PORT]",
     "resolve names with this DNS server (default: the system's)", &Settings::dns_server, 0, 0,
     validate_dns_server, nullptr},
    {"--ignore-robots", "ignore_robots", "", "do not obey robots.txt", &Settings::ignore_robots, 0,
     0, nullptr, nullptr},
    {"--include", "include", "REGEX", "crawl only in-scope URLs matching one of these (repeatable)",
     &Settings::include, 0, 0, validate_regex, nullptr},
    {"--exclude", "exclude", "REGEX", "do not crawl URLs matching this regex (repeatable)",
     &Settings::exclude, 0, 0, validate_regex, nullptr},
    {"--quiet", "quiet", "", "print no progress", &Settings::quiet, 0, 0, nullptr, nullptr},
    {"--header", "headers", "'NAME: VALUE'", "add this header to every request (repeatable)",
     &Settings::headers, 0, 0, validate_header, nullptr},
    {"--cookie-jar", "cookie_jar", "FILE", "read and write cookies in FILE", &Settings::cookie_jar,
     0, 0, validate_plain_text, nullptr},
    {"--user", "user", "USER:PASS", "HTTP basic authentication", &Settings::user, 0, 0,
     validate_user, nullptr},
    {"--proxy", "proxy", "URL", "proxy: http, https, socks4, socks4a, socks5 or socks5h URL",
     &Settings::proxy, 0, 0, validate_proxy, nullptr},
    {"--insecure", "insecure", "", "accept invalid TLS certificates", &Settings::insecure, 0, 0,
     nullptr, nullptr},
    {"--allow-loopback-ipv6", "allow_loopback_ipv6", "",
     "IPv6 checks: count ::1 as a global address (tests, loopback benches)",
     &Settings::allow_loopback_ipv6, 0, 0, nullptr, nullptr},
    {"--ipv6-sample", "ipv6_sample", "N", "IPv6 URLs per origin to fetch, 0 = all (0-1000000)",
     &Settings::ipv6_sample, 0, 1'000'000, nullptr, nullptr},
    {"--ruleset", "ruleset", "FILE", "score with this ruleset (default: the built-in gov-2019)",
     &Settings::ruleset, 0, 0, validate_plain_text, nullptr},
    {"--format", "formats", "LIST", "reports to write", &Settings::formats, 0, 0, validate_formats,
     nullptr},
    {"--bonus", "bonus", "POINTS", "bonus points a reviewer granted (portal)", &Settings::bonus, 0,
     0, nullptr, check_bonus},
    {"--fail-under", "fail_under", "SCORE", "gate: fail when the score is below SCORE (0 = off)",
     &Settings::fail_under, 0, 0, nullptr, check_fail_under},
    {"--fail-on", "fail_on", "LEVEL", "gate: fail on a new veto, failure or warning",
     &Settings::fail_on, 0, 0, validate_fail_on, nullptr},
    {"--baseline", "baseline", "FILE",
     "gate: count findings new or worse than in this findings.json/folder", &Settings::baseline, 0,
     0, validate_plain_text, nullptr},
    {"--exceptions", "exceptions", "FILE", "gate: explained findings (JSON, see the README)",
     &Settings::exceptions, 0, 0, validate_plain_text, nullptr},
    {"--assessments", "assessments", "FILE",
     "a reviewer's item scores and veto decisions (JSON, see the README)", &Settings::assessments,
     0, 0, validate_plain_text, nullptr},
};

} // namespace

SettingType type_of(const SettingField& field) {
  switch (field.index()) {
  case 0:
  case 1:
  case 2:
    return SettingType::integer;
  case 3:
    return SettingType::number;
  case 4:
    return SettingType::text;
  case 5:
    return SettingType::flag;
  default:
    return SettingType::text_list;
  }
}

std::string integer_rule(const Setting& spec, bool say_integer) {
  return std::string(say_integer ? "must be an integer between " : "must be between ") +
         std::to_string(spec.min) + " and " + std::to_string(spec.max);
}

void store_integer(Settings& settings, const Setting& spec, std::int64_t value) {
  if (auto field = std::get_if<std::uint32_t Settings::*>(&spec.field)) {
    settings.*(*field) = static_cast<std::uint32_t>(value);
  } else if (auto int_field = std::get_if<int Settings::*>(&spec.field)) {
    settings.*(*int_field) = static_cast<int>(value);
  } else {
    settings.*std::get<std::uint64_t Settings::*>(spec.field) = static_cast<std::uint64_t>(value);
  }
}

std::span<const Setting> settings_table() {
  return k_settings;
}

const Setting* find_setting(std::string_view key) {
  auto it = std::find_if(std::begin(k_settings), std::end(k_settings),
                         [&](const Setting& setting) { return setting.key == key; });
  return it == std::end(k_settings) ? nullptr : &*it;
}

std::vector<std::string_view> setting_keys() {
  std::vector<std::string_view> keys;
  for (const Setting& setting : k_settings) keys.push_back(setting.key);
  return keys;
}

std::optional<SettingType> setting_type(std::string_view key) {
  const Setting* spec = find_setting(key);
  if (spec == nullptr) return std::nullopt;
  return type_of(spec->field);
}

std::optional<std::string> apply_setting_text(Settings& settings, std::string_view key,
                                              std::string_view text) {
  const Setting* spec = find_setting(key);
  if (spec == nullptr) return "is not a setting";
  switch (type_of(spec->field)) {
  case SettingType::integer: {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    bool whole = end == text.data() + text.size();
    if (error == std::errc::result_out_of_range && whole) return integer_rule(*spec, false);
    if (error != std::errc{} || !whole) return integer_rule(*spec, true);
    if (value < spec->min || value > spec->max) return integer_rule(*spec, false);
    store_integer(settings, *spec, value);
    return std::nullopt;
  }
  case SettingType::number: {
    double value = std::nan("");
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) value = std::nan("");
    if (auto problem = spec->check_number(value)) return problem;
    settings.*std::get<double Settings::*>(spec->field) = value;
    return std::nullopt;
  }
  case SettingType::text:
    if (auto problem = spec->check_text(text)) return problem;
    settings.*std::get<std::string Settings::*>(spec->field) = std::string(text);
    return std::nullopt;
  case SettingType::flag:
    settings.*std::get<bool Settings::*>(spec->field) = true;
    return std::nullopt;
  case SettingType::text_list:
    if (auto problem = spec->check_text(text)) return problem;
    (settings.*std::get<std::vector<std::string> Settings::*>(spec->field)).emplace_back(text);
    return std::nullopt;
  }
  return "is not a setting";
}

std::string setting_text(const Settings& settings, std::string_view key) {
  const Setting* spec = find_setting(key);
  if (spec == nullptr) return "";
  auto format = [&](auto field) -> std::string {
    const auto& value = settings.*field;
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, bool>) {
      return value ? "true" : "false";
    } else if constexpr (std::is_same_v<Value, double>) {
      std::array<char, 32> buffer{};
      char* end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
      return std::string(buffer.data(), end);
    } else if constexpr (std::is_same_v<Value, std::string>) {
      return value;
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
      std::string joined;
      for (const std::string& entry : value) joined += (joined.empty() ? "" : ", ") + entry;
      return joined;
    } else {
      return std::to_string(value);
    }
  };
  return std::visit(format, spec->field);
}

void reset_setting(Settings& settings, std::string_view key) {
  const Setting* spec = find_setting(key);
  if (spec == nullptr) return;
  const Settings defaults;
  std::visit([&](auto field) { settings.*field = defaults.*field; }, spec->field);
}
} // namespace app
