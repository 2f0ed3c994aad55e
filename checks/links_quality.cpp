#include <checks/links_quality.hpp>
#include <checks/ruleset_section.hpp>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace checks {
namespace {

bool is_https(std::string_view url) {
  return url.rfind("https://", 0) == 0;
}
bool is_http(std::string_view url) {
  return url.rfind("http://", 0) == 0;
}

// The element ids a page keeps for others to link to (capped: a page with thousands of ids
// keeps the first ones, which is where anchors of a long page usually are).
constexpr std::size_t k_max_ids = 256;

} // namespace

LinksRedirects::LinksRedirects(const CheckContext& context) {
  m_warn_hops = RulesetSection(context, "links").count("redirect_chain_warn_hops");
}

std::vector<Finding> LinksRedirects::check_site(const SiteView& view, const PageFacts&) const {
  const scanner::Site& site = view.crawl();
  std::vector<Finding> findings;
  for (const auto& record : site.urls) {
    const auto& chain = record.fetch.redirects;
    if (chain.empty() || !record.fetch.ok()) continue;
    bool downgrade = false;
    std::string previous = record.url;
    for (const auto& hop : chain) {
      if (is_https(previous) && is_http(hop)) downgrade = true;
      previous = hop;
    }
    const bool long_chain = chain.size() > m_warn_hops;
    if (!long_chain && !downgrade) continue;
    nlohmann::json pages = nlohmann::json::array();
    for (const auto& referrer : record.referrers) {
      pages.push_back({{"page", site.urls[referrer.page].url},
                       {"line", referrer.line},
                       {"anchor_text", referrer.text}});
    }
    std::string message =
        downgrade ? "链接经跳转由 HTTPS 降级为 HTTP：" + record.url
                  : "链接经过 " + std::to_string(chain.size()) + " 次跳转才到达目标：" + record.url;
    findings.push_back({std::string(id()),
                        Severity::warning,
                        record.url,
                        {},
                        message,
                        {{"hops", chain.size()},
                         {"redirects", chain},
                         {"final_url", record.fetch.final_url},
                         {"downgrade", downgrade},
                         {"threshold", m_warn_hops},
                         {"referrer_count", record.referrer_count},
                         {"pages", std::move(pages)}}});
  }
  return findings;
}

PageReport LinksMixedContent::check_page(const scanner::Page& page) const {
  PageReport report;
  const std::string& address = page.fetch.final_url.empty() ? page.url : page.fetch.final_url;
  if (!is_https(address)) return report;
  std::unordered_set<std::string_view> seen;
  for (const auto& link : page.links) {
    if (!scanner::is_embedded(link.kind) || !is_http(link.url)) continue;
    if (!seen.insert(link.url).second) continue;
    report.findings.push_back(
        {std::string(id()),
         Severity::warning,
         link.url,
         page.url,
         "HTTPS 页面加载了不安全的 HTTP 资源：" + link.url,
         {{"element", scanner::link_kind_name(link.kind)}, {"line", link.line}}});
  }
  return report;
}

LinksAnchors::LinksAnchors(const CheckContext& context) {
  m_ignored = RulesetSection(context, "links").strings("ignored_fragments");
}

bool LinksAnchors::ignored(const std::string& fragment) const {
  return std::find(m_ignored.begin(), m_ignored.end(), fragment) != m_ignored.end();
}

PageReport LinksAnchors::check_page(const scanner::Page& page) const {
  PageReport report;
  const std::string& address = page.fetch.final_url.empty() ? page.url : page.fetch.final_url;
  const std::unordered_set<std::string> ids(page.ids.begin(), page.ids.end());
  nlohmann::json elsewhere = nlohmann::json::array();
  std::unordered_set<std::string> reported;
  for (const auto& link : page.links) {
    if (link.fragment.empty() || ignored(link.fragment) || link.kind == scanner::LinkKind::form) {
      continue;
    }
    if (link.url == page.url || link.url == address) {
      if (ids.count(link.fragment) != 0 || !reported.insert(link.fragment).second) continue;
      report.findings.push_back(
          {std::string(id()),
           Severity::warning,
           link.url + "#" + link.fragment,
           page.url,
           "页内锚点 #" + link.fragment + " 在页面中不存在",
           {{"fragment", link.fragment}, {"line", link.line}, {"anchor_text", link.text}}});
    } else {
      elsewhere.push_back({link.url, link.fragment, link.line, link.text});
    }
  }
  nlohmann::json facts = nlohmann::json::object();
  if (!elsewhere.empty()) facts["links"] = std::move(elsewhere);
  if (!page.ids.empty()) {
    std::string joined;
    for (std::size_t i = 0; i < page.ids.size() && i < k_max_ids; ++i) {
      joined += page.ids[i];
      joined += '\n';
    }
    facts["ids"] = std::move(joined);
  }
  if (!facts.empty()) report.facts = std::move(facts);
  return report;
}

std::vector<Finding> LinksAnchors::check_site(const SiteView& view, const PageFacts& facts) const {
  const scanner::Site& site = view.crawl();
  std::vector<Finding> findings;
  // Only the pages that fragment links point to matter: their URLs first, then their ids and
  // whether they were parsed (a site of 100,000 pages has fragment links to a handful).
  std::unordered_set<std::string_view> targets;
  for (const auto& [page, fact] : facts) {
    if (!fact.contains("links")) continue;
    for (const auto& link : fact["links"]) targets.insert(link[0].get_ref<const std::string&>());
  }
  std::unordered_map<std::string_view, std::unordered_set<std::string>> ids_of;
  for (const auto& [page, fact] : facts) {
    if (!fact.contains("ids") || targets.count(site.urls[page].url) == 0) continue;
    auto& ids = ids_of[site.urls[page].url];
    const std::string& joined = fact["ids"].get_ref<const std::string&>();
    std::size_t start = 0;
    while (start < joined.size()) {
      const auto end = joined.find('\n', start);
      ids.insert(joined.substr(start, end - start));
      start = end + 1;
    }
  }
  std::unordered_set<std::string_view> records; // targets that are parsed pages
  for (const auto& record : site.urls) {
    if (record.is_page && targets.count(record.url) != 0) records.insert(record.url);
  }
  for (const auto& [page, fact] : facts) {
    if (!fact.contains("links")) continue;
    for (const auto& link : fact["links"]) {
      const std::string target = link[0].get<std::string>();
      const std::string fragment = link[1].get<std::string>();
      if (records.count(target) == 0) continue; // not a parsed page: nothing to judge against
      auto ids = ids_of.find(target);
      if (ids != ids_of.end() && ids->second.count(fragment) != 0) continue;
      findings.push_back({std::string(id()),
                          Severity::warning,
                          target + "#" + fragment,
                          site.urls[page].url,
                          "链接指向的锚点 #" + fragment + " 在目标页面中不存在",
                          {{"fragment", fragment}, {"line", link[2]}, {"anchor_text", link[3]}}});
    }
  }
  return findings;
}

} // namespace checks
