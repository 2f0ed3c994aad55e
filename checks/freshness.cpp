#include <checks/columns.hpp>
#include <checks/freshness.hpp>
#include <checks/list_facts.hpp>

#include <map>
#include <unordered_map>

namespace checks {
namespace {

using Json = nlohmann::json;

// The newer of two "newest" records (either may be null).
const Json* newer(const Json* a, const Json* b) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  return (*b)["date"].get<std::string>() > (*a)["date"].get<std::string>() ? b : a;
}

// One new-media account to judge.
struct Account {
  std::string url;
  std::string name;
  std::string platform;
  std::string origin; // "discovered", "configured" or both
};

} // namespace

HomeStale::HomeStale(const CheckContext& context)
    : m_rules(load_freshness_rules(*context.ruleset)), m_as_of(audit_date(context)) {}

PageReport HomeStale::check_page(const scanner::Page& page) const {
  return {{}, page_facts(page, m_rules, m_as_of)};
}

std::vector<Finding> HomeStale::check_site(const SiteView& site, const PageFacts& facts) const {
  const auto& urls = site.crawl().urls;
  std::int64_t home = home_page_id(site);
  const Json* newest = nullptr;
  std::string source = "homepage";
  for (const auto& [id, fact] : facts) {
    if (static_cast<std::int64_t>(id) == home && fact.contains("newest")) newest = &fact["newest"];
  }
  if (newest == nullptr) {
    // A navigation-only homepage: the newest item across the second-level pages.
    source = "second-level pages";
    for (const auto& [id, fact] : facts) {
      if (id < urls.size() && urls[id].depth == 1 && fact.contains("newest")) {
        newest = newer(newest, &fact["newest"]);
      }
    }
  }
  Json evidence = {{"source", source},
                   {"threshold", m_rules.home_veto_days},
                   {"warn_threshold", m_rules.home_warn_days}};
  if (newest == nullptr) {
    evidence["veto"] = "candidate";
    evidence["review"] = true;
    evidence["value"] = nullptr;
    return {{std::string(id()),
             Severity::failure,
             site.home(),
             {},
             "首页及其链接的二级页面上未找到带日期的信息，无法确认首页更新情况",
             evidence}};
  }
  int days =
      scanner::days_between(scanner::parse_iso_date((*newest)["date"].get<std::string>()), m_as_of);
  evidence["value"] = days;
  evidence["last_date"] = (*newest)["date"];
  evidence["last_shown"] = (*newest)["shown"];
  evidence["last_url"] = (*newest)["url"];
  evidence["last_title"] = (*newest)["title"];
  evidence["date_method"] = (*newest)["method"];
  std::string message = "首页最新信息“" + (*newest)["title"].get<std::string>() + "”发布于" +
                        (*newest)["date"].get<std::string>() + "，距监测日" + std::to_string(days) +
                        "天";
  Severity severity = Severity::info;
  if (days > m_rules.home_veto_days) {
    severity = Severity::failure;
    evidence["veto"] = "confirmed";
  } else if (days > m_rules.home_warn_days) {
    severity = Severity::warning;
  }
  return {{std::string(id()), severity, site.home(), {}, message, evidence}};
}

NewmediaStale::NewmediaStale(const CheckContext& context)
    : m_context(context), m_rules(load_freshness_rules(*context.ruleset)),
      m_as_of(audit_date(context)) {}

PageReport NewmediaStale::check_page(const scanner::Page& page) const {
  return {{}, page_facts(page, m_rules, m_as_of)};
}

