#include "content_test_util.hpp"

#include <checks/identity/identity.hpp>

#include <catch2/catch.hpp>

#include <map>

namespace {

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
  const checks::IdentityRules& rules = content_tests::rules().identity;
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

TEST_CASE("checks::Identity footer mark coverage", "[identity]") {
  const checks::Identity check(content_tests::rules().identity);
  const std::vector<std::string> urls = {"http://www.qingshi.gov.cn/",
                                         "http://www.qingshi.gov.cn/a.html",
                                         "http://www.qingshi.gov.cn/404.html"};
  auto findings = content_tests::run(
      check,
      {{urls[0], page_html(k_full_footer)},
       {urls[1], page_html("<p>主办单位：青石区</p>")},
       {urls[2], "<html><head><title>错误</title></head><body><p>对不起，您访问的页面不存在</p><a "
                 "href='/'>返回</a></body></html>"}},
      "identity.site_code");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == checks::Severity::failure);
  CHECK(findings[0].evidence["pages"] == 2);
  CHECK(findings[0].evidence["coverage"] == 0.5);
  CHECK(findings[0].evidence["pages_missing"] == nlohmann::json::array({urls[1]}));
  CHECK(findings[0].evidence["excluded_pages"] == nlohmann::json::array({urls[2]}));
}

TEST_CASE("checks::Identity: a filing number and its link are one footer item", "[identity]") {
  const checks::Identity check(content_tests::rules().identity);
  const std::vector<std::string> urls = {"http://www.qingshi.gov.cn/",
                                         "http://www.qingshi.gov.cn/no-icp.html",
                                         "http://www.qingshi.gov.cn/unlinked.html"};
  const std::string unlinked = "<p>主办单位：青石区 浙ICP备05012345号-1</p>";
  const std::vector<std::string> footers = {k_full_footer, "<p>主办单位：青石区</p>", unlinked};
  content_tests::Pages pages;
  for (std::size_t i = 0; i < urls.size(); ++i) pages.emplace_back(urls[i], page_html(footers[i]));
  std::map<std::string, nlohmann::json> by_mark;
  for (const auto& finding : content_tests::run(check, pages, "identity.icp")) {
    by_mark[finding.evidence["mark"].get<std::string>()] = finding.evidence["pages_missing"];
  }
  // The page without any ICP line lacks the number only; the unlinked number lacks the link.
  CHECK(by_mark["icp"] == nlohmann::json::array({urls[1]}));
  CHECK(by_mark["icp_link"] == nlohmann::json::array({urls[2]}));
}

TEST_CASE("checks::Identity domain", "[identity]") {
  const checks::Identity check(content_tests::rules().identity);
  auto domain_of = [&](const std::string& home) {
    return content_tests::run_on(check, content_tests::site_of({home}), {}, "identity.domain");
  };
  auto good = domain_of("http://www.qingshi.gov.cn/");
  REQUIRE(good.size() == 1);
  CHECK(good[0].severity == checks::Severity::info);
  auto bad = domain_of("http://www.qingshi.com.cn/");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].severity == checks::Severity::failure);
  auto ip = domain_of("http://127.0.0.1:8080/");
  REQUIRE(ip.size() == 1);
  CHECK(ip[0].review);
}
