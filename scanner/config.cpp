#include <scanner/config.hpp>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <regex>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>

namespace scanner {
namespace {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Small text helpers

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return is_control(static_cast<unsigned char>(c)); });
}

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ipv4(std::string_view text) {
  in_addr address{};
  return inet_pton(AF_INET, std::string(text).c_str(), &address) == 1;
}

bool is_ipv6(std::string_view text) {
  in6_addr address{};
  return inet_pton(AF_INET6, std::string(text).c_str(), &address) == 1;
}

bool is_port(std::string_view text) {
  int port = 0;
  if (!is_digits(text) || text.size() > 5) return false;
  std::from_chars(text.data(), text.data() + text.size(), port);
  return port >= 1 && port <= 65535;
}

// The JSON text of `value` as messages quote it, cut when long so that one message stays one
// readable line.
std::string quote_json(const Json& value) {
  constexpr std::size_t k_max_quoted = 80;
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > k_max_quoted) text = text.substr(0, k_max_quoted) + "...";
  return text;
}

std::string quote(std::string_view text) {
  return '"' + std::string(text) + '"';
}

// Scheme and host of `text` as libcurl's URL parser sees it, or nullopt when it is no absolute
// URL. Any scheme is accepted here; callers decide which they allow.
struct SchemeAndHost {
  std::string scheme;
  std::string host;
};

