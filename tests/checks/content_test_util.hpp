#pragma once
// Helpers for the content-check tests: the repository's ruleset and its rules, pages parsed from
// HTML, and a concern run over a few pages the way the runner runs it (inspect every page, seal,
// conclude over the whole crawl).

#include <checks/check.hpp>
#include <checks/rules.hpp>
#include <scanner/html.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace content_tests {

// rulesets/gov-2019.json of the source tree.
inline const nlohmann::json& ruleset() {
  static const nlohmann::json rules = [] {
    std::ifstream in(std::string(GOVAUDIT_SOURCE_DIR) + "/rulesets/gov-2019.json");
    return nlohmann::json::parse(in);
  }();
  return rules;
}

// The problems checks::load_rules() finds in `json` (one line each).
inline std::vector<std::string> rule_problems(const nlohmann::json& json) {
  core::Problems problems;
  checks::load_rules(json, nullptr, problems);
  return problems.lines();
}

// The rules of ruleset(); throws when it has a problem (no test can pass on a broken ruleset).
inline const checks::AuditRules& rules() {
  static const checks::AuditRules loaded = [] {
    core::Problems problems;
    auto rules = checks::load_rules(ruleset(), nullptr, problems);
    if (!problems.empty()) throw std::runtime_error(problems.text());
    return rules;
  }();
  return loaded;
}

// An audit on `as_of` of the configured `sites` (none by default) with rules().
inline checks::AuditContext context_at(core::CivilDate as_of,
                                       const std::vector<scanner::SiteConfig>* sites = nullptr) {
  return checks::AuditContext{as_of, sites, &rules(), false};
}

// A fetched (200) page at `url` parsed from `html`.
inline scanner::Page page_from(const std::string& html, const std::string& url,
                               std::uint32_t id = 0, int depth = 1) {
  scanner::Page page;
  page.id = id;
  page.url = url;
  page.depth = depth;
  page.fetch.status = 200;
  scanner::UrlResolver resolver;
  scanner::parse_html(html, page, resolver);
  return page;
}

// A site whose URL table holds `urls` (all fetched with 200), the first one the start URL.
inline scanner::Site site_of(const std::vector<std::string>& urls) {
  scanner::Site site;
  site.start_urls.push_back(urls.front());
  for (const auto& url : urls) {
    scanner::UrlRecord record;
    record.url = url;
    record.state = scanner::UrlState::fetched;
    record.fetch.status = 200;
    record.is_page = true;
    site.urls.push_back(record);
  }
  return site;
}

// The findings `check` reports about `page` while it is inspected, under check id `id` (every
// id when empty).
inline std::vector<checks::Finding> inspect(const checks::Check& check, const scanner::Page& page,
                                            std::string_view id = {}) {
  auto facts = check.new_facts();
  std::vector<checks::Finding> findings, kept;
  check.inspect(page, facts.get(), findings);
  for (auto& finding : findings) {
    if (id.empty() || finding.check == id) kept.push_back(std::move(finding));
  }
  return kept;
}

using Pages = std::vector<std::pair<std::string, std::string>>; // (url, html)

// Every finding of `check` over `site`, whose URL ids are the pages' positions in `pages`:
// the page findings, then the conclusion over the whole crawl; only those under `id` (every id
// when empty).
inline std::vector<checks::Finding> run_on(const checks::Check& check, const scanner::Site& site,
                                           const Pages& pages, std::string_view id = {}) {
  auto facts = check.new_facts();
  std::vector<checks::Finding> findings;
  for (std::uint32_t i = 0; i < pages.size(); ++i) {
    check.inspect(page_from(pages[i].second, pages[i].first, i), facts.get(), findings);
  }
  if (facts) facts->seal();
  auto concluded = check.conclude(checks::SiteView(site), facts.get());
  findings.insert(findings.end(), std::make_move_iterator(concluded.begin()),
                  std::make_move_iterator(concluded.end()));
  std::vector<checks::Finding> kept;
  for (auto& finding : findings) {
    if (id.empty() || finding.check == id) kept.push_back(std::move(finding));
  }
  return kept;
}

// run_on() a site whose URL table holds the pages' URLs.
inline std::vector<checks::Finding> run(const checks::Check& check, const Pages& pages,
                                        std::string_view id = {}) {
  std::vector<std::string> urls;
  for (const auto& page : pages) urls.push_back(page.first);
  return run_on(check, site_of(urls), pages, id);
}

} // namespace content_tests
