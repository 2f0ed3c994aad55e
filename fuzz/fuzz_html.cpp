// Fuzz target: the HTML reader (scanner/html.hpp), from bytes to a Page as the workers run it.
// The input's first line is the Content-Type header (charset detection reads it), the rest the
// body, decoded and parsed by parse_document for a page at a fixed URL.
//
// Contracts checked (scanner/page.hpp): every link and image URL that is set is normalised
// http(s) without a fragment; links and images each have an offset, within the page's text.

#include "fuzz_target.hpp"

#include <scanner/crawler.hpp>
#include <scanner/html.hpp>
#include <scanner/page.hpp>
#include <scanner/url.hpp>

#include <string>
#include <string_view>

namespace {

void check_url(const std::string& url) {
  if (url.empty()) return; // an unusable reference
  FUZZ_ASSERT(url.starts_with("http://") || url.starts_with("https://"));
  FUZZ_ASSERT(url.find('#') == std::string::npos);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  scanner::global_init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view content_type = input.substr(0, newline);
  std::string body(newline == std::string_view::npos ? std::string_view()
                                                     : input.substr(newline + 1));

  scanner::Page page;
  page.url = "http://www.example.gov.cn/xxgk/index.html";
  scanner::UrlResolver resolver;
  scanner::parse_document(std::move(body), content_type, page, resolver);

  for (const scanner::Link& link : page.links) check_url(link.url);
  for (const scanner::Image& image : page.images) check_url(image.url);
  FUZZ_ASSERT(page.link_offsets.size() == page.links.size());
  FUZZ_ASSERT(page.image_offsets.size() == page.images.size());
  for (std::uint32_t offset : page.link_offsets) FUZZ_ASSERT(offset <= page.text.size());
  for (std::uint32_t offset : page.image_offsets) FUZZ_ASSERT(offset <= page.text.size());
  return 0;
}
