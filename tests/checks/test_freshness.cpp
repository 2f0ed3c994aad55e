#include "content_test_util.hpp"

#include <checks/freshness/freshness.hpp>
#include <scanner/html.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <core/jsonc.hpp>
#include <core/problems.hpp>
#include <fstream>
#include <stdexcept>
#include <string>
#include <tests/support/test_support.hpp>
#include <vector>

using nlohmann::json;

namespace {

using content_tests::ruleset;

const checks::FreshnessRules& freshness_rules() {
  return content_tests::rules().freshness;
}

const core::CivilDate k_as_of{2026, 11, 1};

scanner::Page parse(const std::string& html, const std::string& url, int depth = 1) {
  scanner::Page page;
  page.url = url;
  page.depth = depth;
  scanner::UrlResolver resolver;
  scanner::parse_html(html, page, resolver);
  return page;
}

// A page of the district template: header navigation, breadcrumb, side navigation, `body`.
std::string templated(const std::string& name, const std::string& body) {
  return "<html><head><title>" + name +
         "_青石区人民政府</title></head><body>"
         "<div class=nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/xwzx/\">新闻中心</a>"
         "</li></ul></div>\n<div class=crumb>当前位置：<a href=\"/\">首页</a> &gt; " +
         name +
         "</div>\n<div class=side><ul><li><a href=\"/gzdt/\">工作动态</a></li>"
         "<li><a href=\"/tzgg/\">通知公告</a></li><li><a href=\"/zxft/\">在线访谈</a></li>"
         "<li><a href=\"/bmdt/\">部门动态</a></li></ul></div>\n<h2>" +
         name + "</h2>\n" + body +
         "\n<div class=footer><p>主办单位：青石区人民政府办公室</p></div></body></html>";
}

std::string list_items(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string html = "<ul class=news-list>\n";
  int n = 0;
  for (const auto& [title, date] : items) {
    html += "<li><a href=\"a" + std::to_string(n++) + ".html\">" + title + "</a><span>" + date +
            "</span></li>\n";
  }
  return html + "</ul>";
}

} // namespace

TEST_CASE("checks::read_freshness_rules", "[freshness]") {
  SECTION("the shipped ruleset loads") {
    const checks::FreshnessRules& loaded = freshness_rules();
    CHECK(loaded.find_class("dynamic") != nullptr);
    CHECK(loaded.find_class("dynamic")->window.days == 14);
    CHECK(loaded.find_class("notice_policy")->window.months == 6);
    CHECK(loaded.home_veto_days == 14);
    CHECK(loaded.blank_veto_count == 5);
  }
  SECTION("classification follows names and exclusions") {
    CHECK(freshness_rules().classify("镇街动态")->id == "dynamic");
    CHECK(freshness_rules().classify("区政府办公室文件")->id == "notice_policy");
    CHECK(freshness_rules().classify("招考招聘")->id == "periodic");
    CHECK(freshness_rules().classify("机构职能")->id == "static");
    CHECK(freshness_rules().classify("新闻发布会") == nullptr);
    CHECK(freshness_rules().classify("规章和规范性文件") == nullptr);
  }
  SECTION("malformed sections are rejected with their key path") {
    json broken = ruleset();
    broken["freshness"]["home"]["veto_days"] = "14";
    broken["freshness"]["classes"][1]["window"] = json{{"weeks", 2}};
    // Every problem of the section at once, each with its key path.
    CHECK(content_tests::rule_problems(broken) ==
          std::vector<std::string>{
              "ruleset: freshness.classes[1].window: must be null, {\"days\": N} or "
              "{\"months\": N}, got {\"weeks\":2}",
              "ruleset: freshness.home.veto_days: must be an integer from 1 to 100000, got "
              "\"14\""});
    broken = ruleset();
    broken.erase("freshness");
    CHECK(content_tests::rule_problems(broken) ==
          std::vector<std::string>{"ruleset: freshness: missing"});
  }
}

TEST_CASE("checks::window_start", "[freshness]") {
  CHECK(checks::window_start(k_as_of, {14, 0}) == core::CivilDate{2026, 10, 18});
  CHECK(checks::window_start(k_as_of, {0, 6}) == core::CivilDate{2026, 5, 1});
  CHECK(checks::window_start(k_as_of, {0, 12}) == core::CivilDate{2025, 11, 1});
  CHECK(checks::window_start({2026, 8, 31}, {0, 6}) == core::CivilDate{2026, 2, 28});
  CHECK(core::days_between({2026, 9, 29}, k_as_of) == 33);
  CHECK(core::days_between({2024, 2, 28}, {2024, 3, 1}) == 2);
}

