#pragma once
// XML sitemaps (sitemaps.org): <urlset> and <sitemapindex>, plain or gzip-compressed.

#include <string>
#include <string_view>
#include <vector>

namespace scanner {

struct SitemapEntries {
  bool is_index = false;              // a <sitemapindex>: `locations` are more sitemaps
  std::vector<std::string> locations; // <loc> values, trimmed, in document order
  std::string error;                  // why nothing could be read (not XML, bad gzip), else empty
};

// Reads the sitemap `body`; gzip data (by its magic bytes) is inflated first, up to 50 MiB as
// the protocol allows. External entities and network access are off.
SitemapEntries parse_sitemap(std::string_view body);

} // namespace scanner
