// What a test does when a tool it needs is missing: skip with the reason on a developer's
// machine, fail under CI=true.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string_view>
#include <tests/support/test_support.hpp>

namespace test_support {

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

bool require_tool(std::string_view name, const std::optional<std::string>& missing) {
  if (!missing) return true;
  if (in_ci()) {
    FAIL(name << " is needed and CI=true, so this test fails rather than skips: " << *missing
              << " (ci/setup installs what the tests need)");
  }
  WARN("skipped: " << name << ": " << *missing);
  return false;
}

} // namespace test_support
