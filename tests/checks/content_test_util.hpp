#pragma once
// Helpers for the content-check tests: the repository's ruleset and pages parsed from HTML.

#include <checks/check.hpp>
#include <scanner/html.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace content_tests {

// rulesets/gov-2019.json of the source tree.
inline const nlohmann::json& ruleset() {
  static const nlohmann::json rules = [] {
    std::ifstream in(std::string(GOVAUDIT_SOURCE_DIR) + "/rulesets/gov-2019.json");
    return nlohmann::json::parse(in);
  }();
  return rules;
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

} // namespace content_tests
