// End-to-end: every documented exit code, with the key error messages.

#include <catch2/catch.hpp>

#include <tests/e2e/scan_helpers.hpp>

using e2e::scan;
using test_support::run_govaudit;
using test_support::TempDir;
using test_support::TestServer;

TEST_CASE("govaudit: usage and config errors exit 2", "[e2e][exit]") {
  SECTION("help and version exit 0") {
    CHECK(run_govaudit({"--help"}).exit_code == 0);
    auto version = run_govaudit({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.rfind("govaudit ", 0) == 0);
  }
  SECTION("a bad flag value") {
    auto run = run_govaudit({"scan", "http://127.0.0.1:1/", "--max-depth", "-3"});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "govaudit: error: --max-depth must be between 0 and 50, got \"-3\"\n");
  }
  SECTION("not an http URL") {
    auto run = run_govaudit({"scan", "ftp://example.gov.cn/"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("ftp://example.gov.cn/") != std::string::npos);
  }
  SECTION("no URL at all") {
    CHECK(run_govaudit({"scan"}).exit_code == 2);
  }
  SECTION("a config file with an unknown key") {
    TempDir dir;
    test_support::write_file(dir.file("audit.json"), "{\n  // comment\n  \"timout\": 5\n}\n");
    auto run = run_govaudit({"scan", "--config", dir.file("audit.json")});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("audit.json:3: unknown key \"timout\" (did you mean \"timeout\"?)") !=
          std::string::npos);
  }
  SECTION("a missing config file") {
    auto run = run_govaudit({"scan", "--config", "/nonexistent/audit.json"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot read config file") != std::string::npos);
  }
}

TEST_CASE("govaudit: a scan that cannot be done exits 3", "[e2e][exit]") {
  TestServer server("small");
  SECTION("connection refused") {
    TempDir out;
    const std::string start = "http://127.0.0.1:" + std::to_string(server.closed_port()) + "/";
    auto result = scan({start}, out.path());
    CHECK(result.run.exit_code == 3);
    CHECK(
        result.run.err.find("cannot be assessed (无法评估): the site was not reached: no start URL "
                            "gave an HTML page") != std::string::npos);
    CHECK(result.run.err.find(start + ": connect") != std::string::npos);
    CHECK(result.crawl["schema"] == "govaudit.crawl/1"); // still written
  }
  SECTION("start URL that is not HTML") {
    TempDir out;
    auto result = scan({server.url("/img/logo.png")}, out.path());
    CHECK(result.run.exit_code == 3);
    CHECK(result.run.err.find("not an HTML page") != std::string::npos);
  }
  SECTION("a site that times out entirely") {
    TempDir out;
    auto result = scan({server.url("/__/slow/5"), "--timeout", "1", "--retries", "0"}, out.path());
    CHECK(result.run.exit_code == 3);
    CHECK(result.run.err.find(": timeout") != std::string::npos);
  }
  SECTION("an unresolvable name") {
    TempDir out;
    auto result = scan(
        {"http://127.0.0.1:" + std::to_string(server.port()) + "/__/status/503", "--retries", "0"},
        out.path());
    CHECK(result.run.exit_code == 3);
    CHECK(result.run.err.find("HTTP 503") != std::string::npos);
  }
}

TEST_CASE("govaudit: an interrupted scan writes its partial crawl.json", "[e2e][exit]") {
  TempDir site;
  std::string index = "<html><body>";
  for (int i = 0; i < 40; ++i) index += "<a href=\"/__/slow/1?n=" + std::to_string(i) + "\">x</a>";
  test_support::write_file(site.file("index.html"), index + "</body></html>");
  TestServer server(site.path());
  TempDir out;
  auto result = scan({server.url("/"), "--per-host", "1"}, out.path(), 60, 2500);
  CHECK(result.run.exit_code == 3);
  CHECK(result.run.err.find("scan interrupted") != std::string::npos);
  REQUIRE(result.crawl.contains("run"));
  CHECK(result.crawl["run"]["complete"] == false);
  CHECK(result.crawl["run"]["stop_reason"] == "interrupted");
  CHECK(result.crawl["totals"]["pages"].get<int>() >= 1);
  CHECK(result.findings["run"]["complete"] == false);
}
