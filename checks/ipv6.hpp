#pragma once
// The IPv6 checks (IPv6 支持度, section 2 of the check catalogue): AAAA of the site hosts, IPv6
// addresses of the name servers, the homepage over IPv6 only and against IPv4, the share of
// level-2 and level-3 links reachable over IPv6 with a per-host table, the v6/v4 degradation,
// and the overall verdict "supports IPv6". The scanner collects every fact (Site::ipv6,
// Site::family_samples, the hosts' DNS answers); these checks only judge them.

#include <checks/check.hpp>
#include <checks/ruleset_section.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace checks {

// The thresholds of the ruleset's "ipv6" section.
struct Ipv6Rules {
  RulesetSection::Tagged level2_min_ratio;
  RulesetSection::Tagged level3_min_ratio;
  RulesetSection::Tagged consistency_min_similarity;
  RulesetSection::Tagged perf_max_degradation;
  RulesetSection::Tagged perf_min_difference_ms; // smaller differences are measurement noise
  RulesetSection::Tagged homepage_min_rate;
  // Homepage samples of a full monitoring window ("avail": window_days × probes_per_day): a
  // rate over fewer samples is partial, a warning at most.
  double full_window_samples = 0;
};

// Reads the "ipv6" and "avail" sections (throws std::invalid_argument naming the key).
Ipv6Rules ipv6_rules(const CheckContext& context);

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
class Ipv6Support final : public Check {
public:
  explicit Ipv6Support(const CheckContext& context);
  std::string_view id() const override { return "ipv6.support"; }
  std::vector<std::string_view> ids() const override {
    return {"ipv6.aaaa",          "ipv6.dns_auth",    "ipv6.homepage",
            "ipv6.homepage_rate", "ipv6.consistency", "ipv6.level2",
            "ipv6.level3",        "ipv6.perf",        "ipv6.support"};
  }
  PageReport check_page(const scanner::Page&) const override { return {}; }
  std::vector<Finding> check_site(const SiteView& site, const PageFacts&) const override;

private:
  Ipv6Rules m_rules;
  bool m_allow_loopback = false;
};

} // namespace checks
