// End-to-end: the govaudit binary against the loopback fixture servers.

#include <catch2/catch.hpp>

#include <set>
#include <tests/e2e/scan_helpers.hpp>

using e2e::scan;
using test_support::TempDir;
using test_support::TestServer;

namespace {

// The element kinds recorded for `url` among its referrers.
std::set<std::string> elements_of(const e2e::ScanResult& result, const std::string& url) {
  std::set<std::string> kinds;
  for (const auto& referrer : result.url(url)["referrers"]) kinds.insert(referrer["element"]);
  return kinds;
}

// Failures and warnings of the link checks (other checks judge other things on these sites).
std::vector<std::string> links_problems(const e2e::ScanResult& result) {
  std::vector<std::string> problems;
  for (const auto& finding : result.findings["findings"]) {
    const std::string check = finding["check"];
    if (check.rfind("links.", 0) == 0 && finding["severity"] != "info") {
      problems.push_back(check + " " + finding["url"].get<std::string>());
    }
  }
  return problems;
}

} // namespace

TEST_CASE("scan: every link kind is discovered", "[e2e][scan]") {
  TestServer server("linkkinds");
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  REQUIRE(result.run.exit_code == 0);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/page-a.html", "anchor"},
      {"/page-abs.html", "anchor"},
      {"/area-target.html", "area"},
      {"/img/logo.png", "image"},
      {"/img/photo-1x.png", "image"},
      {"/img/photo-2x.png", "srcset"},
      {"/img/fallback.png", "image"},
      {"/img/pic.webp", "srcset"},
      {"/js/app.js", "script"},
      {"/css/site.css", "stylesheet"},
      {"/favicon.ico", "link"},
      {"/frames/iframe.html", "iframe"},
      {"/frameset.html", "anchor"},
      {"/media/flash.swf", "embed"},
      {"/media/doc.pdf", "embed"},
      {"/media/clip.mp4", "media"},
      {"/media/sound.mp3", "media"},
      {"/search/result.html", "form"},
      {"/refresh.html", "anchor"},
      {"/base.html", "anchor"},
      {"/frames/top.html", "frame"},
      {"/frames/main.html", "frame"},
      {"/refreshed.html", "meta_refresh"},
      {"/based/target.html", "anchor"},
      {"/based/pic.png", "image"}};
  for (const auto& [path, element] : expected) {
    INFO(path);
    CHECK(elements_of(result, server.url(path)).count(element) == 1);
  }
  // Pages reached through frames and meta refresh were crawled too.
  CHECK(result.url(server.url("/refreshed.html"))["is_page"] == true);
  CHECK(result.url(server.url("/frames/main.html"))["is_page"] == true);
  // Forms are recorded, never submitted.
  CHECK(result.url(server.url("/search/result.html"))["state"] == "queued");
  for (const auto& [url, entry] : result.urls) {
    INFO(url);
    CHECK(url.rfind("http", 0) == 0); // no mailto:, javascript:, tel:
  }
  CHECK(links_problems(result).empty());
}

TEST_CASE("scan: scope, robots.txt, broken and external links", "[e2e][scan]") {
  TestServer server("small");
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  REQUIRE(result.run.exit_code == 0);
  for (const char* page : {"/", "/columns/notices/", "/columns/news/", "/about.html",
                           "/contact.html", "/articles/2024-03-01-notice.html"}) {
    INFO(page);
    CHECK(result.url(server.url(page))["is_page"] == true);
  }
  SECTION("robots.txt is obeyed") {
    CHECK(result.url(server.url("/private/secret.html"))["state"] == "disallowed");
    const auto stats = server.stats();
    for (const auto& entry : stats["log"]) CHECK(entry["path"] != "/private/secret.html");
  }
  SECTION("broken links are findings with their pages") {
    auto missing = result.findings_for("links.broken", server.url("/missing-page.html"));
    std::set<std::string> pages;
    for (const auto& finding : missing) pages.insert(finding["page"]);
    CHECK(pages == std::set<std::string>{server.url("/"), server.url("/columns/news/")});
    CHECK(missing.front()["evidence"]["status"] == 404);
    CHECK(result.findings_for("links.broken", server.url("/img/missing.png")).size() == 1);
    const std::string refused = "http://127.0.0.1:" + std::to_string(server.closed_port()) + "/";
    auto refused_findings = result.findings_for("links.broken", refused);
    REQUIRE(refused_findings.size() == 1);
    CHECK(refused_findings.front()["evidence"]["error"] == "connect");
  }
  SECTION("external links are checked once, never crawled") {
    const std::string external =
        "http://localhost:" + std::to_string(server.port()) + "/__/status/404";
    CHECK(result.url(external)["state"] == "checked");
    CHECK(result.url(external)["in_scope"] == false);
    CHECK(result.url(external)["fetch"]["method"] == "HEAD");
    CHECK(result.findings_for("links.broken", external).size() == 1);
  }
  SECTION("crawl traps are stopped and recorded") {
    std::set<std::string> kinds;
    for (const auto& trap : result.crawl["traps"]) kinds.insert(trap["kind"]);
    CHECK(kinds.count("calendar") == 1);
    CHECK(kinds.count("repeated_segment") == 1);
  }
  SECTION("--ignore-robots fetches disallowed pages") {
    TempDir again;
    auto ignored = scan({server.url("/"), "--ignore-robots"}, again.path());
    CHECK(ignored.url(server.url("/private/secret.html"))["is_page"] == true);
  }
}

