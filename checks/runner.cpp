#include <checks/runner.hpp>

#include <algorithm>
#include <iterator>

namespace checks {

CheckRunner::CheckRunner(std::vector<std::unique_ptr<Check>> checks)
    : m_checks(std::move(checks)), m_facts_owner(m_checks.size()), m_facts(m_checks.size()) {
  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    m_facts_owner[i] = i;
    const std::string_view key = m_checks[i]->shared_facts();
    if (key.empty()) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (m_checks[j]->shared_facts() == key) {
        m_facts_owner[i] = j;
        break;
      }
    }
  }
}

void CheckRunner::check_page(const scanner::Page& page) {
  std::vector<Finding> found;
  std::vector<std::pair<std::size_t, std::vector<std::uint8_t>>> kept;
  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    if (m_facts_owner[i] != i) continue;
    PageReport report = m_checks[i]->inspect(page);
    std::move(report.findings.begin(), report.findings.end(), std::back_inserter(found));
    if (report.facts.is_null()) continue;
    auto& bytes = kept.emplace_back(i, nlohmann::json::to_cbor(report.facts)).second;
    bytes.shrink_to_fit(); // kept until the crawl ends: no spare capacity, and not under the lock
  }
  std::lock_guard lock(m_mutex);
  std::move(found.begin(), found.end(), std::back_inserter(m_findings));
  for (auto& [check, bytes] : kept) m_facts[check].emplace_back(page.id, std::move(bytes));
}

std::vector<Finding> CheckRunner::finish(const scanner::Site& site) {
  std::vector<Finding> findings = std::move(m_findings);
  m_findings.clear();
  // How many checks read each owner's facts, so that the decoded copy goes as soon as the last
  // of them is done.
  std::vector<std::size_t> readers(m_checks.size());
  for (std::size_t owner : m_facts_owner) ++readers[owner];
  std::vector<PageFacts> decoded(m_checks.size());
  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    const std::size_t owner = m_facts_owner[i];
    if (decoded[owner].empty() && !m_facts[owner].empty()) {
      // Workers finish pages in any order; check_site reads facts by page id.
      auto& stored = m_facts[owner];
      std::sort(stored.begin(), stored.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      decoded[owner].reserve(stored.size());
      for (auto& [page, bytes] : stored) {
        decoded[owner].emplace_back(page, nlohmann::json::from_cbor(bytes));
        std::vector<std::uint8_t>().swap(bytes);
      }
      StoredFacts().swap(stored);
    }
    auto site_findings = m_checks[i]->check_site(site, decoded[owner]);
    std::move(site_findings.begin(), site_findings.end(), std::back_inserter(findings));
    if (--readers[owner] == 0) PageFacts().swap(decoded[owner]);
  }
  m_facts.assign(m_checks.size(), {});
  return findings;
}

} // namespace checks
