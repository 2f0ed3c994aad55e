#include <checks/freshness/freshness.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace checks {
namespace {

using Json = nlohmann::json;

// One new-media account to judge.
struct Account {
  std::string url;
  std::string name;
  std::string platform;
  std::string origin; // "discovered", "configured" or both
};

const ListItem* newer(const ListItem* a, const ListItem* b) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  return b->date > a->date ? b : a;
}

const ListItem* newest_of(const FreshnessFacts& facts) {
  return facts.detail && facts.detail->newest ? &*facts.detail->newest : nullptr;
}

Json column_evidence(const Column& column) {
  const std::optional<ListItem>& newest = column.newest;
  return {{"name", column.name},
          {"name_source", column.name_source},
          {"class", column.column_class},
          {"class_source", column.class_source},
          {"origin", column.configured
                         ? (column.discovered ? "discovered+configured" : "configured")
                         : "discovered"},
          {"level", column.level},
          {"items", column.items},
          {"list_pages", column.list_pages.size()},
          {"last_date", newest ? Json(format_date(newest->date)) : Json()},
          {"last_shown", newest ? Json(newest->shown) : Json()},
          {"last_url", newest ? Json(newest->url) : Json()},
          {"last_title", newest ? Json(newest->title) : Json()},
          {"date_method", newest ? Json(newest->method) : Json()},
          {"days_stale", column.days_stale < 0 ? Json() : Json(column.days_stale)},
          {"cutoff", column.cutoff.empty() ? Json() : Json(column.cutoff)},
          {"stale", column.stale},
          {"blank", column.blank},
          {"blank_style", column.blank_style.empty() ? Json() : Json(column.blank_style)},
          {"blank_evidence", column.blank_evidence}};
}

// The site-level veto finding of `check`, or nothing below the warning level.
void add_veto(std::vector<Finding>& findings, std::string_view check, const SiteView& site,
              int value, int veto_at, int warn_at, const std::string& what, Json extra) {
  if (value < warn_at) return;
  const bool veto = value >= veto_at;
  extra["value"] = value;
  extra["threshold"] = veto_at;
  extra["warn_threshold"] = warn_at;
  Finding finding{std::string(check),
                  veto ? Severity::failure : Severity::warning,
                  site.home(),
                  {},
                  what + std::to_string(value) + "个" +
                      (veto ? "，达到单项否决线（" + std::to_string(veto_at) + "个）"
                            : "，接近单项否决线（" + std::to_string(veto_at) + "个）"),
                  std::move(extra)};
  if (veto) finding.veto = VetoState::confirmed;
  findings.push_back(std::move(finding));
}

} // namespace

std::span<const std::string_view> Freshness::ids() const {
  static constexpr std::string_view k_ids[] = {"home.stale", "columns.stale", "columns.blank",
                                               "newmedia.stale"};
  return k_ids;
}

std::optional<FreshnessFacts> Freshness::collect(const scanner::Page& page,
                                                 std::vector<Finding>&) const {
  return page_facts(page, m_rules, m_context.as_of);
}

std::vector<Finding> Freshness::conclude_site(const SiteView& site, const Entries& facts) const {
  std::vector<Finding> findings;
  judge_home(site, facts, findings);
  const std::vector<Column> columns = discover_columns(site, facts, m_rules, m_context);
  judge_columns(site, columns, findings);
  judge_blank(site, columns, findings);
  judge_accounts(site, facts, findings);
  return findings;
}

