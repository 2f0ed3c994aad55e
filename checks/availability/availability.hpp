#pragma once
// avail.homepage (站点无法访问): the share of failed homepage samples against the veto line.
// A window shorter than the ruleset's (7 days) is partial and never a final veto.

#include <checks/check.hpp>
#include <scanner/probe.hpp>

#include <rules/reader.hpp>
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

// Reads the "avail" section of the ruleset; problems go to the section's collector.
AvailabilityRules read_availability_rules(const rules::Section& section);

// The verdict on `samples` of `url`: one finding (failure with evidence.veto = "confirmed"
// only for a full window over the line; warning for a partial window over it or over the
// warning line; info otherwise), with every sample as evidence.
Finding judge_availability(const std::string& url, const std::vector<scanner::ProbeSample>& samples,
                           const AvailabilityRules& rules);

// avail.homepage: judges the samples of each site's own homepage. Keeps no page facts.
class Availability final : public Check {
public:
  explicit Availability(const AvailabilityRules& rules) : m_rules(rules) {}
  std::span<const std::string_view> ids() const override;
  void inspect(const scanner::Page&, FactsStore*, std::vector<Finding>&) const override {}
  std::vector<Finding> conclude(const SiteView& site, const FactsStore*) const override;

private:
  const AvailabilityRules& m_rules;
};

} // namespace checks
