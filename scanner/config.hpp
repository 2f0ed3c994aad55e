#pragma once
// The config file (JSON with comments) and the validation rules it shares with the command line:
// every limit and format of a setting is written once, here.

#include <scanner/expected.hpp>
#include <scanner/options.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scanner {

// Reads the config file at `path` (JSON in which // and /* */ comments are allowed) and applies
// the settings it holds over `base`: a key that is present replaces the value of `base`, lists
// and "sites" included; absent keys keep the value of `base`. On failure returns every problem
// found, one per line joined by '\n', each naming the file as `path` spells it, the line and the
// key: `audit.json:12: unknown key "timout" (did you mean "timeout"?)`. An unreadable file gives
// `cannot read config file "x.json": No such file or directory`.
Expected<CrawlOptions> load_config(const std::string& path, CrawlOptions base);

// load_config() for the config text `text` already read from the file `path` (which only names
// it in the problems): the same settings, the same problems. Never throws on malformed text.
Expected<CrawlOptions> parse_config(std::string_view text, const std::string& path,
                                    CrawlOptions base);

// A JSON file with comments (the config file's syntax) and the line of each of its values.
struct JsoncDocument {
  nlohmann::json root;
  std::unordered_map<std::string, std::uint32_t> lines; // JSON pointer -> 1-based line
  // The line of the value at `pointer` ("/items/0/lost"), else of its nearest parent, else 1.
  std::uint32_t line_of(std::string pointer) const;
};

// Reads and parses the JSON-with-comments file at `path`. Fails with `path:LINE: REASON` for a
// syntax error, or `cannot read NAME "path": REASON` (`what` names the file's role, e.g.
// "assessments file") when it cannot be read.
Expected<JsoncDocument> read_jsonc_file(const std::string& path, const std::string& what);

// read_jsonc_file() for the text `text` already read from the file `path`: fails with
// `path:LINE: REASON` for a syntax error. Never throws on malformed text.
Expected<JsoncDocument> parse_jsonc(std::string_view text, const std::string& path);

// How a top-level setting is written.
enum class SettingType {
  integer,  // a whole number within limits
  number,   // a number within limits
  text,     // a string
  flag,     // a boolean; on the command line a flag that takes no value
  text_list // an array of strings; on the command line a repeatable option
};

// The config keys of every top-level setting except "sites", in the order the help lists them.
std::span<const std::string_view> setting_keys();

// The type of the top-level setting `key` (a config key such as "max_pages"), or nullopt when
// there is no such setting.
std::optional<SettingType> setting_type(std::string_view key);

// Parses the command-line text `text` as a value of the setting `key` and stores it in
// `options` (a text_list setting gets `text` appended; a flag is set to true and ignores `text`).
// Returns nullopt on success. Otherwise leaves `options` unchanged and returns the broken rule,
// phrased to follow the name of the setting, e.g. "must be between 0 and 50" or "must be an
// integer between 0 and 50" (when `text` is no integer at all). Unknown `key`: returns
// "is not a setting".
std::optional<std::string> apply_setting_text(CrawlOptions& options, std::string_view key,
                                              std::string_view text);

// The value of the top-level setting `key` in `options` as text: integers in decimal, numbers in
// their shortest form ("0.5"), texts as they are, flags "true" or "false", lists their entries
// joined by ", ". Empty for an unknown `key`.
std::string setting_text(const CrawlOptions& options, std::string_view key);

// Sets the top-level setting `key` of `options` back to its default (that of a default-constructed
// CrawlOptions); lists become empty. Does nothing for an unknown `key`.
void reset_setting(CrawlOptions& options, std::string_view key);

// The validators below return nullopt when the value is allowed, otherwise what is allowed,
// phrased to follow the name of the setting ("must be ..."); the caller adds the name and the
// offending value.

// `text` must be a valid calendar date written YYYY-MM-DD (years 1900 to 9999).
std::optional<std::string> validate_as_of(std::string_view text);

// `text` must be an IP address with an optional port 1-65535: "1.2.3.4", "1.2.3.4:53", "::1",
// "[::1]" or "[::1]:53".
std::optional<std::string> validate_dns_server(std::string_view text);

// `text` must compile as an ECMAScript std::regex; the message names the reason (as the
// standard library words it).
std::optional<std::string> validate_regex(std::string_view text);

// `text` must be an HTTP header line "Name: value": a token name, a colon, a value without
// line breaks (an empty value is allowed).
std::optional<std::string> validate_header(std::string_view text);

// `text` must be "USER:PASS" with a non-empty user and no line breaks.
std::optional<std::string> validate_user(std::string_view text);

// `text` must be a proxy URL with a host and one of the schemes http, https, socks4, socks4a,
// socks5, socks5h.
std::optional<std::string> validate_proxy(std::string_view text);

// `text` must be an absolute http or https URL with a host.
std::optional<std::string> validate_http_url(std::string_view text);

// `text` must be a host name (labels of letters, digits, '-' or UTF-8 characters, separated by
// dots) or an IP address, without scheme, port or path.
std::optional<std::string> validate_host_name(std::string_view text);

// `text` must be a site's host: a host name or IP address as validate_host_name() allows, or
// "*." and a host name for every name under it ("*.example.gov.cn", as the crawl's scope reads).
std::optional<std::string> validate_host_pattern(std::string_view text);

// `text` must be a URL path prefix of a site's "paths": it starts with one '/' (not "//") and
// holds no query, fragment, space or control character ("/jyj/", "/xxgk/jyj/").
std::optional<std::string> validate_path_prefix(std::string_view text);

// `text` must be a non-empty string without control characters (a User-Agent, a path).
std::optional<std::string> validate_plain_text(std::string_view text);

// The candidate closest to the misspelt `word` (edit distance at most a third of its length, at
// least 1), for "did you mean" hints; nullopt when none is close enough.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

} // namespace scanner