TEST_CASE("scanner::parse_html Link::text_line", "[freshness][html]") {
  scanner::Page page = parse("<ul><li><a href=a.html>甲</a><span>2026-10-01</span></li>"
                             "<li><a href=b.html>乙</a> <a href=c.html>丙</a></li></ul>"
                             "<table><tr><td><a href=d.html>丁</a></td><td>2026-10-02</td></tr>"
                             "</table>",
                             "http://h.gov.cn/x/");
  REQUIRE(page.links.size() == 4);
  std::vector<std::string_view> lines = checks::split_lines(page.text);
  CHECK(lines[page.links[0].text_line] == "甲2026-10-01");
  CHECK(page.links[1].text_line == page.links[2].text_line);
  CHECK(page.links[1].text_line == page.links[0].text_line + 1);
  CHECK(lines[page.links[3].text_line] == "丁");
  CHECK(lines[page.links[3].text_line + 1] == "2026-10-02");
}

TEST_CASE("checks::find_list_items", "[freshness]") {
  SECTION("every common date layout next to the title") {
    auto layout = GENERATE(table<std::string, std::string>({
        {"2026-09-29", "2026-09-29"},
        {"2026/09/29", "2026-09-29"},
        {"2026.09.29", "2026-09-29"},
        {"2026年9月29日", "2026-09-29"},
        {"发布时间：2026-09-29", "2026-09-29"},
        {"[09-29]", "2026-09-29"},
        {"１２-０３", "2025-12-03"}, // month-day after the audit date: last year
        {"２０２６－０９－２９", "2026-09-29"},
    }));
    scanner::Page page =
        parse(templated("工作动态", list_items({{"区政府召开常务会议", std::get<0>(layout)},
                                                {"区政府召开专题会议", "2019-01-02"}})),
              "http://h.gov.cn/gzdt/");
    auto items = checks::find_list_items(page, freshness_rules(), k_as_of);
    REQUIRE(items.size() == 2);
    CHECK(checks::format_date(items[0].date) == std::get<1>(layout));
    CHECK(items[0].method == "same-block");
    CHECK(items[0].title == "区政府召开常务会议");
  }
  SECTION("a date in the next table cell") {
    scanner::Page page = parse("<table><tr><td><a href=a.html>关于做好防汛工作的通知</a></td>"
                               "<td>2026-10-08</td></tr></table>",
                               "http://h.gov.cn/tzgg/");
    auto items = checks::find_list_items(page, freshness_rules(), k_as_of);
    REQUIRE(items.size() == 1);
    CHECK(items[0].method == "next-cell");
    CHECK(items[0].shown == "2026-10-08");
  }
  SECTION("dates that are no publication dates are ignored") {
    int future = 0;
    scanner::Page page = parse(
        templated("通知公告",
                  list_items({{"关于2026年10月30日停电的通知", ""}, // date in the title only
                              {"青石政发〔2024〕12号文件解读", "电话 0571-87000000"}, // 文号, phone
                              {"未来日期的通知公告", "2026-11-12"},    // after the audit date
                              {"很久以前的通知公告", "1990-01-01"}}) + // before 1995
                      "<table class=calendar><tr><td><a href=d1.html>1</a></td><td>2026-10-01</td>"
                      "</tr></table>"),
        "http://h.gov.cn/tzgg/");
    CHECK(checks::find_list_items(page, freshness_rules(), k_as_of, &future).empty());
    CHECK(future == 1);
  }
}

