#include "content_test_util.hpp"

#include <checks/maps.hpp>

#include <catch2/catch.hpp>

namespace {

const checks::CheckContext& context() {
  static const checks::CheckContext ctx{"2026-11-01", nullptr, &content_tests::ruleset()};
  return ctx;
}

std::string wrap(const std::string& body) {
  return "<html><head><title>区情</title></head><body>" + body + "</body></html>";
}

// What `check` reports about `page` (id 0) once the crawl is over: the map checks keep the
// page's maps as facts and report from them.
std::vector<checks::Finding> findings_of(const checks::Check& check, const scanner::Page& page) {
  const auto report = check.check_page(page);
  CHECK(report.findings.empty());
  if (report.facts.is_null()) return {};
  return check.check_site(content_tests::site_of({page.url}), {{0, report.facts}});
}

} // namespace

TEST_CASE("checks::find_review_number", "[maps]") {
  const checks::MapRules rules(&content_tests::ruleset());
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"审图号：GS(2020)4619号", "GS(2020)4619号"},
      {"审图号GS（2020）4619号", "GS（2020）4619号"},
      {"GS京(2022)1061号", "GS京(2022)1061号"},
      {"粤S(2020)01-023号", "粤S(2020)01-023号"},
      {"GS (2019) 1822 号", "GS (2019) 1822 号"},
      {"青石政发〔2024〕12号", ""},
      {"GS(1850)12号", ""},
      {"GS(2020)号", ""},
  }));
  CHECK(checks::find_review_number(text, rules) == expected);
}

TEST_CASE("checks::MapReviewNumber", "[maps]") {
  const checks::MapReviewNumber check(context());
  const std::string url = "http://www.qingshi.gov.cn/zjqs/index.html";
  SECTION("number in the caption paragraph after the image, or missing") {
    auto page = content_tests::page_from(
        wrap("<p><img src='qwt.png' alt='青石区区位图'></p><p>区位图，审图号GS(2019)1822号</p>"
             "<p><img src='x.png' alt='青石区行政区划图'></p><p>图为青石区行政区划图</p>"
             "<p><img src='photo.jpg' alt='检查现场'></p>"),
        url);
    const auto findings = findings_of(check, page);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].url == "http://www.qingshi.gov.cn/zjqs/x.png");
    CHECK(findings[0].page == url);
    CHECK(findings[0].severity == checks::Severity::failure);
    CHECK(findings[0].evidence["review"] == true);
  }
  SECTION("number in alt, title or figcaption") {
    auto page = content_tests::page_from(
        wrap("<img src='a.png' alt='规划图 GS(2020)4619号'>"
             "<img src='b.png' title='交通图 审图号：GS京（2022）1061号'>"
             "<figure><img src='c.png'><figcaption>地图 粤S(2020)01-023号</figcaption></figure>"),
        url);
    CHECK(findings_of(check, page).empty());
  }
  SECTION("exempt kinds are a note; 网站地图 and photos are no maps; services are reviewed") {
    auto page = content_tests::page_from(
        wrap("<p><img src='jq.png' alt='青石山景区图 旅游地图'></p>"
             "<p><a href='/wzdt/'><img src='s.png' alt='网站地图'></a></p>"
             "<p><img src='p.jpg' alt='项目建设现场'></p>"
             "<iframe src='https://api.map.baidu.com/embed?x=1'></iframe>"),
        url);
    const auto findings = findings_of(check, page);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].severity == checks::Severity::info);
    CHECK(findings[0].evidence["exempt"] == "景区图");
    CHECK(findings[1].evidence["kind"] == "service");
    CHECK(findings[1].severity == checks::Severity::warning);
  }
}

TEST_CASE("checks::MapDetect reports each map with its reason", "[maps]") {
  const checks::MapDetect check(context());
  const std::string url = "http://www.qingshi.gov.cn/zjqs/index.html";
  auto page = content_tests::page_from(wrap("<p><img src='qwt.png' alt='青石区区位图'></p><p><img "
                                            "src='photo.jpg' alt='检查现场'></p>"),
                                       url);
  const auto findings = findings_of(check, page);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].check == "map.detect");
  CHECK(findings[0].severity == checks::Severity::info);
  CHECK(findings[0].url == "http://www.qingshi.gov.cn/zjqs/qwt.png");
  CHECK(findings[0].page == url);
  CHECK(findings[0].evidence["kind"] == "image");
}

TEST_CASE("checks::MapContent lists every map for review", "[maps]") {
  const checks::MapContent check(context());
  auto page = content_tests::page_from(
      wrap("<img src='a.png' alt='青石区地图'><img src='b.png' alt='区位图 GS(2020)4619号'>"),
      "http://www.qingshi.gov.cn/a.html", 0);
  auto report = check.check_page(page);
  REQUIRE(report.facts.size() == 2);
  auto site = content_tests::site_of({"http://www.qingshi.gov.cn/a.html"});
  auto findings = check.check_site(site, {{0, report.facts}});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].evidence["review"] == true);
  CHECK(findings[0].evidence["count"] == 2);
}
