#include <checks/avail_homepage.hpp>
#include <checks/check.hpp>
#include <checks/columns.hpp>
#include <checks/disclosure.hpp>
#include <checks/freshness.hpp>
#include <checks/identity.hpp>
#include <checks/ipv6.hpp>
#include <checks/links_broken.hpp>
#include <checks/links_quality.hpp>
#include <checks/maps.hpp>
#include <checks/privacy.hpp>
#include <checks/ruleset.hpp>

#include <algorithm>

namespace checks {

std::vector<std::unique_ptr<Check>> builtin_checks(const CheckContext& context) {
  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<AvailHomepage>(context));
  all.push_back(std::make_unique<LinksBroken>(context));
  all.push_back(std::make_unique<LinksRedirects>(context));
  all.push_back(std::make_unique<LinksMixedContent>());
  all.push_back(std::make_unique<LinksAnchors>(context));
  all.push_back(std::make_unique<Ipv6Support>(context));
  all.push_back(std::make_unique<HomeStale>(context));
  all.push_back(std::make_unique<ColumnsStale>(context));
  all.push_back(std::make_unique<ColumnsBlank>(context));
  all.push_back(std::make_unique<NewmediaStale>(context));
  all.push_back(std::make_unique<MapDetect>(context));
  all.push_back(std::make_unique<MapReviewNumber>(context));
  all.push_back(std::make_unique<MapContent>(context));
  all.push_back(std::make_unique<DisclosePlatform>(context));
  all.push_back(std::make_unique<DiscloseGuide>(context));
  all.push_back(std::make_unique<DiscloseCatalogue>(context));
  all.push_back(std::make_unique<DiscloseAnnualReport>(context));
  all.push_back(std::make_unique<DiscloseInterpretation>(context));
  all.push_back(std::make_unique<IdentityDomain>(context));
  for (const char* mark_check :
       {"identity.site_code", "identity.icp", "identity.psb", "identity.dzjg", "identity.footer"}) {
    all.push_back(std::make_unique<IdentityMarks>(context, mark_check));
  }
  all.push_back(std::make_unique<IdentitySearch>(context));
  all.push_back(std::make_unique<PrivacyIdNumber>(context));
  all.push_back(std::make_unique<PrivacyPhone>(context));
  return all;
}

std::vector<std::string> builtin_check_ids() {
  const CheckContext context{"2000-01-01", nullptr, &default_ruleset().json};
  std::vector<std::string> ids;
  for (const auto& check : builtin_checks(context)) {
    for (std::string_view id : check->ids()) ids.emplace_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

} // namespace checks