TEST_CASE("checks::page_facts", "[freshness]") {
  SECTION("names from breadcrumb and title") {
    scanner::Page page = parse(templated("镇街动态", ""), "http://h.gov.cn/xzdt/");
    CHECK(checks::breadcrumb_name(page, freshness_rules()) == "镇街动态");
    CHECK(checks::title_name(page.title, freshness_rules()) == "镇街动态");
  }
  SECTION("a placeholder page") {
    scanner::Page page =
        parse(templated("在线访谈", "<div class=no-data>暂无信息</div>"), "http://h.gov.cn/zxft/");
    checks::FreshnessFacts facts = checks::page_facts(page, freshness_rules(), k_as_of);
    CHECK(facts.items == 0);
    REQUIRE(facts.detail);
    CHECK(facts.detail->blank_phrase == "暂无信息");
  }
  SECTION("pagination links") {
    scanner::Page page =
        parse(templated("工作动态", list_items({{"区政府召开常务会议", "2026-10-01"},
                                                {"区政府召开专题会议", "2026-09-01"}}) +
                                        "<div class=page><a href=index_1.html>2</a> <a "
                                        "href=index_1.html>下一页</a></div>"),
              "http://h.gov.cn/gzdt/");
    checks::FreshnessFacts facts = checks::page_facts(page, freshness_rules(), k_as_of);
    CHECK(facts.items == 2);
    REQUIRE(facts.detail);
    REQUIRE(facts.detail->newest);
    CHECK(checks::format_date(facts.detail->newest->date) == "2026-10-01");
    CHECK(facts.detail->pagination ==
          std::vector<std::string>{"http://h.gov.cn/gzdt/index_1.html"});
  }
  SECTION("new-media accounts of a 政务新媒体 page") {
    scanner::Page page = parse(
        templated("政务新媒体",
                  "<table><tr><th>平台</th><th>账号名称</th><th></th></tr>"
                  "<tr><td>微信公众号</td><td>青石发布</td><td><a href=wx.html>查看</a></td></tr>"
                  "<tr><td>抖音</td><td>青石融媒</td><td><a href=dy.html>查看</a></td></tr>"
                  "</table><p><a href=/wzdt/>网站地图</a></p>"),
        "http://h.gov.cn/xmt/");
    checks::FreshnessFacts facts = checks::page_facts(page, freshness_rules(), k_as_of);
    REQUIRE(facts.detail);
    const auto& accounts = facts.detail->accounts;
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0].platform == "weixin");
    CHECK(accounts[0].name == "青石发布");
    CHECK(accounts[0].url == "http://h.gov.cn/xmt/wx.html");
    CHECK(accounts[1].platform == "douyin");
    CHECK(accounts[1].name == "青石融媒");
    CHECK(accounts[1].url == "http://h.gov.cn/xmt/dy.html");
  }
}

namespace {

// A crawled site made of `pages` (the first is the homepage), with referrers from their links,
// plus `broken` URLs answering 404.
struct FakeSite {
  scanner::Site site;
  std::vector<scanner::Page> pages;

  void add(scanner::Page page) {
    page.id = static_cast<std::uint32_t>(pages.size());
    pages.push_back(std::move(page));
  }
  void add_broken(const std::string& url) { broken.push_back(url); }

  void build() {
    site.start_urls = {pages.front().url};
    std::map<std::string, std::uint32_t> ids;
    for (const auto& page : pages) {
      scanner::UrlRecord record;
      record.url = page.url;
      record.in_scope = record.is_page = true;
      record.depth = page.depth;
      record.state = scanner::UrlState::fetched;
      record.fetch.status = 200;
      ids[page.url] = static_cast<std::uint32_t>(site.urls.size());
      site.urls.push_back(record);
    }
    for (const auto& url : broken) {
      scanner::UrlRecord record;
      record.url = url;
      record.in_scope = true;
      record.state = scanner::UrlState::fetched;
      record.fetch.status = 404;
      ids[url] = static_cast<std::uint32_t>(site.urls.size());
      site.urls.push_back(record);
    }
    for (const auto& page : pages) {
      for (const auto& link : page.links) {
        auto it = ids.find(link.url);
        if (it == ids.end()) continue;
        site.urls[it->second].referrers.push_back({page.id, link.line, link.kind, link.text});
        ++site.urls[it->second].referrer_count;
      }
    }
  }

  // The findings of freshness check `id` on the site, audited with `context`.
  std::vector<checks::Finding> conclude(const checks::AuditContext& context,
                                        std::string_view id) const {
    checks::Freshness check(context.rules->freshness, context);
    auto facts = check.new_facts();
    std::vector<checks::Finding> findings;
    for (const auto& page : pages) check.inspect(page, facts.get(), findings);
    facts->seal();
    auto concluded = check.conclude(checks::SiteView(site), facts.get());
    std::vector<checks::Finding> kept;
    for (auto& finding : concluded) {
      if (finding.check == id) kept.push_back(std::move(finding));
    }
    return kept;
  }

