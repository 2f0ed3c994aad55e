#include <checks/check.hpp>
#include <checks/freshness/freshness.hpp>
#include <checks/rules.hpp>

#include <algorithm>
#include <rules/ruleset.hpp>

namespace checks {

std::vector<std::unique_ptr<Check>> builtin_checks(const AuditContext& context) {
  const AuditRules& rules = *context.rules;
  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<Availability>(rules.availability));
  all.push_back(std::make_unique<Links>(rules.links));
  all.push_back(std::make_unique<Ipv6>(rules.ipv6, context));
  all.push_back(std::make_unique<Freshness>(rules.freshness, context));
  all.push_back(std::make_unique<Maps>(rules.maps));
  all.push_back(std::make_unique<Disclosure>(rules.disclosure, context));
  all.push_back(std::make_unique<Identity>(rules.identity));
  all.push_back(std::make_unique<Privacy>(rules.privacy, context));
  return all;
}

std::vector<std::string> builtin_check_ids() {
  core::Problems problems;
  static const AuditRules k_rules = load_rules(rules::default_ruleset().json, nullptr, problems);
  const AuditContext context{core::CivilDate{2000, 1, 1}, nullptr, &k_rules, false};
  std::vector<std::string> ids;
  for (const auto& check : builtin_checks(context)) {
    for (std::string_view id : check->ids()) ids.emplace_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

} // namespace checks
