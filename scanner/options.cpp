#include <scanner/options.hpp>

namespace scanner {

std::string default_user_agent() {
  // Honest and identifiable: webmasters can see who is auditing them and why.
  return std::string("govaudit/") + GOVAUDIT_VERSION +
         " (government website compliance audit; robots.txt obeyed)";
}

} // namespace scanner
