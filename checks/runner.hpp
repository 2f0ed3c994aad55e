#pragma once
// Runs a set of checks over a crawl: every parsed page through each check (from any crawler
// worker), then each check over the whole site with the facts it kept. Checks that share their
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
  // check's site findings, in registry order. The runner's page state is consumed.
  std::vector<Finding> finish(const scanner::Site& site);

private:
  std::vector<std::unique_ptr<Check>> m_checks;
  // For each check, the index of the check whose check_page produces its facts (itself unless
  // an earlier check shares them).
  std::vector<std::size_t> m_facts_owner;
  // Facts are kept as CBOR until the crawl ends: a page's facts then take a few hundred bytes
  // instead of a tree of JSON nodes, and 100,000 pages fit in the memory bar. Each owner's facts
  // are decoded once, for its checks' check_site, and freed after the last of them.
  using StoredFacts = std::vector<std::pair<std::uint32_t, std::vector<std::uint8_t>>>;
  std::mutex m_mutex; // guards m_findings and m_facts
  std::vector<Finding> m_findings;
  std::vector<StoredFacts> m_facts; // by owner index
};

} // namespace checks
