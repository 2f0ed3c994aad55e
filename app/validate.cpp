#include <app/validate.hpp>
#include <reports/report_data.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <core/civil_date.hpp>
#include <iterator>
#include <memory>
#include <regex>

namespace app {
namespace {

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

} // namespace

std::optional<std::string> validate_as_of(std::string_view text) {
  return core::iso_date_problem(text);
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
std::optional<std::string> validate_formats(std::string_view text) {
  const auto& k_formats = reports::k_format_names;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(',', start), text.size());
    std::string_view name = text.substr(start, end - start);
    if (std::find(std::begin(k_formats), std::end(k_formats), name) == std::end(k_formats)) {
      std::string rule = "must be a comma-separated list of";
      for (std::string_view format : k_formats) {
        rule += (format == k_formats[0] ? " " : ", ") + std::string(format);
      }
      return rule;
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

} // namespace app
