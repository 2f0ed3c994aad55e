#pragma once
// Which configured site owns a URL. One crawl covers every site of the config, and each site is
// judged on its own pages: this is the one rule that says whose a page is, for the checks that
// conclude per site and for the scoring that gives each finding to a site. Pure: no I/O, built
// once from the config (or from what findings.json recorded of it) and then read by any thread.
//
// A site claims an origin (host and port; the scheme does not count, and 80 and 443 are the same
// default port) through its start URLs, and a host at any port through its `hosts` entries
// (`*.zone` for every name under the zone). Under an origin that one site alone claims, it owns
// every URL: a portal that starts at /index/index.html still owns /xxgk/. Where several sites
// claim the same origin, each owns the folders of its start URLs (/jyj/ for /jyj/index.html, and
// for /jyj, which names a folder without its slash) and its `paths`; the longest
// matching prefix wins (a start URL at the root, or a `hosts` entry of a site without `paths`,
// claims "/"), and what no prefix covers goes to the first site in config order that claims the
// origin. A URL whose origin no site claims belongs to the one site that starts on its host at
// another port, when exactly one does; otherwise to none.

#include <scanner/options.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scanner {

// What one site says belongs to it, as the config file writes it: absolute start URLs, host
// names (or `*.zone`) and path prefixes starting with '/'.
struct SiteBounds {
  std::vector<std::string> start_urls;
  std::vector<std::string> hosts;
  std::vector<std::string> paths;
};

class SiteScope {
public:
  // The owner of a URL that belongs to no configured site.
  static constexpr std::size_t k_no_site = static_cast<std::size_t>(-1);

  // A scope without sites: every URL is k_no_site.
  SiteScope() = default;
  // The sites of `sites`, in that order (site i is `sites[i]`). Start URLs and paths are
  // normalised as the crawler normalises URLs; entries that do not parse are left out.
  explicit SiteScope(const std::vector<SiteBounds>& sites);
  // The same for the sites of a config (their start URLs, hosts and paths).
  explicit SiteScope(const std::vector<SiteConfig>& sites);

  // How many sites the scope was built from.
  std::size_t size() const { return m_start_urls.size(); }
  // The normalised start URLs of site `site` (< size()), in config order.
  const std::vector<std::string>& start_urls(std::size_t site) const { return m_start_urls[site]; }
  // The index of the site that owns the normalised URL `url`, or k_no_site.
  std::size_t owner(std::string_view url) const;

private:
  // One site's claim on a path prefix of an origin or host.
  struct Claim {
    std::size_t site = 0;
    std::string prefix; // a path prefix: "/" for the whole origin
    int strength = 0;   // on equal prefixes: 3 start URL, 2 `hosts` entry, 1 `*.zone` entry
  };

  void add_site(std::size_t site, const SiteBounds& bounds);

  std::vector<std::vector<std::string>> m_start_urls;              // per site, normalised
  std::unordered_map<std::string, std::vector<Claim>> m_by_origin; // "host" or "host:port"
  std::unordered_map<std::string, std::vector<Claim>> m_by_host;   // `hosts` entries, any port
  std::vector<std::pair<std::string, Claim>> m_by_zone;            // ".zone" of `*.zone` entries
  // Sites with a start URL on a host (any port): the owner of a URL no site claims otherwise.
  std::unordered_map<std::string, std::vector<std::size_t>> m_start_hosts;
};

} // namespace scanner
