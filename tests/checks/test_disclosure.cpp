#include "content_test_util.hpp"

#include <checks/disclosure/disclosure.hpp>

#include <catch2/catch.hpp>

namespace {

const checks::AuditContext& context() {
  static const checks::AuditContext ctx = content_tests::context_at({2026, 11, 1});
  return ctx;
}

const checks::DisclosureRules& disclosure_rules() {
  return content_tests::rules().disclosure;
}

const std::string k_host = "http://www.qingshi.gov.cn";

std::string article(const std::string& title, const std::string& column, const std::string& body) {
  return "<html><head><title>" + title +
         "_青石区人民政府</title></head><body>"
         "<div>当前位置：<a href='/'>首页</a> &gt; <a href='../'>" +
         column + "</a></div><h1>" + title + "</h1>" + body + "</body></html>";
}

} // namespace

TEST_CASE("checks::match_category", "[disclosure]") {
  const checks::DisclosureRules& rules = disclosure_rules();
  CHECK(checks::match_category("规章和规范性文件", rules) == "a20.01");
  CHECK(checks::match_category("财政预决算", rules) == "a20.07");
  CHECK(checks::match_category("政府采购", rules) == "a20.09");
  CHECK(checks::match_category("行政处罚和行政强制", rules) == "a20.06");
  CHECK(checks::match_category("网站地图", rules).empty());
}

TEST_CASE("checks::working_days_after", "[disclosure]") {
  checks::DisclosureRules rules = disclosure_rules();
  using core::CivilDate;
  // Monday 2026-08-03 to Saturday 2026-10-10: ten weeks less a day, Monday to Friday only.
  CHECK(checks::working_days_after({2026, 8, 3}, {2026, 10, 10}, rules) == 49);
  CHECK(checks::working_days_after({2026, 10, 20}, {2026, 10, 26}, rules) == 4);
  CHECK(checks::working_days_after({2026, 10, 26}, {2026, 10, 26}, rules) == 0);
  CHECK(checks::working_days_after({2026, 10, 26}, {2026, 10, 20}, rules) == 0);
  // Across a year end and February of a leap year.
  CHECK(checks::working_days_after({2027, 12, 31}, {2028, 3, 1}, rules) == 43);
  // The configured holidays and 调休 workdays.
  rules.holidays = {CivilDate{2026, 10, 1}, CivilDate{2026, 10, 2}};
  rules.extra_workdays = {CivilDate{2026, 10, 10}};
  CHECK(checks::working_days_after({2026, 9, 30}, {2026, 10, 10}, rules) == 6);
}

TEST_CASE("checks::DiscloseCatalogue publication delay", "[disclosure]") {
  const checks::Disclosure check(disclosure_rules(), context());
  auto page_with = [](const std::string& written, const std::string& published) {
    return content_tests::page_from(
        article("关于印发实施办法的通知", "政策文件",
                "<table><tr><th>成文日期</th><td>" + written + "</td><th>发布日期</th><td>" +
                    published + "</td></tr></table><p>发布时间：" + published + "</p>"),
        k_host + "/zcwj/1.html");
  };
  SECTION("more than 20 working days: a warning with both dates") {
    auto findings = content_tests::inspect(check, page_with("2026年08月03日", "2026年10月10日"));
    REQUIRE(findings.size() == 1);
    const auto& finding = findings[0];
    CHECK(finding.check == "disclose.catalogue");
    CHECK(finding.severity == checks::Severity::warning);
    CHECK(finding.url == k_host + "/zcwj/1.html");
    CHECK(finding.evidence["problem"] == "late_publication");
    CHECK(finding.evidence["written"] == "2026-08-03");
    CHECK(finding.evidence["published"] == "2026-10-10");
    CHECK(finding.evidence["working_days"] == 49);
    CHECK(finding.evidence["threshold"] == 20);
  }
  SECTION("within 20 working days, or without a 成文日期: nothing") {
    CHECK(content_tests::inspect(check, page_with("2026年10月20日", "2026年10月26日")).empty());
    CHECK(content_tests::inspect(
              check,
              content_tests::page_from(article("通知", "政策文件", "<p>发布时间：2026-10-10</p>"),
                                       k_host + "/2.html"))
              .empty());
  }
  SECTION("a malformed holiday list is a ruleset error") {
    nlohmann::json broken = content_tests::ruleset();
    broken["disclosure"]["publication_delay"]["holidays"] = {"2026-13-01"};
    CHECK(content_tests::rule_problems(broken) ==
          std::vector<std::string>{"ruleset: disclosure.publication_delay.holidays: must hold "
                                   "YYYY-MM-DD dates, got \"2026-13-01\""});
  }
}

