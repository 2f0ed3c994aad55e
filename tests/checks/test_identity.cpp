#include "content_test_util.hpp"

#include <checks/identity.hpp>

#include <catch2/catch.hpp>

#include <map>

namespace {

const checks::CheckContext& context() {
  static const checks::CheckContext ctx{"2026-11-01", nullptr, &content_tests::ruleset()};
  return ctx;
}

const std::string k_full_footer =
    "<div class='footer'><p>主办单位：青石区人民政府办公室 联系电话：0571-87000000 "
    "网站标识码：3301990001</p><p><a href='http://beian.miit.gov.cn:8081/'>浙ICP备05012345号-1</a>"
    " <a href='http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=1'>浙公网安备 "
    "33010202000123号</a></p><p><a href='http://bszs.conac.cn/sitename?id=1'><img "
    "src='/images/dzjg.png' alt='党政机关'></a> <a href='/zc/'>网站找错</a></p></div>";

std::string page_html(const std::string& footer) {
  return "<html><head><title>新闻_青石区</title></head><body><a href='/'>首页</a><p>正文</p>" +
         footer + "</body></html>";
}

} // namespace

TEST_CASE("checks::find_identity_marks", "[identity]") {
  const checks::IdentityRules rules(&content_tests::ruleset());
  SECTION("a full footer carries every mark") {
    auto page = content_tests::page_from(page_html(k_full_footer), "http://www.qingshi.gov.cn/");
    auto marks = checks::find_identity_marks(page, rules);
    for (const auto& name : checks::identity_mark_names()) CHECK_FALSE(marks[name].empty());
    CHECK(marks["site_code"] == "3301990001");
    CHECK(marks["icp"] == "浙ICP备05012345号-1");
    CHECK(marks["psb"] == "浙公网安备 33010202000123号");
  }
  SECTION("plain-text numbers without links, no icon, short site code") {
    auto page = content_tests::page_from(
        page_html("<p>主办单位：青石区 网站标识码：33019900 浙ICP备05012345号 浙公网安备 "
                  "33010202000123号</p>"),
        "http://www.qingshi.gov.cn/");
    auto marks = checks::find_identity_marks(page, rules);
    CHECK(marks["site_code"].empty());
    CHECK_FALSE(marks["icp"].empty());
    CHECK(marks["icp_link"].empty());
    CHECK(marks["psb_link"].empty());
    CHECK(marks["dzjg"].empty());
    CHECK(marks["contact"].empty());
  }
}

TEST_CASE("checks::IdentityMarks coverage", "[identity]") {
  const checks::IdentityMarks check(context(), "identity.site_code");
  const std::vector<std::string> urls = {"http://www.qingshi.gov.cn/",
                                         "http://www.qingshi.gov.cn/a.html",
                                         "http://www.qingshi.gov.cn/404.html"};
  auto site = content_tests::site_of(urls);
  checks::PageFacts facts;
  facts.emplace_back(
      0, check.check_page(content_tests::page_from(page_html(k_full_footer), urls[0], 0)).facts);
  facts.emplace_back(
      1,
      check.check_page(content_tests::page_from(page_html("<p>主办单位：青石区</p>"), urls[1], 1))
          .facts);
  facts.emplace_back(
      2, check
             .check_page(content_tests::page_from(
                 "<html><head><title>错误</title></head><body><p>对不起，您访问的页面不存在</p><a "
                 "href='/'>返回</a></body></html>",
                 urls[2], 2))
             .facts);
  auto findings = check.check_site(site, facts);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == checks::Severity::failure);
  CHECK(findings[0].evidence["pages"] == 2);
  CHECK(findings[0].evidence["coverage"] == 0.5);
  CHECK(findings[0].evidence["pages_missing"] == nlohmann::json::array({urls[1]}));
  CHECK(findings[0].evidence["excluded_pages"] == nlohmann::json::array({urls[2]}));
  CHECK_THROWS(checks::IdentityMarks(context(), "identity.unknown"));
}

TEST_CASE("checks::IdentityMarks: a filing number and its link are one footer item", "[identity]") {
  const checks::IdentityMarks check(context(), "identity.icp");
  const std::vector<std::string> urls = {"http://www.qingshi.gov.cn/",
                                         "http://www.qingshi.gov.cn/no-icp.html",
                                         "http://www.qingshi.gov.cn/unlinked.html"};
  auto site = content_tests::site_of(urls);
  checks::PageFacts facts;
  const std::string unlinked = "<p>主办单位：青石区 浙ICP备05012345号-1</p>";
  const std::vector<std::string> footers = {k_full_footer, "<p>主办单位：青石区</p>", unlinked};
  for (std::uint32_t i = 0; i < urls.size(); ++i) {
    facts.emplace_back(
        i, check.check_page(content_tests::page_from(page_html(footers[i]), urls[i], i)).facts);
  }
  std::map<std::string, nlohmann::json> by_mark;
  for (const auto& finding : check.check_site(site, facts)) {
    by_mark[finding.evidence["mark"].get<std::string>()] = finding.evidence["pages_missing"];
  }
  // The page without any ICP line lacks the number only; the unlinked number lacks the link.
  CHECK(by_mark["icp"] == nlohmann::json::array({urls[1]}));
  CHECK(by_mark["icp_link"] == nlohmann::json::array({urls[2]}));
}

TEST_CASE("checks::IdentityDomain", "[identity]") {
  const checks::IdentityDomain check(context());
  auto good = check.check_site(content_tests::site_of({"http://www.qingshi.gov.cn/"}), {});
  REQUIRE(good.size() == 1);
  CHECK(good[0].severity == checks::Severity::info);
  auto bad = check.check_site(content_tests::site_of({"http://www.qingshi.com.cn/"}), {});
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].severity == checks::Severity::failure);
  auto ip = check.check_site(content_tests::site_of({"http://127.0.0.1:8080/"}), {});
  REQUIRE(ip.size() == 1);
  CHECK(ip[0].evidence["review"] == true);
}
