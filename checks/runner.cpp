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
  std::vector<PageReport> reports(m_checks.size());
  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    if (m_facts_owner[i] == i) reports[i] = m_checks[i]->inspect(page);
  }
  std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < reports.size(); ++i) {
    auto& found = reports[i].findings;
    std::move(found.begin(), found.end(), std::back_inserter(m_findings));
    if (!reports[i].facts.is_null()) m_facts[i].emplace_back(page.id, std::move(reports[i].facts));
  }
}

std::vector<Finding> CheckRunner::finish(const scanner::Site& site) {
  std::vector<Finding> findings = std::move(m_findings);
  m_findings.clear();
  // Workers finish pages in any order; check_site reads facts by page id.
  for (auto& kept : m_facts) {
    std::sort(kept.begin(), kept.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    auto site_findings = m_checks[i]->check_site(site, m_facts[m_facts_owner[i]]);
    std::move(site_findings.begin(), site_findings.end(), std::back_inserter(findings));
  }
  m_facts.assign(m_checks.size(), {});
  return findings;
}

} // namespace checks
