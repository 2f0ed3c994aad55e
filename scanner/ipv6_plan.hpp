#pragma once
// What the IPv6 phase of the crawl looks at: the zones of the audited sites, the level-2 and
// level-3 links (二级/三级链接) among the crawled URLs, and which of an origin's URLs to sample.
// Pure functions over the crawl; the crawler makes the requests.

#include <scanner/site.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scanner {

// The zones of the start URLs' hosts: the host name without a leading "www." ("www.a.gov.cn"
// -> "a.gov.cn"), sorted and unique. IP literals have no zone.
std::vector<std::string> ipv6_zones(const std::vector<std::string>& start_urls);

// Whether `host` belongs to the audited site for the IPv6 checks: a crawled host (`crawled`),
// or `zone` itself or a name under one of `zones` (department sites such as jyj.a.gov.cn).
bool in_ipv6_scope(std::string_view host, bool crawled, const std::vector<std::string>& zones);

// The level targets of `site`: in-scope URLs at depth 1 (level 2) and depth 2 (level 3) that a
// page one hop nearer links with <a>/<area>, and in-scope URLs that pages at depth 1 and 2 embed
// (images, scripts, styles, frames, media, <link>). Sorted by level, kind and URL id; one entry
// per (URL, level, kind).
std::vector<Ipv6Target> ipv6_targets(const Site& site, const std::vector<std::string>& zones);

// Which of `count` items to take when at most `sample` may be (0 = all): evenly spaced indices,
// ascending, the first always included.
std::vector<std::size_t> sample_indices(std::size_t count, std::size_t sample);

} // namespace scanner
