#include <checks/runner.hpp>

#include <algorithm>
#include <iterator>

namespace checks {

CheckRunner::CheckRunner(std::vector<std::unique_ptr<Check>> checks) : m_checks(std::move(checks)) {
  for (const auto& check : m_checks) m_facts.push_back(check->new_facts());
}

void CheckRunner::check_page(const scanner::Page& page) {
  std::vector<Finding> found;
  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    // No footer, date or column rule ever judges a .txt file.
    if (page.attachment && !m_checks[i]->reads_attachments()) continue;
    m_checks[i]->inspect(page, m_facts[i].get(), found);
  }
  if (found.empty()) return;
  std::lock_guard lock(m_mutex);
  std::move(found.begin(), found.end(), std::back_inserter(m_findings));
}

std::vector<Finding> CheckRunner::finish(const scanner::Site& site,
                                         const scanner::SiteScope& scope) {
  std::vector<Finding> findings = std::move(m_findings);
  m_findings.clear();
  // Whose each URL is, once for every check and site: a few lookups per URL, after the crawl.
  std::vector<std::uint32_t> owners(site.urls.size(), SiteView::k_no_owner);
  for (std::size_t id = 0; id < site.urls.size(); ++id) {
    const std::size_t owner = scope.owner(site.urls[id].url);
    if (owner != scanner::SiteScope::k_no_site) owners[id] = static_cast<std::uint32_t>(owner);
  }
  const SiteView whole(site, scope);
  std::vector<SiteView> views;
  for (std::size_t i = 0; i < scope.size(); ++i) views.emplace_back(site, scope, i, owners);

  for (std::size_t i = 0; i < m_checks.size(); ++i) {
    const Check& check = *m_checks[i];
    if (m_facts[i]) m_facts[i]->seal();
    auto conclude = [&](const SiteView& view) {
      auto found = check.conclude(view, m_facts[i].get());
      std::move(found.begin(), found.end(), std::back_inserter(findings));
    };
    if (check.per_site() && !views.empty()) {
      for (const auto& view : views) conclude(view);
    } else {
      conclude(whole);
    }
    m_facts[i].reset(); // the facts of a check serve its conclusions only
  }
  return findings;
}

} // namespace checks
