// report.html opened in headless Chromium (Debian's chromium package): it loads without script
// errors, shows the verdict, the vetoes and the score, keeps an injected title as text, and its
// filter works. A first-screen screenshot is kept in test-artifacts/html-report/.
#include "../support/test_support.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

namespace {

std::optional<std::string> find_chromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (std::filesystem::exists(candidate)) return std::string(candidate);
  }
  return std::nullopt;
}

std::vector<std::string> chromium_args(const std::string& chromium, const std::string& profile) {
  return {chromium,
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile,
          "--virtual-time-budget=2000"};
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++found;
  }
  return found;
}

} // namespace

TEST_CASE("reports::write_html", "[reports]") {
  const auto data = report_fixture::make_data();
  const std::filesystem::path out = std::filesystem::absolute("test-artifacts/html-report");
  std::filesystem::create_directories(out);
  const std::string report = (out / "report.html").string();
  REQUIRE(reports::write_html(report, data));
  const std::string html = test_support::read_file(report);

  SECTION("self-contained and escaped") {
    CHECK(html.find("<script src") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    // The injected title never appears raw: the JSON island writes '<' as \u003c.
    CHECK(html.find(report_fixture::k_injected) == std::string::npos);
    CHECK(count(html, "</script>") == 2);
    CHECK(html.find("\\u003c/script>\\u003cimg src=x onerror=alert(1)>") != std::string::npos);
  }

  const auto chromium = find_chromium();
  if (!chromium &&
      !test_support::require_tool(
          "chromium", "not installed (ci/setup installs it): headless checks not run")) {
    return;
  }
  test_support::TempDir profile;
  auto dump = [&](const std::string& fragment) {
    auto args = chromium_args(*chromium, profile.path());
    args.push_back("--dump-dom");
    args.push_back("file://" + report + fragment);
    auto result = test_support::run_program(args, 90);
    REQUIRE(result.exit_code == 0);
    return result.out;
  };

  SECTION("renders: score, vetoes, rows, no script errors, injected title stays text") {
    const std::string dom = dump("");
    CHECK(dom.find("data-ready=\"1\"") != std::string::npos);
    CHECK_FALSE(std::regex_search(dom, std::regex("<body[^>]*data-errors")));
    CHECK(dom.find("id=\"verdict\"") != std::string::npos);
    CHECK(dom.find("不合格") != std::string::npos);
    CHECK(dom.find("单项否决：不合格") != std::string::npos);
    CHECK(dom.find("首页最新信息距监测时间点30天") != std::string::npos);
    CHECK(dom.find("单项否决，不计分") != std::string::npos); // the score of a vetoed site
    // 6 failures and warnings in the rectification list.
    CHECK(dom.find("id=\"rect\" data-rows=\"6\"") != std::string::npos);
    // The injected markup is text: escaped in the DOM, and no <img> element exists.
    CHECK(dom.find("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(dom.find("<img") == std::string::npos);
    // The IPv6 fact table is shown (it has a row); the maps table is not.
    CHECK(std::regex_search(dom, std::regex("<section class=\"card\" id=\"table-ipv6\">")));
    // Its rows are the host rows, in the per-host columns.
    CHECK(std::regex_search(dom, std::regex("<th>pages_affected</th>")));
    CHECK(std::regex_search(dom, std::regex("<td>jyj.qingshi.gov.cn</td><td>nodata</td>")));
    CHECK(dom.find("<td>主机有AAAA记录</td>") == std::string::npos);
    CHECK(std::regex_search(dom, std::regex("id=\"table-maps\" hidden")));
    CHECK(dom.find("explained") != std::string::npos);
  }

  SECTION("the filter state in the URL hash filters the rows") {
    const std::string failures = dump("#severity=failure");
    CHECK(failures.find("data-rows=\"5\"") != std::string::npos);
    CHECK(count(failures, "<tr data-severity=\"failure\"") == 5);
    CHECK(count(failures, "data-severity=\"warning\"") == 0);
    const std::string by_check = dump("#check=home.stale&lang=en");
    CHECK(by_check.find("data-rows=\"1\"") != std::string::npos);
    CHECK(by_check.find("Veto: fail") != std::string::npos); // the English switch
  }

  SECTION("a first-screen screenshot") {
    const std::string shot = (out / "report-first-screen.png").string();
    std::filesystem::remove(shot);
    auto args = chromium_args(*chromium, profile.path());
    args.insert(args.end(), {"--screenshot=" + shot, "--window-size=1280,900", "file://" + report});
    auto result = test_support::run_program(args, 90);
    CHECK(result.exit_code == 0);
    REQUIRE(std::filesystem::exists(shot));
    CHECK(std::filesystem::file_size(shot) > 10000);
  }
}

TEST_CASE("reports::write_html with 50,000 findings", "[reports]") {
  auto data = report_fixture::make_data();
  for (int i = 0; i < 50000; ++i) {
    data.findings.push_back({"links.broken",
                             checks::Severity::failure,
                             "http://www.qingshi.gov.cn/x/" + std::to_string(i),
                             "http://www.qingshi.gov.cn/p" + std::to_string(i % 500) + ".html",
                             "链接无法访问",
                             {{"on_homepage", false}}});
  }
  data.gate = {};
  test_support::TempDir dir;
  REQUIRE(reports::write_html(dir.file("big.html"), data));
  const auto chromium = find_chromium();
  if (!chromium && !test_support::require_tool(
                       "chromium", "not installed: the 50,000-finding report was not opened")) {
    return;
  }
  test_support::TempDir profile;
  auto args = chromium_args(*chromium, profile.path());
  args.insert(args.end(), {"--dump-dom", "file://" + dir.file("big.html") + "#p=3"});
  auto result = test_support::run_program(args, 120);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("data-ready=\"1\"") != std::string::npos);
  CHECK(result.out.find("data-rows=\"50006\"") != std::string::npos);
  // One page of 100 rows is in the DOM, not 50,000.
  CHECK(count(result.out, "<tr data-severity=") == 100);
}
