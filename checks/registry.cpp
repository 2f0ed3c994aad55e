#include <checks/check.hpp>
#include <checks/links_broken.hpp>

namespace checks {

std::vector<std::unique_ptr<Check>> builtin_checks(const CheckContext&) {
  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<LinksBroken>());
  return all;
}

} // namespace checks
