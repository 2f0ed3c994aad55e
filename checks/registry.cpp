#include <checks/avail_homepage.hpp>
#include <checks/check.hpp>
#include <checks/columns.hpp>
#include <checks/freshness.hpp>
#include <checks/links_broken.hpp>
#include <checks/links_quality.hpp>

namespace checks {

std::vector<std::unique_ptr<Check>> builtin_checks(const CheckContext& context) {
  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<AvailHomepage>(context));
  all.push_back(std::make_unique<LinksBroken>(context));
  all.push_back(std::make_unique<LinksRedirects>(context));
  all.push_back(std::make_unique<LinksMixedContent>());
  all.push_back(std::make_unique<LinksAnchors>(context));
  all.push_back(std::make_unique<HomeStale>(context));
  all.push_back(std::make_unique<ColumnsStale>(context));
  all.push_back(std::make_unique<ColumnsBlank>(context));
  all.push_back(std::make_unique<NewmediaStale>(context));
  return all;
}

} // namespace checks
