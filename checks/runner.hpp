#pragma once
// Runs a set of checks over a crawl: every parsed page through each check (from any crawler
// worker), then each check's conclusion with the facts it kept: once per configured site, over
// that site's pages (Check::per_site), or once over the whole crawl. Checks that share their
// per-page facts (Check::shared_facts) have them computed and stored once per page.

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
  // check's site findings, in registry order (a per-site check's, site by site in `scope`'s
  // order). Which site owns each URL of `site` is worked out once, with `scope`; a per-site
  // check sees only the facts of its site's pages. With no site in `scope`, per-site checks
  // conclude once over the whole crawl. The runner's page state is consumed.
  std::vector<Finding> finish(const scanner::Site& site, const scanner::SiteScope& scope);

private:
  // The facts owner `owner` kept, decoded and sorted by page id; its stored copy is freed.
  PageFacts decode_facts(std::size_t owner);

  std::vector<std::unique_ptr<Check>> m_checks;
  // For each check, the index of the check whose check_page produces its facts (itself unless
  // an earlier check shares them).
  std::vector<std::size_t> m_facts_owner;
  // Facts are kept as CBOR until the crawl ends: a page's facts then take a few hundred bytes
  // instead of a tree of JSON nodes, and 100,000 pages fit in the memory bar. Each owner's facts
  // are decoded once, for its checks' check_site, and freed after the last of them (moved into
  // one list per site for the per-site checks).
  using StoredFacts = std::vector<std::pair<std::uint32_t, std::vector<std::uint8_t>>>;
  std::mutex m_mutex; // guards m_findings and m_facts
  std::vector<Finding> m_findings;
  std::vector<StoredFacts> m_facts; // by owner index
};

} // namespace checks
