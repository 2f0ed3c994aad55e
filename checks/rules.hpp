#pragma once
// Every check's rules, read from the ruleset once, before the crawl, through the one reader
// (rules/reader.hpp): all the problems of every section are reported together, and no check
// parses its section again (the five disclosure checks used to, one time each).

#include <checks/availability/availability.hpp>
#include <checks/disclosure/disclosure.hpp>
#include <checks/freshness/rules.hpp>
#include <checks/identity/identity.hpp>
#include <checks/ipv6/ipv6.hpp>
#include <checks/links/links.hpp>
#include <checks/maps/maps.hpp>
#include <checks/privacy/privacy.hpp>

#include <nlohmann/json.hpp>

#include <core/problems.hpp>
#include <vector>

namespace checks {

struct AuditRules {
  AvailabilityRules availability;
  LinksRules links;
  Ipv6Rules ipv6;
  FreshnessRules freshness;
  MapRules maps;
  DisclosureRules disclosure;
  IdentityRules identity;
  PrivacyRules privacy;
};

// Reads every check's section of `ruleset` (the whole ruleset JSON) and checks the config's
// columns against the freshness classes (`sites`, may be null). Every problem goes to
// `problems` as "ruleset: <key path>: <problem>"; the rules are complete only when none was
// added.
AuditRules load_rules(const nlohmann::json& ruleset, const std::vector<scanner::SiteConfig>* sites,
                      core::Problems& problems);

} // namespace checks
