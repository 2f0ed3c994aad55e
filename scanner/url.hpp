#pragma once
// URL parsing and normalisation, on libcurl's URL API. Every URL the crawler stores went
// through normalize_url() (or UrlResolver) exactly once.

#include <core/expected.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace scanner {

// Normalises the absolute URL `url`: lower-case scheme and host, default port dropped, empty
// path made "/", dot segments resolved, percent-encoding normalised (upper-case hex, unreserved
// characters decoded, spaces and non-ASCII encoded), IDN host converted to punycode, fragment
// dropped. Only http and https are accepted. Returns an error message for anything else
// (relative URL, other scheme, bad host, bad port).
core::Expected<std::string> normalize_url(std::string_view url);

// Like normalize_url(), but also returns the fragment (without '#') in `fragment` when given.
core::Expected<std::string> normalize_url(std::string_view url, std::string* fragment);

// The lower-case host of the normalised URL `url` (no port, IPv6 literals without brackets),
// or empty when it has none. Cheap: string slicing, no parsing.
std::string_view url_host(std::string_view url);

// "scheme://host[:port]" of the normalised URL `url`.
std::string_view url_origin(std::string_view url);

// The path and query of the normalised URL `url` ("/" when empty).
std::string_view url_path_query(std::string_view url);

// The port of the normalised URL `url`: the one it names, else its scheme's ("80", "443").
std::string_view url_port(std::string_view url);

// The lower-case extension of the last path segment of the normalised URL `url` ("pdf" for
// ".../a.PDF?x=1"), or empty when it has none.
std::string url_extension(std::string_view url);

// The normalised URL `url` up to the last '/' of its path, without file name, query or fragment
// ("http://h/a/b/index_2.html?x=1" -> "http://h/a/b/").
std::string_view url_folder(std::string_view url);

// Whether `host` (as url_host() gives it) is an IPv4 or IPv6 address rather than a name.
bool is_ip_literal(std::string_view host);

// Resolves the references found on one page against its base URL and normalises them. Keeps a
// bounded cache from reference to result, because most links of a site repeat on every page
// (navigation): a repeated reference costs one hash lookup. One instance per thread.
class UrlResolver {
public:
  UrlResolver();
  ~UrlResolver();
  UrlResolver(const UrlResolver&) = delete;
  UrlResolver& operator=(const UrlResolver&) = delete;

  // Sets the base URL (absolute, normalised) for the following resolve() calls.
  void set_base(std::string_view base);

  // Resolves `href` (as written in the page, entities already decoded, surrounding whitespace
  // allowed) against the base. On success returns true and sets `url` (normalised, fragment
  // dropped) and `fragment`. Returns false for references that are not http(s) links
  // (mailto:, javascript:, tel:, data:, empty refs) or cannot be parsed. A fragment-only
  // reference ("#top") resolves to the base URL with that fragment.
  bool resolve(std::string_view href, std::string& url, std::string& fragment);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace scanner
