#include <scanner/ipv6_plan.hpp>
#include <scanner/url.hpp>

#include <algorithm>
#include <tuple>

namespace scanner {
namespace {

bool anchor_from_depth(const Site& site, const UrlRecord& record, int depth) {
  return std::any_of(record.referrers.begin(), record.referrers.end(), [&](const Referrer& r) {
    return (r.kind == LinkKind::anchor || r.kind == LinkKind::area) &&
           site.urls[r.page].depth == depth;
  });
}

} // namespace

std::vector<std::string> ipv6_zones(const std::vector<std::string>& start_urls) {
  std::vector<std::string> zones;
  for (const auto& url : start_urls) {
    std::string host(url_host(url));
    if (host.empty() || is_ip_literal(host)) continue;
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    zones.push_back(std::move(host));
  }
  std::sort(zones.begin(), zones.end());
  zones.erase(std::unique(zones.begin(), zones.end()), zones.end());
  return zones;
}

bool in_ipv6_scope(std::string_view host, bool crawled, const std::vector<std::string>& zones) {
  if (crawled) return true;
  return std::any_of(zones.begin(), zones.end(), [&](const std::string& zone) {
    return host == zone ||
           (host.size() > zone.size() + 1 && host.substr(host.size() - zone.size()) == zone &&
            host[host.size() - zone.size() - 1] == '.');
  });
}

std::vector<Ipv6Target> ipv6_targets(const Site& site, const std::vector<std::string>& zones) {
  std::vector<Ipv6Target> targets;
  for (std::uint32_t id = 0; id < site.urls.size(); ++id) {
    const UrlRecord& record = site.urls[id];
    if (!in_ipv6_scope(url_host(record.url), record.in_scope, zones)) continue;
    // Depth counts the fewest link hops; a level link is one a reader reaches by clicking.
    if ((record.depth == 1 || record.depth == 2) &&
        anchor_from_depth(site, record, record.depth - 1)) {
      targets.push_back({id, record.depth + 1, false});
    }
    for (int depth : {1, 2}) {
      if ((record.embedded_at & (1u << depth)) != 0) targets.push_back({id, depth + 1, true});
    }
  }
  std::sort(targets.begin(), targets.end(), [](const Ipv6Target& a, const Ipv6Target& b) {
    return std::tie(a.level, a.resource, a.url) < std::tie(b.level, b.resource, b.url);
  });
  return targets;
}

std::vector<std::size_t> sample_indices(std::size_t count, std::size_t sample) {
  std::vector<std::size_t> indices;
  const std::size_t take = sample == 0 ? count : std::min(count, sample);
  for (std::size_t i = 0; i < take; ++i) indices.push_back(i * count / take);
  return indices;
}

} // namespace scanner
