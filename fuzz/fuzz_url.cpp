// Fuzz target: the URL normaliser (scanner/url.hpp). The input's first line is a page's URL,
// normalised and used as the base; the rest is a reference as written in that page, resolved
// against it twice (the second time from the resolver's cache). The whole input is also
// normalised as one URL.
//
// Contracts checked: a normalised URL is http(s) without a fragment, and normalising it again
// changes nothing (UrlResolver normalises links that are already absolute and normalised); the
// slicing helpers stay inside it; a cached resolution equals the first one.

#include "fuzz_target.hpp"

#include <scanner/crawler.hpp>
#include <scanner/url.hpp>

#include <string>
#include <string_view>

namespace {

void check_normalised(const std::string& url) {
  FUZZ_ASSERT(url.starts_with("http://") || url.starts_with("https://"));
  FUZZ_ASSERT(url.find('#') == std::string::npos);
  const auto again = scanner::normalize_url(url);
  FUZZ_ASSERT(again.has_value());
  FUZZ_ASSERT(*again == url);
  FUZZ_ASSERT(url.starts_with(scanner::url_origin(url)));
  FUZZ_ASSERT(url.ends_with(scanner::url_path_query(url)));
  FUZZ_ASSERT(url.starts_with(scanner::url_folder(url)));
  FUZZ_ASSERT(!scanner::url_port(url).empty());
  FUZZ_ASSERT(scanner::url_extension(url).size() < url.size());
  (void)scanner::is_ip_literal(scanner::url_host(url));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  scanner::global_init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto whole = scanner::normalize_url(input)) check_normalised(*whole);

  const std::size_t newline = input.find('\n');
  const std::string_view base = input.substr(0, newline);
  const std::string_view href =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  std::string base_fragment;
  const auto normalised_base = scanner::normalize_url(base, &base_fragment);
  if (!normalised_base) return 0;
  check_normalised(*normalised_base);

  scanner::UrlResolver resolver;
  resolver.set_base(*normalised_base);
  std::string url;
  std::string fragment;
  const bool resolved = resolver.resolve(href, url, fragment);
  if (resolved) check_normalised(url);
  std::string cached_url;
  std::string cached_fragment;
  FUZZ_ASSERT(resolver.resolve(href, cached_url, cached_fragment) == resolved);
  if (resolved) {
    FUZZ_ASSERT(cached_url == url);
    FUZZ_ASSERT(cached_fragment == fragment);
  }
  return 0;
}