void Freshness::judge_home(const SiteView& site, const Entries& facts,
                           std::vector<Finding>& findings) const {
  const auto& urls = site.crawl().urls;
  const std::int64_t home = home_page_id(site);
  const ListItem* newest = nullptr;
  std::string source = "homepage";
  for (const auto* entry : facts) {
    if (static_cast<std::int64_t>(entry->first) == home) newest = newest_of(entry->second);
  }
  if (newest == nullptr) {
    // A navigation-only homepage: the newest item across the second-level pages.
    source = "second-level pages";
    for (const auto* entry : facts) {
      if (entry->first < urls.size() && urls[entry->first].depth == 1) {
        newest = newer(newest, newest_of(entry->second));
      }
    }
  }
  Json evidence = {{"source", source},
                   {"threshold", m_rules.home_veto_days},
                   {"warn_threshold", m_rules.home_warn_days}};
  if (newest == nullptr) {
    evidence["value"] = nullptr;
    Finding finding{"home.stale",
                    Severity::failure,
                    site.home(),
                    {},
                    "首页及其链接的二级页面上未找到带日期的信息，无法确认首页更新情况",
                    std::move(evidence)};
    finding.veto = VetoState::candidate;
    finding.review = true;
    findings.push_back(std::move(finding));
    return;
  }
  const int days = core::days_between(newest->date, m_context.as_of);
  const std::string date = format_date(newest->date);
  evidence["value"] = days;
  evidence["last_date"] = date;
  evidence["last_shown"] = newest->shown;
  evidence["last_url"] = newest->url;
  evidence["last_title"] = newest->title;
  evidence["date_method"] = newest->method;
  Finding finding{"home.stale",
                  Severity::info,
                  site.home(),
                  {},
                  "首页最新信息“" + newest->title + "”发布于" + date + "，距监测日" +
                      std::to_string(days) + "天",
                  std::move(evidence)};
  if (days > m_rules.home_veto_days) {
    finding.severity = Severity::failure;
    finding.veto = VetoState::confirmed;
  } else if (days > m_rules.home_warn_days) {
    finding.severity = Severity::warning;
  }
  findings.push_back(std::move(finding));
}

void Freshness::judge_columns(const SiteView& site, const std::vector<Column>& columns,
                              std::vector<Finding>& findings) const {
  int count_short = 0; // stale dynamic + stale first-level notice/policy
  int count_long = 0;  // every stale time-checked column, blank ones included
  auto listed = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const Column& column : columns) {
    const Json evidence = column_evidence(column);
    const std::string last = column.newest ? format_date(column.newest->date) : std::string("无");
    Finding row{"columns.stale",
                Severity::info,
                column.url,
                {},
                "栏目“" + column.name + "”（" + column.column_class + "）最新信息日期：" + last,
                evidence};
    row.review = column.column_class == m_rules.unknown_class;
    row.key = "row"; // the failure below, when stale, is the same column's defect
    findings.push_back(std::move(row));
    if (column.blank) ++count_long;
    if (!column.stale) continue;
    ++count_long;
    if (listed(m_rules.dynamic_classes, column.column_class) ||
        (listed(m_rules.first_level_classes, column.column_class) && column.level == 1)) {
      ++count_short;
    }
    const std::string since =
        column.newest ? "最新信息为" + last + "（" + std::to_string(column.days_stale) + "天前）"
                      : std::string("无可见日期的信息");
    findings.push_back({"columns.stale",
                        Severity::failure,
                        column.url,
                        {},
                        "栏目“" + column.name + "”未按期更新：" + since + "，早于" + column.cutoff,
                        evidence});
  }
  Json extra = {{"dynamic_and_first_level_stale", count_short}, {"long_stale", count_long}};
  // One site-level finding: the rule whose line is crossed, else the one at its warning level.
  const bool use_short =
      count_short >= m_rules.stale_veto_count ||
      (count_long < m_rules.long_stale_veto_count && count_short >= m_rules.stale_warn_count);
  if (use_short) {
    add_veto(findings, "columns.stale", site, count_short, m_rules.stale_veto_count,
             m_rules.stale_warn_count, "动态要闻类及一级通知公告、政策文件类栏目未按期更新共",
             std::move(extra));
  } else {
    add_veto(findings, "columns.stale", site, count_long, m_rules.long_stale_veto_count,
             m_rules.long_stale_warn_count, "应更新而长期未更新的栏目（含空白栏目）共",
             std::move(extra));
  }
}

void Freshness::judge_blank(const SiteView& site, const std::vector<Column>& columns,
                            std::vector<Finding>& findings) const {
  int blank = 0;
  for (const Column& column : columns) {
    if (!column.blank) continue;
    ++blank;
    const std::string why = column.blank_style == "text" ? "页面显示“" + column.blank_evidence + "”"
                            : column.blank_style == "empty"
                                ? std::string("列表中没有任何信息")
                                : "栏目入口无法访问（" + column.blank_evidence + "）";
    findings.push_back({"columns.blank",
                        Severity::failure,
                        column.url,
                        {},
                        "栏目“" + column.name + "”为空白栏目：" + why,
                        column_evidence(column)});
  }
  add_veto(findings, "columns.blank", site, blank, m_rules.blank_veto_count,
           m_rules.blank_warn_count, "空白栏目共", Json::object());
}

