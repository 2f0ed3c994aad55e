#include <checks/links/links.hpp>

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

void Links::judge_redirects(const SiteView& view, std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  const std::size_t warn_hops = m_rules.redirect_chain_warn_hops;
  for (const auto& record : site.urls) {
    const auto& chain = record.fetch.redirects;
    if (chain.empty() || !record.fetch.ok()) continue;
    bool downgrade = false;
    std::string previous = record.url;
    for (const auto& hop : chain) {
      if (is_https(previous) && is_http(hop)) downgrade = true;
      previous = hop;
    }
    const bool long_chain = chain.size() > warn_hops;
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
    findings.push_back({"links.redirects",
                        Severity::warning,
                        record.url,
                        {},
                        message,
                        {{"hops", chain.size()},
                         {"redirects", chain},
                         {"final_url", record.fetch.final_url},
                         {"downgrade", downgrade},
                         {"threshold", warn_hops},
                         {"referrer_count", record.referrer_count},
                         {"pages", std::move(pages)}}});
  }
}

void Links::check_mixed_content(const scanner::Page& page, std::vector<Finding>& findings) const {
  const std::string& address = page.fetch.final_url.empty() ? page.url : page.fetch.final_url;
  if (!is_https(address)) return;
  std::unordered_set<std::string_view> seen;
  for (const auto& link : page.links) {
    if (!scanner::is_embedded(link.kind) || !is_http(link.url)) continue;
    if (!seen.insert(link.url).second) continue;
    findings.push_back({"links.mixed_content",
                        Severity::warning,
                        link.url,
                        page.url,
                        "HTTPS 页面加载了不安全的 HTTP 资源：" + link.url,
                        {{"element", scanner::link_kind_name(link.kind)}, {"line", link.line}}});
  }
}

void Links::check_fragments(const scanner::Page& page, LinkFacts& facts,
                            std::vector<Finding>& findings) const {
  const std::string& address = page.fetch.final_url.empty() ? page.url : page.fetch.final_url;
  const std::unordered_set<std::string> ids(page.ids.begin(), page.ids.end());
  const auto& ignored = m_rules.ignored_fragments;
  std::unordered_set<std::string> reported;
  for (const auto& link : page.links) {
    if (link.fragment.empty() || link.kind == scanner::LinkKind::form ||
        std::find(ignored.begin(), ignored.end(), link.fragment) != ignored.end()) {
      continue;
    }
    if (link.url == page.url || link.url == address) {
      if (ids.count(link.fragment) != 0 || !reported.insert(link.fragment).second) continue;
      findings.push_back(
          {"links.anchors",
           Severity::warning,
           link.url + "#" + link.fragment,
           page.url,
           "页内锚点 #" + link.fragment + " 在页面中不存在",
           {{"fragment", link.fragment}, {"line", link.line}, {"anchor_text", link.text}}});
    } else {
      facts.fragment_links.push_back({link.url, link.fragment, link.line, link.text});
    }
  }
  for (std::size_t i = 0; i < page.ids.size() && i < k_max_ids; ++i) {
    facts.ids += page.ids[i];
    facts.ids += '\n';
  }
}

void Links::judge_fragments(const SiteView& view, const Entries& facts,
                            std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  // Only the pages that fragment links point to matter: their URLs first, then their ids and
  // whether they were parsed (a site of 100,000 pages has fragment links to a handful).
  std::unordered_set<std::string_view> targets;
  for (const auto* entry : facts) {
    for (const auto& link : entry->second.fragment_links) targets.insert(link.url);
  }
  std::unordered_map<std::string_view, std::unordered_set<std::string>> ids_of;
  for (const auto* entry : facts) {
    const std::string& page_url = site.urls[entry->first].url;
    if (entry->second.ids.empty() || targets.count(page_url) == 0) continue;
    auto& ids = ids_of[page_url];
    const std::string& joined = entry->second.ids;
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
  for (const auto* entry : facts) {
    for (const auto& link : entry->second.fragment_links) {
      if (records.count(link.url) == 0) continue; // not a parsed page: nothing to judge against
      auto ids = ids_of.find(link.url);
      if (ids != ids_of.end() && ids->second.count(link.fragment) != 0) continue;
      findings.push_back(
          {"links.anchors",
           Severity::warning,
           link.url + "#" + link.fragment,
           site.urls[entry->first].url,
           "链接指向的锚点 #" + link.fragment + " 在目标页面中不存在",
           {{"fragment", link.fragment}, {"line", link.line}, {"anchor_text", link.text}}});
    }
  }
}

} // namespace checks
