#include <checks/check.hpp>
#include <checks/columns.hpp>
#include <checks/freshness.hpp>
#include <checks/links_broken.hpp>

namespace checks {

std::vector<std::unique_ptr<Check>> builtin_checks(const CheckContext& context) {
  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<LinksBroken>());
  // The freshness checks need the ruleset's "freshness" section; until the app loads a ruleset
  // (it passes an empty object today) they are left out rather than failing every scan.
  if (context.ruleset != nullptr && context.ruleset->contains("freshness")) {
    all.push_back(std::make_unique<HomeStale>(context));
    all.push_back(std::make_unique<ColumnsStale>(context));
    all.push_back(std::make_unique<ColumnsBlank>(context));
    all.push_back(std::make_unique<NewmediaStale>(context));
  }
  return all;
}

} // namespace checks
