#include <checks/check.hpp>

namespace checks {
namespace {

std::vector<scanner::ProbeSample> samples_of(const std::vector<scanner::ProbeSample>& samples,
                                             const std::string& url) {
  std::vector<scanner::ProbeSample> kept;
  for (const auto& sample : samples) {
    if (sample.url == url) kept.push_back(sample);
  }
  return kept;
}

} // namespace

SiteView::SiteView(const scanner::Site& crawl)
    : m_crawl(&crawl), m_start_urls(crawl.start_urls),
      m_home(crawl.start_urls.empty() ? std::string() : crawl.start_urls.front()),
      m_homepage_samples(crawl.homepage_samples), m_family_samples(crawl.family_samples) {
  if (!m_home.empty()) m_homepages.push_back(m_home);
}

SiteView::SiteView(const scanner::Site& crawl, const scanner::SiteScope& scope) : SiteView(crawl) {
  m_homepages.clear();
  for (std::size_t i = 0; i < scope.size(); ++i) {
    if (!scope.start_urls(i).empty()) m_homepages.push_back(scope.start_urls(i).front());
  }
}

SiteView::SiteView(const scanner::Site& crawl, const scanner::SiteScope& scope, std::size_t index,
                   const std::vector<std::uint32_t>& owners)
    : m_crawl(&crawl), m_scope(&scope), m_owners(&owners), m_index(index),
      m_start_urls(scope.start_urls(index)) {
  if (!m_start_urls.empty()) {
    m_home = m_start_urls.front();
    m_homepages.push_back(m_home);
    // Each site's homepage is sampled apart (app/scan.cpp); the samples say which URL they took.
    m_homepage_samples = samples_of(crawl.homepage_samples, m_home);
    m_family_samples = samples_of(crawl.family_samples, m_home);
  }
}

bool SiteView::owns(std::uint32_t url_id) const {
  if (m_owners == nullptr) return true;
  return url_id < m_owners->size() && (*m_owners)[url_id] == m_index;
}

bool SiteView::unowned(std::uint32_t url_id) const {
  if (m_owners == nullptr) return false;
  return url_id >= m_owners->size() || (*m_owners)[url_id] == k_no_owner;
}

bool SiteView::foreign(std::string_view url) const {
  if (m_scope == nullptr) return false;
  const std::size_t owner = m_scope->owner(url);
  return owner != scanner::SiteScope::k_no_site && owner != m_index;
}

std::vector<const scanner::SiteConfig*> site_configs(const SiteView& site,
                                                     const AuditContext& context) {
  std::vector<const scanner::SiteConfig*> configs;
  if (context.sites == nullptr) return configs;
  const auto& sites = *context.sites;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (site.index() == SiteView::k_whole_crawl || site.index() == i) configs.push_back(&sites[i]);
  }
  return configs;
}

std::string_view veto_state_name(VetoState veto) {
  switch (veto) {
  case VetoState::none:
    return "none";
  case VetoState::candidate:
    return "candidate";
  case VetoState::confirmed:
    return "confirmed";
  }
  return "none";
}

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
