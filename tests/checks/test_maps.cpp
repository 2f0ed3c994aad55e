#include "content_test_util.hpp"

#include <checks/maps/maps.hpp>

#include <catch2/catch.hpp>

namespace {

std::string wrap(const std::string& body) {
  return "<html><head><title>区情</title></head><body>" + body + "</body></html>";
}

const checks::MapRules& map_rules() {
  return content_tests::rules().maps;
}

// What the map concern reports under `id` about the page `html` at `url` once the crawl is
// over: it keeps the page's maps as facts and reports from them, never while inspecting.
std::vector<checks::Finding> findings_of(std::string_view id, const std::string& html,
                                         const std::string& url) {
  const checks::Maps check(map_rules());
  CHECK(content_tests::inspect(check, content_tests::page_from(html, url)).empty());
  return content_tests::run(check, {{url, html}}, id);
}

} // namespace

TEST_CASE("checks::find_review_number", "[maps]") {
  const checks::MapRules& rules = map_rules();
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

TEST_CASE("checks::Maps review number", "[maps]") {
  const std::string url = "http://www.qingshi.gov.cn/zjqs/index.html";
  SECTION("number in the caption paragraph after the image, or missing") {
    const std::string html =
        wrap("<p><img src='qwt.png' alt='青石区区位图'></p><p>区位图，审图号GS(2019)1822号</p>"
             "<p><img src='x.png' alt='青石区行政区划图'></p><p>图为青石区行政区划图</p>"
             "<p><img src='photo.jpg' alt='检查现场'></p>");
    const auto findings = findings_of("map.review_number", html, url);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].url == "http://www.qingshi.gov.cn/zjqs/x.png");
    CHECK(findings[0].page == url);
    CHECK(findings[0].severity == checks::Severity::failure);
    CHECK(findings[0].review);
  }
  SECTION("number in alt, title or figcaption") {
    const std::string html =
        wrap("<img src='a.png' alt='规划图 GS(2020)4619号'>"
             "<img src='b.png' title='交通图 审图号：GS京（2022）1061号'>"
             "<figure><img src='c.png'><figcaption>地图 粤S(2020)01-023号</figcaption></figure>");
    CHECK(findings_of("map.review_number", html, url).empty());
  }
  SECTION("exempt kinds are a note; 网站地图 and photos are no maps; services are reviewed") {
    const std::string html = wrap("<p><img src='jq.png' alt='青石山景区图 旅游地图'></p>"
                                  "<p><a href='/wzdt/'><img src='s.png' alt='网站地图'></a></p>"
                                  "<p><img src='p.jpg' alt='项目建设现场'></p>"
                                  "<iframe src='https://api.map.baidu.com/embed?x=1'></iframe>");
    const auto findings = findings_of("map.review_number", html, url);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].severity == checks::Severity::info);
    CHECK(findings[0].evidence["exempt"] == "景区图");
    CHECK(findings[1].evidence["kind"] == "service");
    CHECK(findings[1].severity == checks::Severity::warning);
  }
}

TEST_CASE("checks::Maps reports each map with its reason", "[maps]") {
  const std::string url = "http://www.qingshi.gov.cn/zjqs/index.html";
  const std::string html = wrap("<p><img src='qwt.png' alt='青石区区位图'></p><p><img "
                                "src='photo.jpg' alt='检查现场'></p>");
  const auto findings = findings_of("map.detect", html, url);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].check == "map.detect");
  CHECK(findings[0].severity == checks::Severity::info);
  CHECK(findings[0].url == "http://www.qingshi.gov.cn/zjqs/qwt.png");
  CHECK(findings[0].page == url);
  CHECK(findings[0].evidence["kind"] == "image");
}

TEST_CASE("checks::Maps lists every map for review", "[maps]") {
  const std::string html =
      wrap("<img src='a.png' alt='青石区地图'><img src='b.png' alt='区位图 GS(2020)4619号'>");
  const std::string url = "http://www.qingshi.gov.cn/a.html";
  CHECK(checks::detect_maps(content_tests::page_from(html, url), map_rules()).size() == 2);
  auto findings = findings_of("map.content", html, url);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].review);
  CHECK(findings[0].evidence["count"] == 2);
}