  std::vector<std::string> broken;
};

std::vector<checks::Finding> of(const std::vector<checks::Finding>& findings,
                                checks::Severity severity) {
  std::vector<checks::Finding> out;
  for (const auto& finding : findings) {
    if (finding.severity == severity) out.push_back(finding);
  }
  return out;
}

FakeSite small_site() {
  FakeSite fake;
  const std::string host = "http://h.gov.cn";
  fake.add(
      parse("<html><head><title>首页_青石区</title></head><body>"
            "<div class=nav><a href=/gzdt/>工作动态</a> <a href=/tzgg/>通知公告</a> "
            "<a href=/zxft/>在线访谈</a> <a href=/bmdt/>部门动态</a> <a href=/ldxx/>领导信箱</a>"
            " <a href=/xmt/>政务新媒体</a></div>"
            "<ul><li><a href=/gzdt/a0.html>区政府召开常务会议</a><span>10-25</span></li></ul>"
            "<div class=footer><p>主办单位：青石区人民政府办公室</p></div></body></html>",
            host + "/", 0));
  fake.add(parse(templated("工作动态", list_items({{"区政府召开常务会议", "2026-10-25"},
                                                   {"区政府召开专题会议", "2026-10-20"}})),
                 host + "/gzdt/"));
  fake.add(parse(templated("部门动态", list_items({{"区教育局召开工作会议", "2026-09-01"},
                                                   {"区民政局召开工作会议", "2026-08-20"}})),
                 host + "/bmdt/"));
  fake.add(parse(templated("通知公告", list_items({{"关于做好防汛工作的通知", "2026-03-01"},
                                                   {"关于做好防台工作的通知", "2026-02-01"}})),
                 host + "/tzgg/"));
  fake.add(parse(templated("在线访谈", "<div>暂无信息</div>"), host + "/zxft/"));
  fake.add(parse(templated("政务新媒体",
                           "<table><tr><td>微信公众号</td><td>青石发布</td><td><a "
                           "href=/xmt/wx.html>查看</a></td></tr><tr><td>微博</td><td>青石发布</"
                           "td><td><a href=/xmt/wb.html>查看</a></td></tr></table>"),
                 host + "/xmt/"));
  fake.add(parse(templated("微信公众号青石发布", "<ul><li>推文一 2026-10-30</li></ul>"),
                 host + "/xmt/wx.html", 2));
  fake.add(parse(templated("微博青石发布", "<ul><li>博文一 2026-09-30</li></ul>"),
                 host + "/xmt/wb.html", 2));
  fake.add_broken(host + "/ldxx/");
  fake.build();
  return fake;
}

} // namespace

