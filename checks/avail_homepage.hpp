#pragma once
// avail.homepage (站点无法访问): the share of failed homepage samples against the veto line.
// A window shorter than the ruleset's (7 days) is partial and never a final veto.

#include <checks/check.hpp>
#include <scanner/probe.hpp>

#include <vector>

namespace checks {

// The limits of the "avail" section of the ruleset.
struct AvailabilityRules {
  double veto_ratio = 0;
  double warn_ratio = 0;
  double window_days = 0;
  double probes_per_day = 0;
  double sample_timeout = 0; // seconds
};

// Reads the "avail" section (throws std::invalid_argument naming the key).
AvailabilityRules availability_rules(const CheckContext& context);

// The verdict on `samples` of `url`: one finding (failure with evidence.veto = "confirmed"
// only for a full window over the line; warning for a partial window over it or over the
// warning line; info otherwise), with every sample as evidence.
Finding judge_availability(const std::string& url, const std::vector<scanner::ProbeSample>& samples,
                           const AvailabilityRules& rules);

class AvailHomepage final : public Check {
public:
  explicit AvailHomepage(const CheckContext& context) : m_rules(availability_rules(context)) {}
  std::string_view id() const override { return "avail.homepage"; }
  PageReport check_page(const scanner::Page&) const override { return {}; }
  // Judges the samples of the site's own homepage.
  std::vector<Finding> check_site(const SiteView& site, const PageFacts&) const override;

private:
  AvailabilityRules m_rules;
};

} // namespace checks