std::vector<Finding> NewmediaStale::check_site(const SiteView& site, const PageFacts& facts) const {
  const auto& urls = site.crawl().urls;
  // The site's own URLs (views into urls): only its pages have facts here.
  std::unordered_map<std::string_view, std::uint32_t> ids;
  for (std::uint32_t i = 0; i < urls.size(); ++i) {
    if (site.owns(i)) ids[urls[i].url] = i;
  }
  std::unordered_map<std::uint32_t, const Json*> by_id;
  for (const auto& [id, fact] : facts) by_id[id] = &fact;

  std::map<std::string, Account> accounts; // by URL
  for (const auto& [id, fact] : facts) {
    const auto listed = fact.find("accounts");
    if (listed == fact.end()) continue;
    for (const auto& entry : *listed) {
      Account& account = accounts[entry["url"].get<std::string>()];
      account.url = entry["url"].get<std::string>();
      account.name = entry["name"].get<std::string>();
      account.platform = entry["platform"].get<std::string>();
      account.origin = "discovered";
    }
  }
  for (const scanner::SiteConfig* site_config : site_configs(site, m_context)) {
    for (const auto& configured : site_config->new_media_accounts) {
      Account& account = accounts[configured.url];
      account.url = configured.url;
      if (!configured.name.empty()) account.name = configured.name;
      if (!configured.platform.empty()) account.platform = configured.platform;
      account.origin = account.origin.empty() ? "configured" : "discovered+configured";
    }
  }

  std::vector<Finding> findings;
  int zombies = 0;
  for (const auto& [url, account] : accounts) {
    Json evidence = {{"name", account.name},
                     {"platform", account.platform},
                     {"origin", account.origin},
                     {"threshold", m_rules.media_veto_days},
                     {"warn_threshold", m_rules.media_warn_days}};
    auto where = ids.find(url);
    const Json* fact = nullptr;
    if (where != ids.end() && urls[where->second].is_page) {
      auto found = by_id.find(where->second);
      if (found != by_id.end()) fact = found->second;
    }
    std::string label = account.platform + "“" + account.name + "”";
    if (fact == nullptr || (!fact->contains("text_newest") && !fact->contains("blank_phrase"))) {
      evidence["state"] = "unverified";
      evidence["review"] = true;
      findings.push_back({std::string(id()),
                          Severity::warning,
                          url,
                          {},
                          "无法读取新媒体账号" + label + "的发布信息，需人工核实",
                          evidence});
      continue;
    }
    if (!fact->contains("text_newest")) {
      ++zombies;
      // A 僵尸号 is vetoed as an account: the score of the website is another subject's.
      evidence["veto"] = "confirmed";
      evidence["state"] = "blank";
      evidence["posts"] = 0;
      evidence["blank_line"] = fact->value("blank_line", "");
      findings.push_back(
          {std::string(id()),
           Severity::failure,
           url,
           {},
           "新媒体账号" + label + "没有任何发布信息（" + fact->value("blank_line", "") + "）",
           evidence});
      continue;
    }
    std::string last = (*fact)["text_newest"].get<std::string>();
    int days = scanner::days_between(scanner::parse_iso_date(last), m_as_of);
    evidence["last_date"] = last;
    evidence["days_stale"] = days;
    evidence["posts"] = (*fact)["text_dates"];
    Severity severity = Severity::info;
    evidence["state"] = "fresh";
    if (days > m_rules.media_veto_days) {
      severity = Severity::failure;
      evidence["state"] = "stale";
      evidence["veto"] = "confirmed";
      ++zombies;
    } else if (days > m_rules.media_warn_days) {
      severity = Severity::warning;
    }
    findings.push_back(
        {std::string(id()),
         severity,
         url,
         {},
         "新媒体账号" + label + "最新发布于" + last + "，距监测日" + std::to_string(days) + "天",
         evidence});
  }
  if (zombies > 0) {
    // The count for the report; each account's own finding carries its veto.
    findings.push_back({std::string(id()),
                        Severity::info,
                        site.home(),
                        {},
                        "政务新媒体账号" + std::to_string(zombies) + "个超过" +
                            std::to_string(m_rules.media_veto_days) + "天未更新或无内容",
                        {{"summary", true}, {"value", zombies}, {"threshold", 1}}});
  }
  return findings;
}

} // namespace checks