TEST_CASE("checks::ColumnsStale and ColumnsBlank", "[freshness]") {
  FakeSite fake = small_site();
  std::vector<scanner::SiteConfig> sites;
  const checks::AuditContext context = content_tests::context_at(k_as_of, &sites);

  SECTION("columns, their verdicts and the veto levels") {
    auto findings = fake.conclude(context, "columns.stale");
    std::map<std::string, json> rows;
    for (const auto& finding : of(findings, checks::Severity::info))
      rows[finding.url] = finding.evidence;
    CHECK(rows.size() == 5); // gzdt, bmdt, tzgg, zxft, ldxx
    CHECK(rows["http://h.gov.cn/gzdt/"]["class"] == "dynamic");
    CHECK(rows["http://h.gov.cn/gzdt/"]["stale"] == false);
    CHECK(rows["http://h.gov.cn/bmdt/"]["last_date"] == "2026-09-01");
    CHECK(rows["http://h.gov.cn/bmdt/"]["days_stale"] == 61);
    CHECK(rows["http://h.gov.cn/tzgg/"]["cutoff"] == "2026-05-01");
    std::vector<std::string> failed;
    for (const auto& finding : of(findings, checks::Severity::failure))
      failed.push_back(finding.url);
    CHECK(failed == std::vector<std::string>{"http://h.gov.cn/bmdt/", "http://h.gov.cn/tzgg/"});
    // Two of the (1) kind (bmdt dynamic, tzgg first-level notice): below the warning level of 3;
    // four long-stale (two stale, two blank): below 6.
    CHECK(of(findings, checks::Severity::warning).empty());

    auto blanks = fake.conclude(context, "columns.blank");
    auto failures = of(blanks, checks::Severity::failure);
    REQUIRE(failures.size() == 2);
    CHECK(failures[0].url == "http://h.gov.cn/ldxx/");
    CHECK(failures[0].evidence["blank_style"] == "http_404");
    CHECK(failures[0].evidence["name"] == "领导信箱");
    CHECK(failures[1].url == "http://h.gov.cn/zxft/");
    CHECK(failures[1].evidence["blank_style"] == "text");
    auto warnings = of(blanks, checks::Severity::warning);
    REQUIRE(warnings.size() == 1); // 2 blank columns: the early-warning level
    CHECK(warnings[0].evidence["value"] == 2);
    CHECK(warnings[0].veto == checks::VetoState::none);
  }
  SECTION("the config names, reclassifies and adds columns") {
    scanner::SiteConfig site;
    site.columns = {{"http://h.gov.cn/gzdt/", "工作要闻", "notice_policy", 2},
                    {"http://h.gov.cn/zxft/", "", "static", 0}};
    sites = {site};
    auto findings = fake.conclude(context, "columns.stale");
    for (const auto& finding : of(findings, checks::Severity::info)) {
      if (finding.url != "http://h.gov.cn/gzdt/") continue;
      CHECK(finding.evidence["name"] == "工作要闻");
      CHECK(finding.evidence["class"] == "notice_policy");
      CHECK(finding.evidence["class_source"] == "config");
      CHECK(finding.evidence["origin"] == "discovered+configured");
      CHECK(finding.evidence["level"] == 2);
    }
    // A class the ruleset does not define is a problem found before the crawl.
    site.columns = {{"http://h.gov.cn/gzdt/", "", "weekly", 0}};
    sites = {site};
    core::Problems problems;
    checks::load_rules(ruleset(), &sites, problems);
    CHECK(problems.lines() ==
          std::vector<std::string>{"ruleset: freshness.classes: the config's column "
                                   "http://h.gov.cn/gzdt/ has class \"weekly\", which the "
                                   "ruleset does not define"});
  }
  SECTION("the veto line") {
    json strict = ruleset();
    strict["freshness"]["columns_stale"]["veto_count"] = 2;
    strict["freshness"]["columns_stale"]["warn_count"] = 1;
    core::Problems problems;
    const checks::AuditRules strict_rules = checks::load_rules(strict, nullptr, problems);
    REQUIRE(problems.empty());
    const checks::AuditContext strict_context{k_as_of, &sites, &strict_rules, false};
    auto findings = fake.conclude(strict_context, "columns.stale");
    bool veto = false;
    for (const auto& finding : findings) {
      if (finding.veto == checks::VetoState::confirmed) {
        veto = true;
        CHECK(finding.url == "http://h.gov.cn/");
        CHECK(finding.evidence["value"] == 2);
        CHECK(finding.evidence["threshold"] == 2);
      }
    }
    CHECK(veto);
  }
}

TEST_CASE("checks::HomeStale and NewmediaStale", "[freshness]") {
  FakeSite fake = small_site();
  std::vector<scanner::SiteConfig> sites;
  const checks::AuditContext context = content_tests::context_at(k_as_of, &sites);

  SECTION("the homepage's newest item") {
    auto findings = fake.conclude(context, "home.stale");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == checks::Severity::info);
    CHECK(findings[0].evidence["last_date"] == "2026-10-25");
    CHECK(findings[0].evidence["source"] == "homepage");
    findings = fake.conclude(content_tests::context_at({2026, 11, 20}, &sites), "home.stale");
    CHECK(findings[0].severity == checks::Severity::failure);
    CHECK(findings[0].veto == checks::VetoState::confirmed);
    CHECK(findings[0].evidence["value"] == 26);
  }
  SECTION("accounts from the site's page and the config") {
    sites = {scanner::SiteConfig{}};
    sites[0].new_media_accounts = {{"青石视频号", "shipinhao", "https://channels.example/x"}};
    sites[0].new_media = {"https://channels.example/x"};
    auto findings = fake.conclude(context, "newmedia.stale");
    std::map<std::string, checks::Finding> by_url;
    for (const auto& finding : findings) by_url.emplace(finding.url, finding);
    CHECK(by_url.at("http://h.gov.cn/xmt/wx.html").severity == checks::Severity::info);
    CHECK(by_url.at("http://h.gov.cn/xmt/wb.html").severity == checks::Severity::failure);
    CHECK(by_url.at("http://h.gov.cn/xmt/wb.html").evidence["days_stale"] == 32);
    CHECK(by_url.at("https://channels.example/x").evidence["state"] == "unverified");
    CHECK(by_url.at("https://channels.example/x").review);
    CHECK(by_url.at("http://h.gov.cn/xmt/wb.html").veto == checks::VetoState::confirmed);
    CHECK(by_url.at("http://h.gov.cn/").severity == checks::Severity::info);
    CHECK(by_url.at("http://h.gov.cn/").evidence["value"] == 1);
  }
}
