#pragma once
// The rules that settings and site entries of the command line and the config file must follow.
// Each returns nullopt when the value is allowed, otherwise what is allowed, phrased to follow
// the name of the setting ("must be ..."); the caller adds the name and the offending value.

#include <optional>
#include <string>
#include <string_view>

namespace app {

// `text` must be a valid calendar date written YYYY-MM-DD (years from 1900).
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

// `text` must be a comma-separated list of report formats (reports::k_format_names).
std::optional<std::string> validate_formats(std::string_view text);

// `text` must be one of none, veto, failure, warning (--fail-on).
std::optional<std::string> validate_fail_on(std::string_view text);

} // namespace app