void Freshness::judge_accounts(const SiteView& site, const Entries& facts,
                               std::vector<Finding>& findings) const {
  const auto& urls = site.crawl().urls;
  // The site's own URLs (views into urls): only its pages have facts here.
  std::unordered_map<std::string_view, std::uint32_t> ids;
  for (std::uint32_t i = 0; i < urls.size(); ++i) {
    if (site.owns(i)) ids[urls[i].url] = i;
  }
  std::unordered_map<std::uint32_t, const FreshnessFacts*> by_id;
  for (const auto* entry : facts) by_id[entry->first] = &entry->second;

  std::map<std::string, Account> accounts; // by URL
  for (const auto* entry : facts) {
    if (!entry->second.detail) continue;
    for (const auto& listed : entry->second.detail->accounts) {
      Account& account = accounts[listed.url];
      account.url = listed.url;
      account.name = listed.name;
      account.platform = listed.platform;
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

  int zombies = 0;
  for (const auto& [url, account] : accounts) {
    Json evidence = {{"name", account.name},
                     {"platform", account.platform},
                     {"origin", account.origin},
                     {"threshold", m_rules.media_veto_days},
                     {"warn_threshold", m_rules.media_warn_days}};
    auto where = ids.find(url);
    const FreshnessFacts* fact = nullptr;
    if (where != ids.end() && urls[where->second].is_page) {
      auto found = by_id.find(where->second);
      if (found != by_id.end()) fact = found->second;
    }
    const std::string label = account.platform + "“" + account.name + "”";
    const std::string blank_line = fact != nullptr && fact->detail ? fact->detail->blank_line : "";
    const bool blank = fact != nullptr && fact->detail && !fact->detail->blank_phrase.empty();
    if (fact == nullptr || (fact->text_dates == 0 && !blank)) {
      evidence["state"] = "unverified";
      Finding finding{"newmedia.stale",
                      Severity::warning,
                      url,
                      {},
                      "无法读取新媒体账号" + label + "的发布信息，需人工核实",
                      evidence};
      finding.review = true;
      findings.push_back(std::move(finding));
      continue;
    }
    if (fact->text_dates == 0) {
      ++zombies;
      // A 僵尸号 is vetoed as an account: the score of the website is another subject's.
      evidence["state"] = "blank";
      evidence["posts"] = 0;
      evidence["blank_line"] = blank_line;
      Finding finding{"newmedia.stale",
                      Severity::failure,
                      url,
                      {},
                      "新媒体账号" + label + "没有任何发布信息（" + blank_line + "）",
                      evidence};
      finding.veto = VetoState::confirmed;
      findings.push_back(std::move(finding));
      continue;
    }
    const std::string last = format_date(fact->text_newest);
    const int days = core::days_between(fact->text_newest, m_context.as_of);
    evidence["last_date"] = last;
    evidence["days_stale"] = days;
    evidence["posts"] = fact->text_dates;
    evidence["state"] = "fresh";
    Finding finding{"newmedia.stale",
                    Severity::info,
                    url,
                    {},
                    "新媒体账号" + label + "最新发布于" + last + "，距监测日" +
                        std::to_string(days) + "天",
                    {}};
    if (days > m_rules.media_veto_days) {
      finding.severity = Severity::failure;
      evidence["state"] = "stale";
      finding.veto = VetoState::confirmed;
      ++zombies;
    } else if (days > m_rules.media_warn_days) {
      finding.severity = Severity::warning;
    }
    finding.evidence = std::move(evidence);
    findings.push_back(std::move(finding));
  }
  if (zombies > 0) {
    // The count for the report; each account's own finding carries its veto.
    findings.push_back({"newmedia.stale",
                        Severity::info,
                        site.home(),
                        {},
                        "政务新媒体账号" + std::to_string(zombies) + "个超过" +
                            std::to_string(m_rules.media_veto_days) + "天未更新或无内容",
                        {{"summary", true}, {"value", zombies}, {"threshold", 1}}});
  }
}

} // namespace checks
