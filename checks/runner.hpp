#pragma once
// Runs a set of checks over a crawl: every parsed page through each check (from any crawler
// worker), then each check's conclusion with the facts it kept: once per configured site, over
// that site's pages (Check::per_site), or once over the whole crawl.

#include <checks/check.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace checks {

class CheckRunner {
public:
  explicit CheckRunner(std::vector<std::unique_ptr<Check>> checks);

  // Runs the checks on `page` and keeps their findings and facts. Thread-safe.
  void check_page(const scanner::Page& page);

  // Once every check_page call has returned: the page findings so far, followed by each
  // check's conclusions, in registry order (a per-site check's, site by site in `scope`'s
  // order). Which site owns each URL of `site` is worked out once, with `scope`; a per-site
  // check reads only the facts of its site's pages. With no site in `scope`, per-site checks
  // conclude once over the whole crawl. Each check's facts are freed once it has concluded.
  std::vector<Finding> finish(const scanner::Site& site, const scanner::SiteScope& scope);

private:
  std::vector<std::unique_ptr<Check>> m_checks;
  std::vector<std::unique_ptr<FactsStore>> m_facts; // by check; null for checks without facts
  std::mutex m_mutex;                               // guards m_findings
  std::vector<Finding> m_findings;
};

} // namespace checks
