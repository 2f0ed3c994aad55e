#include <checks/rules.hpp>

namespace checks {

AuditRules load_rules(const nlohmann::json& ruleset, const std::vector<scanner::SiteConfig>* sites,
                      core::Problems& problems) {
  using rules::Section;
  AuditRules loaded;
  const Section avail = Section::of(ruleset, "avail", problems);
  loaded.availability = read_availability_rules(avail);
  loaded.links = read_links_rules(Section::of(ruleset, "links", problems));
  // The IPv6 rate's full window is the availability window: "avail" is reported once.
  core::Problems repeated;
  loaded.ipv6 = read_ipv6_rules(Section::of(ruleset, "ipv6", problems),
                                Section::of(ruleset, "avail", repeated));
  const Section freshness = Section::of(ruleset, "freshness", problems);
  loaded.freshness = read_freshness_rules(freshness);
  loaded.maps = read_map_rules(Section::of(ruleset, "maps", problems));
  loaded.disclosure = read_disclosure_rules(Section::of(ruleset, "disclosure", problems));
  loaded.identity = read_identity_rules(Section::of(ruleset, "identity", problems));
  loaded.privacy = read_privacy_rules(Section::of(ruleset, "privacy", problems));
  if (sites != nullptr && freshness.valid()) {
    for (const auto& site : *sites) {
      for (const auto& column : site.columns) {
        if (!column.column_class.empty() &&
            loaded.freshness.find_class(column.column_class) == nullptr &&
            column.column_class != loaded.freshness.unknown_class) {
          freshness.problem("classes", "the config's column " + column.url + " has class \"" +
                                           column.column_class +
                                           "\", which the ruleset does not define");
        }
      }
    }
  }
  return loaded;
}

} // namespace checks
