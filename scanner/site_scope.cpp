#include <scanner/site_scope.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <algorithm>

namespace scanner {
namespace {

// "host" on the default port (80 or 443: http and https of a host are one site), else
// "host:port".
std::string origin_key(std::string_view url) {
  std::string key(url_host(url));
  const std::string_view port = url_port(url);
  if (port != "80" && port != "443") key.append(":").append(port);
  return key;
}

// The path of the normalised URL `url`, without its query.
std::string_view path_of(std::string_view url) {
  const std::string_view path = url_path_query(url);
  return path.substr(0, path.find('?'));
}

// A `hosts` entry as url_host() spells the host of a normalised URL: lower case, punycode, an
// IPv6 literal without brackets. An entry that does not parse is kept lower-cased.
std::string host_key(std::string_view entry) {
  std::string name(entry);
  if (name.find(':') != std::string::npos && !name.starts_with('[')) name = "[" + name + "]";
  if (auto url = normalize_url("http://" + name + "/")) return std::string(url_host(*url));
  return ascii_lower(entry);
}

// A `paths` entry as it appears in normalised URLs (percent-encoding, dot segments).
std::string path_key(const std::string& path) {
  if (auto url = normalize_url("http://h" + path)) return std::string(path_of(*url));
  return path;
}

// The folder a start URL claims: the folder of its file ("/jyj/index.html" -> "/jyj/"), or the
// last segment itself when it has no extension, as a folder written without its slash usually
// is ("/jyj" -> "/jyj/", which the server redirects to).
std::string start_folder(std::string_view start) {
  const std::string_view path = path_of(start);
  const std::size_t slash = path.rfind('/');
  const std::string_view file = path.substr(slash + 1);
  if (!file.empty() && file.find('.') == std::string_view::npos) return std::string(path) + "/";
  return std::string(path.substr(0, slash + 1));
}

// Whether the URL path `path` lies under `prefix`; "/jyj/" also takes the folder written
// without its slash ("/jyj"), which the server redirects to it.
bool under(std::string_view path, std::string_view prefix) {
  if (path.starts_with(prefix)) return true;
  return prefix.size() > 1 && prefix.back() == '/' && path == prefix.substr(0, prefix.size() - 1);
}

} // namespace

SiteScope::SiteScope(const std::vector<SiteBounds>& sites) {
  for (std::size_t i = 0; i < sites.size(); ++i) add_site(i, sites[i]);
}

SiteScope::SiteScope(const std::vector<SiteConfig>& sites) {
  for (std::size_t i = 0; i < sites.size(); ++i) {
    add_site(i, {sites[i].start_urls, sites[i].hosts, sites[i].paths});
  }
}

void SiteScope::add_site(std::size_t site, const SiteBounds& bounds) {
  std::vector<std::string> paths;
  for (const auto& path : bounds.paths) paths.push_back(path_key(path));
  std::vector<std::string>& starts = m_start_urls.emplace_back();
  for (const auto& start : bounds.start_urls) {
    auto normalised = normalize_url(start);
    if (!normalised) continue; // validated with the config; nothing to claim
    starts.push_back(*normalised);
    auto& claims = m_by_origin[origin_key(*normalised)];
    claims.push_back({site, start_folder(*normalised), 3});
    for (const auto& path : paths) claims.push_back({site, path, 3});
    auto& owners = m_start_hosts[std::string(url_host(*normalised))];
    if (std::find(owners.begin(), owners.end(), site) == owners.end()) owners.push_back(site);
  }
  // A site that names its paths claims its hosts under those paths only: a department listed
  // with the portal's xxgk host and "/jyj/" does not take the rest of that host.
  const std::vector<std::string> whole = {"/"};
  const auto& prefixes = paths.empty() ? whole : paths;
  for (const auto& host : bounds.hosts) {
    const bool zone = host.starts_with("*.");
    const std::string name = host_key(zone ? std::string_view(host).substr(2) : host);
    for (const auto& prefix : prefixes) {
      if (zone) {
        m_by_zone.emplace_back("." + name, Claim{site, prefix, 1});
      } else {
        m_by_host[name].push_back({site, prefix, 2});
      }
    }
  }
}

std::size_t SiteScope::owner(std::string_view url) const {
  const std::string_view host = url_host(url);
  if (host.empty()) return k_no_site;
  std::vector<const Claim*> claims;
  if (auto found = m_by_origin.find(origin_key(url)); found != m_by_origin.end()) {
    for (const auto& claim : found->second) claims.push_back(&claim);
  }
  if (auto found = m_by_host.find(std::string(host)); found != m_by_host.end()) {
    for (const auto& claim : found->second) claims.push_back(&claim);
  }
  for (const auto& [zone, claim] : m_by_zone) {
    if (host.size() > zone.size() && host.ends_with(zone)) claims.push_back(&claim);
  }
  if (claims.empty()) {
    // Another port of a host that one site starts on (a link to :8080 of the portal's host) is
    // that site's; with two sites on the host, a third port is neither's.
    auto found = m_start_hosts.find(std::string(host));
    if (found != m_start_hosts.end() && found->second.size() == 1) return found->second.front();
    return k_no_site;
  }
  const bool one_site = std::all_of(claims.begin(), claims.end(), [&](const Claim* claim) {
    return claim->site == claims.front()->site;
  });
  if (one_site) return claims.front()->site;
  const std::string_view path = path_of(url);
  const Claim* best = nullptr;
  for (const Claim* claim : claims) {
    if (!under(path, claim->prefix)) continue;
    if (best == nullptr || claim->prefix.size() > best->prefix.size() ||
        (claim->prefix.size() == best->prefix.size() &&
         (claim->strength > best->strength ||
          (claim->strength == best->strength && claim->site < best->site)))) {
      best = claim;
    }
  }
  if (best != nullptr) return best->site;
  // No folder covers it and no site claims the root: the first site in config order.
  std::size_t first = k_no_site;
  for (const Claim* claim : claims) first = std::min(first, claim->site);
  return first;
}

} // namespace scanner
