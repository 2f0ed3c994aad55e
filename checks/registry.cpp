#include <checks/check.hpp>
#include <checks/disclosure.hpp>
#include <checks/identity.hpp>
#include <checks/links_broken.hpp>
#include <checks/maps.hpp>
#include <checks/privacy.hpp>

namespace checks {
namespace {

// Whether the ruleset has the section `key`. The content checks need their section; until the
// app loads a ruleset file they are left out rather than failing every scan.
bool has_section(const CheckContext& context, const char* key) {
  return context.ruleset != nullptr && context.ruleset->is_object() &&
         context.ruleset->contains(key);
}

} // namespace

std::vector<std::unique_ptr<Check>> builtin_checks(const CheckContext& context) {
  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<LinksBroken>());
  if (has_section(context, "maps")) {
    all.push_back(std::make_unique<MapDetect>(context));
    all.push_back(std::make_unique<MapReviewNumber>(context));
    all.push_back(std::make_unique<MapContent>(context));
  }
  if (has_section(context, "disclosure")) {
    all.push_back(std::make_unique<DisclosePlatform>(context));
    all.push_back(std::make_unique<DiscloseGuide>(context));
    all.push_back(std::make_unique<DiscloseCatalogue>(context));
    all.push_back(std::make_unique<DiscloseAnnualReport>(context));
    all.push_back(std::make_unique<DiscloseInterpretation>(context));
  }
  if (has_section(context, "identity")) {
    all.push_back(std::make_unique<IdentityDomain>(context));
    for (const char* mark_check :
         {"identity.site_code", "identity.icp", "identity.psb", "identity.dzjg", "identity.footer"})
      all.push_back(std::make_unique<IdentityMarks>(context, mark_check));
    all.push_back(std::make_unique<IdentitySearch>(context));
  }
  if (has_section(context, "privacy")) {
    all.push_back(std::make_unique<PrivacyIdNumber>(context));
    all.push_back(std::make_unique<PrivacyPhone>(context));
  }
  return all;
}

} // namespace checks
