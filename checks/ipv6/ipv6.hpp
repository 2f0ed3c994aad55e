#pragma once
// The IPv6 checks (IPv6 支持度, section 2 of the check catalogue): AAAA of the site hosts, IPv6
// addresses of the name servers, the homepage over IPv6 only and against IPv4, the share of
// level-2 and level-3 links reachable over IPv6 with a per-host table, the v6/v4 degradation,
// and the overall verdict "supports IPv6". The scanner collects every fact (Site::ipv6,
// Site::family_samples, the hosts' DNS answers); these checks only judge them.

#include <checks/check.hpp>

#include <rules/reader.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

// The thresholds of the ruleset's "ipv6" section.
struct Ipv6Rules {
  rules::Tagged level2_min_ratio;
  rules::Tagged level3_min_ratio;
  rules::Tagged consistency_min_similarity;
  rules::Tagged perf_max_degradation;
  rules::Tagged perf_min_difference_ms; // smaller differences are measurement noise
  rules::Tagged homepage_min_rate;
  // Homepage samples of a full monitoring window ("avail": window_days × probes_per_day): a
  // rate over fewer samples is partial, a warning at most.
  double full_window_samples = 0;
};

// Reads the "ipv6" section, and from `avail` the monitoring window; problems go to the
// sections' collector.
Ipv6Rules read_ipv6_rules(const rules::Section& ipv6, const rules::Section& avail);

// What the AAAA answer of a host says: "has_aaaa" (a global address), "non_global" (AAAA
// records, none global; ::1 counts as global with `allow_loopback`), "nodata", "nxdomain",
// "servfail", "timeout", or the resolver's other status ("refused", "error", ...).
std::string aaaa_state(const scanner::DnsAnswer& aaaa, bool allow_loopback);

// Similarity of two texts in [0, 1]: the Dice coefficient of their multisets of character
// bigrams (code points, whitespace left out), so that Chinese text compares well. 1 when both
// are empty.
double text_similarity(std::string_view a, std::string_view b);

// The Jaccard index of two sorted lists of distinct links; 1 when both are empty.
double link_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Produces every ipv6.* finding of a site: ipv6.aaaa and ipv6.dns_auth (one per start host of
// the site), ipv6.homepage, ipv6.homepage_rate, ipv6.consistency and ipv6.perf (from the pinned
// samples of the site's homepage), ipv6.level2 and ipv6.level3 (one each, over the level links
// the site owns, and those no site owns that its pages link), and ipv6.support: the overall
// verdict plus one info row per host of those level links (evidence.host: the report's IPv6
// per-host table).
// Keeps no page facts.
class Ipv6 final : public Check {
public:
  Ipv6(const Ipv6Rules& rules, const AuditContext& context)
      : m_rules(rules), m_allow_loopback(context.allow_loopback_ipv6) {}
  std::span<const std::string_view> ids() const override;
  void inspect(const scanner::Page&, FactsStore*, std::vector<Finding>&) const override {}
  std::vector<Finding> conclude(const SiteView& site, const FactsStore*) const override;

private:
  const Ipv6Rules& m_rules;
  bool m_allow_loopback = false;
};

} // namespace checks