TEST_CASE("checks::DiscloseCatalogue", "[disclosure]") {
  const checks::Disclosure check(disclosure_rules(), context());
  const checks::DisclosureRules& rules = disclosure_rules();
  std::string list;
  for (const auto& category : rules.categories) {
    if (category.key == "a20.08") continue; // the missing one
    list += "<li><a href='/gk/" + category.key + "/'>" + category.synonyms.front() + "</a></li>";
  }
  auto findings = content_tests::run(
      check,
      {
          {k_host + "/gk/", "<html><head><title>法定主动公开内容_青石区</title></head><body><ul>" +
                                list + "</ul></body></html>"},
          {k_host + "/gk/a20.01/", "<html><head><title>规章</title></head><body><a "
                                   "href='/gk/a20.01/1.html'>一</a> 2026-10-01</body></html>"},
          {k_host + "/gk/a20.02/",
           "<html><head><title>机构</title></head><body><p>暂无信息</p></body></html>"},
      },
      "disclose.catalogue");
  std::vector<std::string> missing, empty;
  double completeness = -1;
  for (const auto& finding : findings) {
    if (finding.severity == checks::Severity::failure)
      missing.push_back(finding.evidence["category"]);
    if (finding.severity == checks::Severity::warning)
      empty.push_back(finding.evidence["category"]);
    if (finding.severity == checks::Severity::info) completeness = finding.evidence["completeness"];
  }
  CHECK(missing == std::vector<std::string>{"a20.08"});
  CHECK(empty == std::vector<std::string>{"a20.02"});
  CHECK(completeness == Approx(14.0 / 15.0));
}

TEST_CASE("checks::DiscloseAnnualReport", "[disclosure]") {
  const checks::Disclosure check(disclosure_rules(), context());
  const checks::DisclosureRules& rules = disclosure_rules();
  auto report = [&](int year, const std::string& published, bool drop_heading) {
    std::string body = "<p>发布时间：" + published + "</p>";
    for (std::size_t i = 0; i < rules.required_headings.size(); ++i) {
      if (drop_heading && i == 3) continue;
      body += "<p><strong>" + rules.required_headings[i] + "</strong></p><p>内容</p>";
    }
    return article("青石区人民政府" + std::to_string(year) + "年政府信息公开工作年度报告",
                   "年度报告", body);
  };
  std::vector<std::pair<std::string, std::string>> pages;
  for (int year = 2019; year <= 2025; ++year) {
    if (year == 2022) continue; // missing
    pages.emplace_back(k_host + "/ndbg/" + std::to_string(year) + ".html",
                       report(year,
                              year == 2023 ? "2024-04-26" : std::to_string(year + 1) + "-01-15",
                              year == 2020));
  }
  auto findings = content_tests::run(check, pages, "disclose.annual_report");
  std::vector<std::string> problems;
  for (const auto& finding : findings) {
    if (finding.severity == checks::Severity::failure)
      problems.push_back(finding.evidence["problem"].get<std::string>() + ":" +
                         std::to_string(finding.evidence["year"].get<int>()));
  }
  std::sort(problems.begin(), problems.end());
  CHECK(problems == std::vector<std::string>{"incomplete:2020", "late:2023", "missing:2022"});
}