TEST_CASE("scan: charsets are detected and decoded", "[e2e][scan]") {
  TestServer server("charsets");
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  REQUIRE(result.run.exit_code == 0);
  auto [path, charset, title] = GENERATE(table<const char*, const char*, const char*>({
      {"/", "utf-8", "青石区人民政府"},
      {"/gbk/index.html", "gb18030", "青石区人民政府 通知公告"},
      {"/gb2312/index.html", "gb18030", "通知公告 青石区"},
      {"/gbk-equiv.html", "gb18030", "政务公开 青石区人民政府"},
      {"/bom.html", "utf-8", "青石区人民政府 政务公开"},
      {"/utf8-nometa.html", "utf-8", "通知公告"},
  }));
  INFO(path);
  const auto& entry = result.url(server.url(path));
  CHECK(entry["charset"] == charset);
  CHECK(entry["title"] == title);
}

TEST_CASE("scan: redirects, loops, errors and timeouts", "[e2e][scan]") {
  TempDir site;
  test_support::write_file(site.file("index.html"),
                           "<html><head><title>t</title></head><body>"
                           "<a href=\"/__/chain/3\">chain</a>"
                           "<a href=\"/__/chain/12\">long chain</a>"
                           "<a href=\"/__/loop/a\">loop</a>"
                           "<a href=\"/__/status/404\">404</a>"
                           "<a href=\"/__/status/410\">410</a>"
                           "<a href=\"/__/status/500\">500</a>"
                           "<a href=\"/__/slow/5\">slow</a>"
                           "<a href=\"/__/reset\">reset</a>"
                           "<a href=\"/__/huge\">huge</a>"
                           "<a href=\"http://127.0.0.1:{{closed_port}}/\">refused</a>"
                           "</body></html>");
  TestServer server(site.path());
  TempDir out;
  auto result = scan({server.url("/"), "--timeout", "2", "--retries", "1"}, out.path());
  REQUIRE(result.run.exit_code == 0);
  const auto& chain = result.url(server.url("/__/chain/3"));
  CHECK(chain["fetch"]["status"] == 200);
  CHECK(chain["fetch"]["redirects"].size() == 3);
  CHECK(result.findings_for("links.broken", server.url("/__/chain/3")).empty());
  auto error_of = [&](const char* path) {
    const nlohmann::json& fetch = result.url(server.url(path)).at("fetch");
    return fetch.contains("error") ? fetch.at("error").get<std::string>() : std::string("none");
  };
  CHECK(error_of("/__/chain/12") == "too_many_redirects");
  CHECK(error_of("/__/loop/a") == "redirect_loop");
  CHECK(error_of("/__/slow/5") == "timeout");
  CHECK(error_of("/__/reset") == "reset");
  CHECK(result.url(server.url("/__/status/410"))["fetch"]["status"] == 410);
  CHECK(result.url(server.url("/__/status/500"))["fetch"]["status"] == 500);
  // A huge body is cut, not a failure, and memory stays bounded.
  CHECK(result.url(server.url("/__/huge"))["fetch"]["status"] == 200);
  for (const char* path : {"/__/chain/12", "/__/loop/a", "/__/status/404", "/__/status/410",
                           "/__/status/500", "/__/slow/5", "/__/reset"}) {
    INFO(path);
    CHECK(result.findings_for("links.broken", server.url(path)).size() == 1);
  }
  // Transient failures were tried again (timeout and reset: 1 retry).
  CHECK(result.url(server.url("/__/slow/5"))["fetch"]["attempts"] == 2);
}

