#include <checks/check.hpp>

namespace checks {

std::string_view severity_name(Severity severity) {
  switch (severity) {
  case Severity::info:
    return "info";
  case Severity::warning:
    return "warning";
  case Severity::failure:
    return "failure";
  }
  return "failure";
}

} // namespace checks