std::optional<SchemeAndHost> split_url(std::string_view text) {
  if (text.empty() || has_control(text) || text.find(' ') != std::string_view::npos) {
    return std::nullopt;
  }
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), curl_url_cleanup);
  if (!handle) return std::nullopt;
  if (curl_url_set(handle.get(), CURLUPART_URL, std::string(text).c_str(),
                   CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return std::nullopt;
  }
  SchemeAndHost result;
  for (auto [part, target] :
       {std::pair{CURLUPART_SCHEME, &result.scheme}, std::pair{CURLUPART_HOST, &result.host}}) {
    char* value = nullptr;
    if (curl_url_get(handle.get(), part, &value, 0) != CURLUE_OK || value == nullptr) {
      return std::nullopt;
    }
    *target = value;
    curl_free(value);
  }
  std::transform(result.scheme.begin(), result.scheme.end(), result.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (result.host.empty()) return std::nullopt;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The top-level settings: one table shared by the config file and the command line.

using Field =
    std::variant<std::uint32_t CrawlOptions::*, int CrawlOptions::*, std::uint64_t CrawlOptions::*,
                 double CrawlOptions::*, std::string CrawlOptions::*, bool CrawlOptions::*,
                 std::vector<std::string> CrawlOptions::*>;

using TextCheck = std::optional<std::string> (*)(std::string_view);
using NumberCheck = std::optional<std::string> (*)(double);

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

// The report formats `govaudit` writes (reports/ owns them; the names are listed here so that a
// typo is a usage error before any crawl).
std::optional<std::string> validate_formats(std::string_view text) {
  constexpr std::array<std::string_view, 6> k_formats{"json",  "html", "junit",
                                                      "sarif", "csv",  "md"};
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(',', start), text.size());
    std::string_view name = text.substr(start, end - start);
    if (std::find(k_formats.begin(), k_formats.end(), name) == k_formats.end()) {
      return "must be a comma-separated list of json, html, junit, sarif, csv, md";
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> validate_fail_on(std::string_view text) {
  if (text == "none" || text == "veto" || text == "failure" || text == "warning") {
    return std::nullopt;
  }
  return "must be one of none, veto, failure, warning";
}

struct SettingSpec {
  std::string_view key;
  Field field;
  std::int64_t min = 0; // integers only
  std::int64_t max = 0;
  TextCheck check_text = nullptr;     // text settings and text_list elements
  NumberCheck check_number = nullptr; // number settings
};

constexpr std::int64_t k_max_body_limit = std::int64_t{1} << 30;

std::optional<std::string> check_interval(double value) {
  constexpr double k_max_interval = 86400;
  if (value >= 0 && value <= k_max_interval) return std::nullopt;
  return "must be a number of seconds from 0 to 86400";
}

const std::array<SettingSpec, 35> k_settings{{
    {"out", &CrawlOptions::out_dir, 0, 0, validate_plain_text, nullptr},
    {"as_of", &CrawlOptions::as_of, 0, 0, validate_as_of, nullptr},
    {"max_pages", &CrawlOptions::max_pages, 1, 10'000'000, nullptr, nullptr},
    {"max_depth", &CrawlOptions::max_depth, 0, 50, nullptr, nullptr},
    {"concurrency", &CrawlOptions::concurrency, 1, 256, nullptr, nullptr},
    {"per_host", &CrawlOptions::per_host, 1, 64, nullptr, nullptr},
    {"rate", &CrawlOptions::rate, 0, 0, nullptr, check_rate},
    {"timeout", &CrawlOptions::timeout, 0, 0, nullptr, check_seconds},
    {"connect_timeout", &CrawlOptions::connect_timeout, 0, 0, nullptr, check_seconds},
    {"retries", &CrawlOptions::retries, 0, 10, nullptr, nullptr},
    {"recheck_after", &CrawlOptions::recheck_after, 0, 0, nullptr, check_pause},
    {"probe_count", &CrawlOptions::probe_count, 1, 100000, nullptr, nullptr},
    {"probe_interval", &CrawlOptions::probe_interval, 0, 0, nullptr, check_interval},
    {"max_body", &CrawlOptions::max_body, 1024, k_max_body_limit, nullptr, nullptr},
    {"user_agent", &CrawlOptions::user_agent, 0, 0, validate_plain_text, nullptr},
    {"dns_server", &CrawlOptions::dns_server, 0, 0, validate_dns_server, nullptr},
    {"ignore_robots", &CrawlOptions::ignore_robots, 0, 0, nullptr, nullptr},
    {"include", &CrawlOptions::include, 0, 0, validate_regex, nullptr},
    {"exclude", &CrawlOptions::exclude, 0, 0, validate_regex, nullptr},
    {"quiet", &CrawlOptions::quiet, 0, 0, nullptr, nullptr},
    {"headers", &CrawlOptions::headers, 0, 0, validate_header, nullptr},
    {"cookie_jar", &CrawlOptions::cookie_jar, 0, 0, validate_plain_text, nullptr},
    {"user", &CrawlOptions::user, 0, 0, validate_user, nullptr},
    {"proxy", &CrawlOptions::proxy, 0, 0, validate_proxy, nullptr},
    {"insecure", &CrawlOptions::insecure, 0, 0, nullptr, nullptr},
    {"allow_loopback_ipv6", &CrawlOptions::allow_loopback_ipv6, 0, 0, nullptr, nullptr},
    {"ipv6_sample", &CrawlOptions::ipv6_sample, 0, 1'000'000, nullptr, nullptr},
    {"ruleset", &CrawlOptions::ruleset, 0, 0, validate_plain_text, nullptr},
    {"formats", &CrawlOptions::formats, 0, 0, validate_formats, nullptr},
    {"bonus", &CrawlOptions::bonus, 0, 0, nullptr, check_bonus},
    {"fail_under", &CrawlOptions::fail_under, 0, 0, nullptr, check_fail_under},
    {"fail_on", &CrawlOptions::fail_on, 0, 0, validate_fail_on, nullptr},
    {"baseline", &CrawlOptions::baseline, 0, 0, validate_plain_text, nullptr},
    {"exceptions", &CrawlOptions::exceptions, 0, 0, validate_plain_text, nullptr},
    {"assessments", &CrawlOptions::assessments, 0, 0, validate_plain_text, nullptr},
}};

const std::array<std::string_view, k_settings.size()> k_setting_keys = [] {
  std::array<std::string_view, k_settings.size()> keys{};
  std::transform(k_settings.begin(), k_settings.end(), keys.begin(),
                 [](const SettingSpec& spec) { return spec.key; });
  return keys;
}();

const SettingSpec* find_spec(std::string_view key) {
  auto it = std::find_if(k_settings.begin(), k_settings.end(),
                         [&](const SettingSpec& spec) { return spec.key == key; });
  return it == k_settings.end() ? nullptr : &*it;
}

SettingType type_of(const Field& field) {
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

std::string integer_rule(const SettingSpec& spec, bool say_integer) {
  return std::string(say_integer ? "must be an integer between " : "must be between ") +
         std::to_string(spec.min) + " and " + std::to_string(spec.max);
}

// Stores the integer `value` (already within the limits of `spec`) in its field.
void store_integer(CrawlOptions& options, const SettingSpec& spec, std::int64_t value) {
  if (auto field = std::get_if<std::uint32_t CrawlOptions::*>(&spec.field)) {
    options.*(*field) = static_cast<std::uint32_t>(value);
  } else if (auto int_field = std::get_if<int CrawlOptions::*>(&spec.field)) {
    options.*(*int_field) = static_cast<int>(value);
  } else {
    options.*std::get<std::uint64_t CrawlOptions::*>(spec.field) =
        static_cast<std::uint64_t>(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Key positions. nlohmann::json does not say where a key was, so this scanner walks the raw text
// (already known to parse) and records the line of every member and array element.

// Appends the UTF-8 encoding of `code_point` to `out`.
void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xc0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xe0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  }
}

std::uint32_t read_hex4(std::string_view text, std::size_t pos) {
  std::uint32_t value = 0;
  if (pos + 4 > text.size()) return 0;
  std::from_chars(text.data() + pos, text.data() + pos + 4, value, 16);
  return value;
}

// Decodes the JSON string starting at the quote `text[pos]`; leaves `pos` after the closing
// quote. Keys must be decoded so that they match the keys nlohmann::json reports.
std::string read_string(std::string_view text, std::size_t& pos) {
  std::string out;
  ++pos;
  while (pos < text.size() && text[pos] != '"') {
    if (text[pos] != '\\' || pos + 1 >= text.size()) {
      out += text[pos++];
      continue;
    }
    char escaped = text[pos + 1];
    pos += 2;
    switch (escaped) {
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case 'u': {
      std::uint32_t code_point = read_hex4(text, pos);
      pos += 4;
      // A high surrogate is followed by "\uDC00"-style low surrogate (the parser checked it).
      if (code_point >= 0xd800 && code_point < 0xdc00 && pos + 6 <= text.size()) {
        std::uint32_t low = read_hex4(text, pos + 2);
        code_point = 0x10000 + ((code_point - 0xd800) << 10) + (low - 0xdc00);
        pos += 6;
      }
      append_utf8(out, code_point);
      break;
    }
    default: // '"', '\\', '/'
      out += escaped;
    }
  }
  ++pos;
  return out;
}

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Maps the JSON pointer of every member and array element in `text` (JSON with comments that
// nlohmann::json accepted) to its 1-based line: the line of the key for members. Iterative, so
// that deep nesting cannot overflow the stack. A repeated key maps to its last occurrence, the
// one nlohmann::json keeps.
std::unordered_map<std::string, std::uint32_t> scan_key_lines(std::string_view text) {
  struct Frame {
    std::string pointer;
    bool is_array = false;
    std::size_t index = 0;  // arrays: index of the current element
    bool expect_key = true; // objects: the next string is a key
    std::string member;     // objects: pointer of the current member
  };
  std::unordered_map<std::string, std::uint32_t> lines;
  std::vector<Frame> stack;
  std::uint32_t line = 1;
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;

  // Records the start of a value and returns its pointer; members were recorded at their key.
  auto begin_value = [&]() -> std::string {
    if (stack.empty()) {
      lines.try_emplace("", line);
      return "";
    }
    Frame& top = stack.back();
    if (!top.is_array) return top.member;
    std::string pointer = top.pointer + "/" + std::to_string(top.index);
    lines.insert_or_assign(pointer, line);
    return pointer;
  };

  while (pos < text.size()) {
    char c = text[pos];
    if (c == '\n') {
      ++line;
      ++pos;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
      ++pos;
    } else if (text.substr(pos, 2) == "//") {
      pos = std::min(text.find('\n', pos), text.size());
    } else if (text.substr(pos, 2) == "/*") {
      std::size_t end = std::min(text.find("*/", pos + 2), text.size());
      line += static_cast<std::uint32_t>(std::count(text.begin() + static_cast<long>(pos),
                                                    text.begin() + static_cast<long>(end), '\n'));
      pos = std::min(end + 2, text.size());
    } else if (c == '"') {
      std::uint32_t start_line = line;
      std::string value = read_string(text, pos);
      if (!stack.empty() && !stack.back().is_array && stack.back().expect_key) {
        Frame& top = stack.back();
        top.member = top.pointer + "/" + escape_pointer_token(value);
        top.expect_key = false;
        lines.insert_or_assign(top.member, start_line);
      } else {
        begin_value();
      }
    } else if (c == '{' || c == '[') {
      std::string pointer = begin_value();
      stack.push_back(Frame{std::move(pointer), c == '[', 0, c == '{', {}});
      ++pos;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++pos;
    } else if (c == ',') {
      if (!stack.empty()) {
        Frame& top = stack.back();
        top.is_array ? static_cast<void>(++top.index) : static_cast<void>(top.expect_key = true);
      }
      ++pos;
    } else {
      // A number or a literal: runs to the next delimiter. A '/' that starts no comment is
      // passed over: it stopped the scan for good (a hang, fuzz/corpus/config/lone-slash).
      begin_value();
      const std::size_t start = pos;
      while (pos < text.size() &&
             std::string_view(" \t\r\n,]}/").find(text[pos]) == std::string_view::npos) {
        ++pos;
      }
      if (pos == start) ++pos;
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Loading

// Where a value sits: its JSON pointer (to find its line) and its name as messages show it.
struct KeyPath {
  std::string pointer; // "/sites/0/start_urls"
  std::string name;    // "sites[0].start_urls"

  KeyPath member(std::string_view key) const {
    return {pointer + "/" + escape_pointer_token(key),
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
  ConfigLoader(std::string_view file, std::string_view text)
      : m_file(file), m_lines(scan_key_lines(text)) {}

  void load(const Json& root, CrawlOptions& options) {
    if (!root.is_object()) {
      report(KeyPath{}, "the config must be a JSON object, got " + quote_json(root));
      return;
    }
    for (const auto& [key, value] : root.items()) {
      KeyPath path = KeyPath{}.member(key);
      if (key == "sites") {
        load_sites(value, path, options.sites);
      } else if (const SettingSpec* spec = find_spec(key)) {
        load_setting(*spec, value, path, options);
      } else {
        std::vector<std::string_view> keys(k_setting_keys.begin(), k_setting_keys.end());
        keys.emplace_back("sites");
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
    report(path, quote(path.name) + " " + std::string(rule) + ", got " + quote_json(value));
  }

  void report_unknown(const KeyPath& path, std::string_view key,
                      std::span<const std::string_view> known) {
    std::string message = "unknown key " + quote(path.name);
    if (auto match = closest_match(key, known)) {
      message += " (did you mean " + quote(*match) + "?)";
    }
    report(path, message);
  }

  void load_setting(const SettingSpec& spec, const Json& value, const KeyPath& path,
                    CrawlOptions& options) {
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
        options.*std::get<double CrawlOptions::*>(spec.field) = value.get<double>();
      }
      break;
    case SettingType::text:
      if (auto text = load_text(value, path, spec.check_text)) {
        options.*std::get<std::string CrawlOptions::*>(spec.field) = std::move(*text);
      }
      break;
    case SettingType::flag:
      if (value.is_boolean()) {
        options.*std::get<bool CrawlOptions::*>(spec.field) = value.get<bool>();
      } else {
        report_value(path, "must be true or false", value);
      }
      break;
    case SettingType::text_list:
      if (auto list = load_text_list(value, path, spec.check_text)) {
        options.*std::get<std::vector<std::string> CrawlOptions::*>(spec.field) = std::move(*list);
      }
      break;
    }
  }

  void load_integer(const SettingSpec& spec, const Json& value, const KeyPath& path,
                    CrawlOptions& options) {
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
  std::unordered_map<std::string, std::uint32_t> m_lines;
  std::vector<std::pair<std::uint32_t, std::string>> m_problems;
};

Expected<std::string> read_file(const std::string& path) {
  auto failure = [&](int error) {
    return unexpected("cannot read config file " + quote(path) + ": " +
                      std::generic_category().message(error));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failure(errno);
  std::string text;
  char buffer[65536];
  while (true) {
    ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      int error = errno;
      ::close(fd);
      return failure(error);
    }
    if (count == 0) break;
    text.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(fd);
  return text;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 3,
// column 5: " prefix: our own prefix names the file and line instead.
std::string parse_error_reason(const Json::parse_error& error) {
  std::string_view message = error.what();
  if (auto colon = message.find(": "); colon != std::string_view::npos) {
    message.remove_prefix(colon + 2);
  }
  return std::string(message);
}

// The line (from 1) of the byte at `offset` of `text`; past its end, the last line.
long line_at(std::string_view text, std::size_t offset) {
  const std::size_t end = std::min(offset, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<long>(end), '\n');
}

// The JSON-with-comments `text` of the file `path`, or `path:LINE: REASON`. Malformed text is
// nlohmann's parse_error, a number beyond a double (1e400) its out_of_range (406): both are the
// file's problem, and neither may escape (an escaping one ended govaudit with std::terminate;
// fuzz/corpus/config/number-overflow).
Expected<Json> parse_json_text(std::string_view text, const std::string& path) {
  // nlohmann reads a NUL byte as the end of the input, and would ignore what follows it.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return unexpected(path + ":" + std::to_string(line_at(text, nul)) +
                      ": a NUL byte: not a text file");
  }
  try {
    return Json::parse(text, nullptr, true, true);
  } catch (const Json::parse_error& error) {
    // `byte` counts from 1 and points at the character that failed.
    const long line = line_at(text, error.byte > 0 ? error.byte - 1 : 0);
    return unexpected(path + ":" + std::to_string(line) + ": " + parse_error_reason(error));
  } catch (const Json::out_of_range& error) {
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'": no position, so the
    // line is the first that holds the number as written.
    std::string_view message = error.what();
    if (auto space = message.find("] "); space != std::string_view::npos) {
      message.remove_prefix(space + 2);
    }
    long line = 1;
    if (auto quote = message.find('\''); quote != std::string_view::npos) {
      const std::string_view number = message.substr(quote + 1, message.size() - quote - 2);
      if (auto at = text.find(number); at != std::string_view::npos && !number.empty()) {
        line = line_at(text, at);
      }
    }
    return unexpected(path + ":" + std::to_string(line) + ": " + std::string(message));
  }
}

} // namespace

Expected<CrawlOptions> load_config(const std::string& path, CrawlOptions base) {
  Expected<std::string> text = read_file(path);
  if (!text) return unexpected(text.error());
  return parse_config(*text, path, std::move(base));
}

Expected<CrawlOptions> parse_config(std::string_view text, const std::string& path,
                                    CrawlOptions base) {
  Expected<Json> root = parse_json_text(text, path);
  if (!root) return unexpected(root.error());
  ConfigLoader loader(path, text);
  loader.load(*root, base);
  if (!loader.ok()) return unexpected(loader.problems());
  return base;
}

std::uint32_t JsoncDocument::line_of(std::string pointer) const {
  while (true) {
    if (auto it = lines.find(pointer); it != lines.end()) return it->second;
    if (pointer.empty()) return 1;
    pointer.erase(pointer.rfind('/'));
  }
}

Expected<JsoncDocument> read_jsonc_file(const std::string& path, const std::string& what) {
  Expected<std::string> text = read_file(path);
  if (!text) {
    const std::string& reason = text.error();
    // read_file names the config file; say what this file is instead.
    if (auto colon = reason.rfind("\": "); colon != std::string::npos) {
      return unexpected("cannot read " + what + " \"" + path + "\": " + reason.substr(colon + 3));
    }
    return unexpected(reason);
  }
  return parse_jsonc(*text, path);
}

Expected<JsoncDocument> parse_jsonc(std::string_view text, const std::string& path) {
  Expected<Json> root = parse_json_text(text, path);
  if (!root) return unexpected(root.error());
  JsoncDocument document;
  document.root = std::move(*root);
  document.lines = scan_key_lines(text);
  return document;
}

std::span<const std::string_view> setting_keys() {
  return k_setting_keys;
}

std::optional<SettingType> setting_type(std::string_view key) {
  const SettingSpec* spec = find_spec(key);
  if (spec == nullptr) return std::nullopt;
  return type_of(spec->field);
}

std::optional<std::string> apply_setting_text(CrawlOptions& options, std::string_view key,
                                              std::string_view text) {
  const SettingSpec* spec = find_spec(key);
  if (spec == nullptr) return "is not a setting";
  switch (type_of(spec->field)) {
  case SettingType::integer: {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    bool whole = end == text.data() + text.size();
    if (error == std::errc::result_out_of_range && whole) return integer_rule(*spec, false);
    if (error != std::errc{} || !whole) return integer_rule(*spec, true);
    if (value < spec->min || value > spec->max) return integer_rule(*spec, false);
    store_integer(options, *spec, value);
    return std::nullopt;
  }
  case SettingType::number: {
    double value = std::nan("");
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) value = std::nan("");
    if (auto problem = spec->check_number(value)) return problem;
    options.*std::get<double CrawlOptions::*>(spec->field) = value;
    return std::nullopt;
  }
  case SettingType::text:
    if (auto problem = spec->check_text(text)) return problem;
    options.*std::get<std::string CrawlOptions::*>(spec->field) = std::string(text);
    return std::nullopt;
  case SettingType::flag:
    options.*std::get<bool CrawlOptions::*>(spec->field) = true;
    return std::nullopt;
  case SettingType::text_list:
    if (auto problem = spec->check_text(text)) return problem;
    (options.*std::get<std::vector<std::string> CrawlOptions::*>(spec->field)).emplace_back(text);
    return std::nullopt;
  }
  return "is not a setting";
}

std::string setting_text(const CrawlOptions& options, std::string_view key) {
  const SettingSpec* spec = find_spec(key);
  if (spec == nullptr) return "";
  auto format = [&](auto field) -> std::string {
    const auto& value = options.*field;
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

void reset_setting(CrawlOptions& options, std::string_view key) {
  const SettingSpec* spec = find_spec(key);
  if (spec == nullptr) return;
  const CrawlOptions defaults;
  std::visit([&](auto field) { options.*field = defaults.*field; }, spec->field);
}

std::optional<std::string> validate_as_of(std::string_view text) {
  const std::string rule = "must be a date written YYYY-MM-DD";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !is_digits(text.substr(0, 4)) ||
      !is_digits(text.substr(5, 2)) || !is_digits(text.substr(8, 2))) {
    return rule;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  std::from_chars(text.data(), text.data() + 4, year);
  std::from_chars(text.data() + 5, text.data() + 7, month);
  std::from_chars(text.data() + 8, text.data() + 10, day);
  constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1900 || month < 1 || month > 12) return "must be a valid date YYYY-MM-DD";
  int days = k_days[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) return "must be a valid date YYYY-MM-DD";
  return std::nullopt;
}

std::optional<std::string> validate_dns_server(std::string_view text) {
  const std::string rule =
      "must be an IP address with an optional port (IP, IP:PORT or [IPv6]:PORT)";
  std::string_view address = text;
  std::string_view port;
  if (text.starts_with('[')) {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return rule;
    address = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (!rest.starts_with(':') || !is_port(rest.substr(1)))) return rule;
    return is_ipv6(address) ? std::nullopt : std::optional(rule);
  }
  if (std::count(text.begin(), text.end(), ':') >= 2) {
    return is_ipv6(text) ? std::nullopt : std::optional(rule);
  }
  if (std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    address = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (!is_port(port)) return rule;
  }
  return is_ipv4(address) ? std::nullopt : std::optional(rule);
}

std::optional<std::string> validate_regex(std::string_view text) {
  try {
    std::regex compiled(text.begin(), text.end(), std::regex::ECMAScript);
    return std::nullopt;
  } catch (const std::regex_error& error) {
    // libstdc++ says precisely what is wrong ("Mismatched '(' and ')' in regular expression");
    // its error codes are coarser. Trim the message to fit ours.
    std::string reason = error.what();
    for (std::string_view suffix : {".", " in regular expression"}) {
      if (std::string_view(reason).ends_with(suffix)) reason.resize(reason.size() - suffix.size());
    }
    if (!reason.empty()) {
      reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
    }
    return "must be a valid ECMAScript regular expression (" + reason + ")";
  }
}

std::optional<std::string> validate_header(std::string_view text) {
  const std::string rule = "must be \"Name: value\" (a header name, a colon, a value)";
  std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos) return rule;
  constexpr std::string_view k_token_punctuation = "!#$%&'*+-.^_`|~";
  for (char c : text.substr(0, colon)) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && k_token_punctuation.find(c) == std::string_view::npos) return rule;
  }
  // Tabs are allowed inside values; line breaks would inject further headers.
  for (char c : text.substr(colon + 1)) {
    if (c != '\t' && is_control(static_cast<unsigned char>(c))) return rule;
  }
  return std::nullopt;
}

std::optional<std::string> validate_user(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || has_control(text)) {
    return "must be USER:PASS";
  }
  return std::nullopt;
}

std::optional<std::string> validate_proxy(std::string_view text) {
  constexpr std::array<std::string_view, 6> k_schemes{"http",    "https",  "socks4",
                                                      "socks4a", "socks5", "socks5h"};
  auto parts = split_url(text);
  if (!parts || std::find(k_schemes.begin(), k_schemes.end(), parts->scheme) == k_schemes.end()) {
    return "must be a proxy URL such as http://127.0.0.1:3128 (schemes http, https, socks4, "
           "socks4a, socks5, socks5h)";
  }
  return std::nullopt;
}

std::optional<std::string> validate_http_url(std::string_view text) {
  auto parts = split_url(text);
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) {
    return "must be an absolute http(s) URL";
  }
  return std::nullopt;
}

std::optional<std::string> validate_host_name(std::string_view text) {
  const std::string rule =
      "must be a host name such as www.example.gov.cn (no scheme, port or path)";
  if (text.starts_with('[') && text.ends_with(']')) {
    return is_ipv6(text.substr(1, text.size() - 2)) ? std::nullopt : std::optional(rule);
  }
  if (is_ipv6(text)) return std::nullopt;
  if (text.empty() || text.size() > 253) return rule;
  std::string_view rest = text.ends_with('.') ? text.substr(0, text.size() - 1) : text;
  while (true) {
    std::size_t dot = rest.find('.');
    std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return rule;
    }
    for (char c : label) {
      auto byte = static_cast<unsigned char>(c);
      bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || byte >= 0x80;
      if (!allowed) return rule;
    }
    if (dot == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(dot + 1);
  }
}

std::optional<std::string> validate_host_pattern(std::string_view text) {
  const std::string_view name = text.starts_with("*.") ? text.substr(2) : text;
  const bool zone = name.size() != text.size();
  if (validate_host_name(name) || (zone && (is_ipv6(name) || name.starts_with('[')))) {
    return "must be a host name such as www.example.gov.cn, or *.example.gov.cn for every name "
           "under it (no scheme, port or path)";
  }
  return std::nullopt;
}

std::optional<std::string> validate_path_prefix(std::string_view text) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return c == '?' || c == '#' || c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (!text.starts_with('/') || text.starts_with("//") || !plain) {
    return "must be a path prefix starting with '/' such as /jyj/ (no scheme, host, query or "
           "fragment)";
  }
  return std::nullopt;
}

std::optional<std::string> validate_plain_text(std::string_view text) {
  if (text.empty() || has_control(text)) {
    return "must be a non-empty string without control characters";
  }
  return std::nullopt;
}

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    // Edit distance in which swapping two neighbours counts as one edit ("scna" -> "scan"):
    // the optimal string alignment variant of Damerau-Levenshtein, three rows at a time.
    std::vector<std::size_t> before(candidate.size() + 1);
    std::vector<std::size_t> previous(candidate.size() + 1);
    std::vector<std::size_t> row(candidate.size() + 1);
    for (std::size_t j = 0; j < row.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      before.swap(previous);
      previous.swap(row);
      row[0] = i;
      for (std::size_t j = 1; j <= candidate.size(); ++j) {
        std::size_t cost = word[i - 1] == candidate[j - 1] ? 0 : 1;
        row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
        if (i > 1 && j > 1 && word[i - 1] == candidate[j - 2] && word[i - 2] == candidate[j - 1]) {
          row[j] = std::min(row[j], before[j - 2] + 1);
        }
      }
    }
    if (row.back() < best_distance) {
      best_distance = row.back();
      best = candidate;
    }
  }
  return best;
}

} // namespace scanner