TEST_CASE("scan: retries and Retry-After", "[e2e][scan]") {
  TempDir site;
  test_support::write_file(site.file("index.html"),
                           "<html><body><a href=\"/__/flaky/a\">flaky</a>"
                           "<a href=\"/__/retry-after/b?s=2\">busy</a></body></html>");
  TestServer server(site.path());
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  REQUIRE(result.run.exit_code == 0);
  CHECK(result.url(server.url("/__/flaky/a"))["fetch"]["status"] == 200);
  CHECK(result.url(server.url("/__/flaky/a"))["fetch"]["attempts"] == 2);
  CHECK(result.url(server.url("/__/retry-after/b?s=2"))["fetch"]["status"] == 200);
  CHECK(links_problems(result).empty());
  // The second request came after the Retry-After pause.
  std::vector<double> times;
  const auto stats = server.stats();
  for (const auto& entry : stats["log"]) {
    if (entry["path"] == "/__/retry-after/b?s=2") times.push_back(entry["time"]);
  }
  REQUIRE(times.size() == 2);
  CHECK(times[1] - times[0] >= 1.9);
}

TEST_CASE("scan: --per-host is never exceeded", "[e2e][scan]") {
  TempDir site;
  std::string index = "<html><body>";
  for (int i = 0; i < 24; ++i) {
    index += "<a href=\"/__/slow/0.2?n=" + std::to_string(i) + "\">x</a>";
  }
  test_support::write_file(site.file("index.html"), index + "</body></html>");
  TestServer server(site.path());
  for (int per_host : {1, 3}) {
    server.reset_stats();
    TempDir out;
    auto result = scan({server.url("/"), "--per-host", std::to_string(per_host), "--concurrency",
                        "16", "--ignore-robots"},
                       out.path());
    REQUIRE(result.run.exit_code == 0);
    const auto stats = server.stats();
    INFO("per host " << per_host << ": " << stats.dump());
    CHECK(stats["max_in_flight"] <= per_host);
    CHECK(stats["max_connections"] <= per_host);
    CHECK(stats["max_in_flight"] == per_host); // the limit is reached, so the test can fail
  }
}

TEST_CASE("scan: --max-depth and --max-pages", "[e2e][scan]") {
  TestServer server("deep");
  SECTION("depth") {
    TempDir out;
    auto result = scan({server.url("/"), "--max-depth", "3"}, out.path());
    // Pages of the site were left unread: no verdict can be given on it (exit 3, 无法评估).
    REQUIRE(result.run.exit_code == 3);
    CHECK(result.findings["run"]["complete"] == false);
    CHECK(result.findings["run"]["stop_reason"] == "depth_limit");
    CHECK(result.findings["score"]["subjects"][0]["verdict"] == "cannot_assess");
    CHECK(result.findings["score"]["subjects"][0]["blocked"] == "depth_limit");
    CHECK(result.run.err.find("--max-depth") != std::string::npos);
    for (int depth = 1; depth <= 3; ++depth) {
      const auto& entry = result.url(server.url("/__/deep/" + std::to_string(depth)));
      CHECK(entry["is_page"] == true);
      CHECK(entry["depth"] == depth);
    }
    // One hop past the limit: checked, not parsed; two hops past: unknown.
    CHECK(result.url(server.url("/__/deep/4"))["is_page"] == false);
    CHECK_FALSE(result.has(server.url("/__/deep/5")));
  }
  SECTION("pager hops do not count") {
    TempDir out;
    auto result = scan({server.url("/"), "--max-depth", "1"}, out.path());
    REQUIRE(result.run.exit_code == 3); // the items below the lists were not read
    // Every page of the list is parsed: page 11 is 11 link hops down, all of them pager hops.
    for (int n = 1; n <= 12; ++n) {
      INFO(n);
      CHECK(result.url(server.url("/__/list/" + std::to_string(n)))["is_page"] == true);
    }
    CHECK(result.url(server.url("/__/list/11"))["depth"] == 11);
    // An item is one ordinary hop below its list page: checked, not parsed; so is /__/deep/2.
    CHECK(result.url(server.url("/__/list/item/1"))["is_page"] == false);
    CHECK(result.url(server.url("/__/list/item/12"))["is_page"] == false);
    CHECK(result.url(server.url("/__/deep/2"))["is_page"] == false);
  }
  SECTION("pages") {
    TempDir out;
    auto result = scan({server.url("/"), "--max-pages", "10"}, out.path());
    // A crawl cut by the page limit says so: incomplete, 无法评估, exit 3.
    REQUIRE(result.run.exit_code == 3);
    CHECK(result.crawl["totals"]["pages"] == 10);
    CHECK(result.crawl["run"]["stop_reason"] == "max-pages");
    CHECK(result.crawl["run"]["complete"] == false);
    CHECK(result.findings["run"]["complete"] == false);
    CHECK(result.findings["score"]["subjects"][0]["verdict"] == "cannot_assess");
    CHECK(result.findings["score"]["subjects"][0]["blocked"] == "page_limit");
    CHECK(result.run.err.find("--max-pages") != std::string::npos);
  }
}

