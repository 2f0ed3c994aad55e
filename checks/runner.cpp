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

PageFacts CheckRunner::decode_facts(std::size_t owner) {
  PageFacts decoded;
  auto& stored = m_facts[owner];
  // Workers finish pages in any order; check_site reads facts by page id.
  std::sort(stored.begin(), stored.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  decoded.reserve(stored.size());
  for (auto& [page, bytes] : stored) {
    decoded.emplace_back(page, nlohmann::json::from_cbor(bytes));
    std::vector<std::uint8_t>().swap(bytes);
  }
  StoredFacts().swap(stored);
  return decoded;
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

  std::vector<std::vector<Finding>> by_check(m_checks.size());
  auto conclude = [&](std::size_t check, const SiteView& view, const PageFacts& facts) {
    auto found = m_checks[check]->check_site(view, facts);
    std::move(found.begin(), found.end(), std::back_inserter(by_check[check]));
  };
  // One owner's facts at a time: decoded once, read by its whole-crawl checks, then moved into
  // one list per site for its per-site checks, and freed.
  for (std::size_t owner = 0; owner < m_checks.size(); ++owner) {
    if (m_facts_owner[owner] != owner) continue;
    std::vector<std::size_t> per_site;
    PageFacts facts = decode_facts(owner);
    for (std::size_t i = owner; i < m_checks.size(); ++i) {
      if (m_facts_owner[i] != owner) continue;
      if (m_checks[i]->per_site() && !views.empty()) {
        per_site.push_back(i);
      } else {
        conclude(i, whole, facts);
      }
    }
    if (per_site.empty()) continue;
    std::vector<PageFacts> by_site(views.size());
    for (auto& [page, fact] : facts) {
      const std::uint32_t site_index = page < owners.size() ? owners[page] : SiteView::k_no_owner;
      if (site_index != SiteView::k_no_owner)
        by_site[site_index].emplace_back(page, std::move(fact));
    }
    PageFacts().swap(facts);
    for (std::size_t s = 0; s < views.size(); ++s) {
      for (std::size_t check : per_site) conclude(check, views[s], by_site[s]);
      PageFacts().swap(by_site[s]);
    }
  }
  for (auto& found : by_check) std::move(found.begin(), found.end(), std::back_inserter(findings));
  m_facts.assign(m_checks.size(), {});
  return findings;
}

} // namespace checks