TEST_CASE("checks::DiscloseInterpretation", "[disclosure]") {
  const checks::Disclosure check(disclosure_rules(), context());
  const std::string d1 = k_host + "/zcwj/1.html", d2 = k_host + "/zcwj/2.html",
                    d3 = k_host + "/zcwj/3.html", d4 = k_host + "/zcwj/4.html";
  const std::string j1 = k_host + "/zcjd/1.html", j2 = k_host + "/zcjd/2.html",
                    j4 = k_host + "/zcjd/4.html";
  auto doc = [&](const std::string& link) {
    std::string body = "<p>发布时间：2026-10-01</p><p>正文</p>";
    if (!link.empty()) body += "<div>相关解读：<a href='" + link + "'>解读</a></div>";
    body += "<ul><li><a href='/zcjd/4.html'>相关文章</a></li></ul>";
    return article("关于某事的通知", "区政府文件", body);
  };
  auto interp = [&](const std::string& link, const std::string& date) {
    std::string body = "<p>发布时间：" + date + "</p>";
    if (!link.empty()) body += "<div>相关文件：<a href='" + link + "'>文件</a></div>";
    return article("政策解读一", "政策解读", body);
  };
  auto findings = content_tests::run(check,
                                     {{d1, doc(j1)},
                                      {j1, interp(d1, "2026-10-01")}, // both ways
                                      {d2, doc(j2)},
                                      {j2, interp("", "2026-10-01")}, // doc -> interp
                                      {d3, doc("")},                  // none
                                      {d4, doc("")},
                                      {j4, interp(d4, "2026-10-01")}}, // interp -> doc
                                     "disclose.interpretation");
  std::map<std::string, std::string> problems;
  for (const auto& finding : findings)
    problems[finding.url] = finding.evidence.value("problem", "");
  CHECK(problems.size() == 3);
  CHECK(problems[d2] == "doc_to_interp_only");
  CHECK(problems[d3] == "no_interpretation");
  CHECK(problems[d4] == "interp_to_doc_only");
}

TEST_CASE("checks::DisclosePlatform and DiscloseGuide", "[disclosure]") {
  const checks::Disclosure check(disclosure_rules(), context());
  const std::vector<std::pair<std::string, std::string>> pages = {
      {k_host + "/", "<html><head><title>首页</title></head><body><a "
                     "href='/zwgk/'>政府信息公开</a></body></html>"},
      {k_host + "/zwgk/",
       "<html><head><title>政府信息公开</title></head><body><a "
       "href='/gkzn/'>政府信息公开指南</a><a href='/gknb/'>政府信息公开年报</a></body></html>"},
      {k_host + "/gkzn/", "<html><head><title>政府信息公开指南_青石区</title></"
                          "head><body><p>2024-01-01</p></body></html>"},
      {k_host + "/gknb/", "<html><head><title>年报</title></head><body></body></html>"},
  };
  auto found = content_tests::run(check, pages, "disclose.platform");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == checks::Severity::warning);
  CHECK(found[0].evidence["missing_parts"] == nlohmann::json::array({"rules", "catalogue"}));
  auto guides = content_tests::run(check, pages, "disclose.guide");
  REQUIRE(guides.size() == 1);
  CHECK(guides[0].review); // older than a year on 2026-11-01
  auto none = content_tests::run(check, {pages[0]}, "disclose.guide");
  REQUIRE(none.size() == 1);
  CHECK(none[0].severity == checks::Severity::failure);
}

TEST_CASE("checks::DisclosureRules validation", "[disclosure]") {
  nlohmann::json broken = content_tests::ruleset();
  broken["disclosure"]["annual_report"]["deadlines"]["government"] = "March 31";
  CHECK(content_tests::rule_problems(broken) ==
        std::vector<std::string>{
            "ruleset: disclosure.annual_report.deadlines.government: must be \"MM-DD\""});
}