TEST_CASE("scan: sitemaps seed the frontier", "[e2e][scan]") {
  TestServer server("sitemap");
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  REQUIRE(result.run.exit_code == 0);
  for (const char* page :
       {"/hidden/one.html", "/hidden/two.html", "/hidden/three.html", "/hidden/four.html"}) {
    INFO(page);
    const auto& entry = result.url(server.url(page));
    CHECK(entry["is_page"] == true);
    CHECK(entry["from_sitemap"] == true);
    CHECK(entry["depth"] == -1);
  }
}

TEST_CASE("scan: DNS through dnsmasq on loopback", "[e2e][scan][dns]") {
  if (!test_support::require_tool("dnsmasq", test_support::dnsmasq_unavailable())) return;
  TempDir site;
  test_support::write_file(site.file("index.html"),
                           "<html><body><a href=\"http://other.govaudit.test:{{port}}/\">o</a>"
                           "<a href=\"http://nowhere.govaudit.test:{{port}}/\">n</a>"
                           "<a href=\"http://x.servfail.test:{{port}}/\">s</a></body></html>");
  TestServer server(site.path());
  test_support::Dnsmasq dns(
      {{"www.govaudit.test", "127.0.0.1", "::1"}, {"other.govaudit.test", "127.0.0.1", ""}},
      {"servfail.test"}, "test");
  TempDir out;
  const std::string port = std::to_string(server.port());
  auto result =
      scan({"http://www.govaudit.test:" + port + "/", "--dns-server", dns.server()}, out.path());
  REQUIRE(result.run.exit_code == 0);
  CHECK(result.url("http://other.govaudit.test:" + port + "/")["fetch"]["status"] == 200);
  const auto& nowhere = result.url("http://nowhere.govaudit.test:" + port + "/");
  CHECK(nowhere["fetch"]["error"] == "dns");
  std::map<std::string, nlohmann::json> hosts;
  for (const auto& host : result.crawl["hosts"]) hosts[host["name"]] = host;
  CHECK(hosts["www.govaudit.test"]["aaaa"]["addresses"] == nlohmann::json::array({"::1"}));
  CHECK(hosts["other.govaudit.test"]["aaaa"]["status"] == "nodata");
  CHECK(hosts["nowhere.govaudit.test"]["a"]["status"] == "nxdomain");
  CHECK(hosts["x.servfail.test"]["a"]["status"] == "servfail");
  CHECK(dns.log().find("www.govaudit.test") != std::string::npos);
}

TEST_CASE("scan: crawl.json records settings without secrets", "[e2e][scan]") {
  TestServer server("small");
  TempDir out;
  auto result = scan({server.url("/"), "--user", "auditor:s3cret-pass", "--header",
                      "X-Token: t0ken-value", "--user-agent", "govaudit-test/1"},
                     out.path());
  REQUIRE(result.run.exit_code == 0);
  const std::string text = test_support::read_file(out.file("crawl.json"));
  CHECK(text.find("s3cret-pass") == std::string::npos);
  CHECK(text.find("t0ken-value") == std::string::npos);
  CHECK(result.crawl["schema"] == "govaudit.crawl/1");
  CHECK(result.crawl["settings"]["user"] == "auditor:***");
  CHECK(result.crawl["settings"]["headers"] == nlohmann::json::array({"X-Token: ***"}));
  CHECK(result.crawl["run"]["complete"] == true);
  CHECK(result.crawl["totals"]["pages"].get<int>() >= 8);
  const auto& home = result.url(server.url("/"));
  CHECK(home["depth"] == 0);
  CHECK(home["fetch"]["timings"]["total"].get<double>() > 0);
  const auto stats = server.stats();
  for (const auto& entry : stats["log"]) CHECK(entry["user_agent"] == "govaudit-test/1");
  CHECK(result.findings["schema"] == "govaudit.findings/1");
}
