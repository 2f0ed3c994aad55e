// Verdicts a 政务公开办 can sign (issue 15): each test reproduces what a user met on a loopback
// site and asserts the verdict, the exit code and what the report says, in the DOM that
// headless Chromium builds from report.html.
#include "scan_helpers.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace {

using nlohmann::json;
using test_support::run_govaudit;
using test_support::TempDir;
using test_support::TestServer;

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

const json& first_subject(const json& findings) {
  return findings.at("score").at("subjects").at(0);
}

// Where screenshots for the closing note and for reviewers are kept (the build folder).
std::string artifact(const std::string& name) {
  const auto folder = std::filesystem::absolute("test-artifacts/verdicts");
  std::filesystem::create_directories(folder);
  return (folder / name).string();
}

// A reviewer's file that scores every item the built-in checks do not measure and decides the
// veto checks they cannot: the audit is then complete.
std::string complete_assessments(const json& subject) {
  json items = json::array();
  for (const auto& group : subject.at("groups")) {
    for (const auto& item : group.at("items")) {
      if (item.at("assessed") == true) continue;
      items.push_back({{"item", item.at("name_zh")}, {"lost", 0}, {"note", "人工核查无问题"}});
    }
  }
  json vetoes = json::array();
  for (const auto& check : subject.at("vetoes_not_assessed")) {
    vetoes.push_back({{"check", check}, {"decision", "dismissed"}, {"note", "人工核查未发现"}});
  }
  return "// 复核意见\n" + json{{"assessor", "王敏（政务公开办）"},
                                {"date", "2026-11-28"},
                                {"items", items},
                                {"vetoes", vetoes}}
                               .dump(2);
}

} // namespace

TEST_CASE("verdicts: an unreachable site is 无法评估, never 合格", "[e2e][verdict]") {
  TestServer server("small");
  TempDir out;
  const std::string start = "http://127.0.0.1:" + std::to_string(server.closed_port()) + "/";
  auto result = e2e::scan({start}, out.path());
  CHECK(result.run.exit_code == 3);
  // findings.json: incomplete, with the reason; the subject cannot be assessed and has no score.
  const json& run = result.findings.at("run");
  CHECK(run.at("complete") == false);
  CHECK(run.at("stop_reason") == "unreachable");
  REQUIRE(run.at("incomplete_reasons").size() == 1);
  CHECK(contains(run.at("incomplete_reasons")[0], start + ": connect"));
  CHECK(result.crawl.at("run").at("complete") == false);
  const json& subject = first_subject(result.findings);
  CHECK(subject.at("verdict") == "cannot_assess");
  CHECK(subject.at("verdict_zh") == "无法评估");
  CHECK(subject.at("score").is_null());
  CHECK(subject.at("measured_score").is_null());
  CHECK(result.findings.at("score").at("verdict_zh") == "无法评估");
  // Nothing is claimed from the absence of pages nobody could fetch: no "disclosure column
  // missing", no footer coverage of 0 pages. What was measured stays: the broken start URL.
  bool broken_start = false;
  for (const auto& finding : result.findings.at("findings")) {
    const std::string check = finding.at("check");
    CAPTURE(check);
    CHECK(check.rfind("disclose.", 0) != 0);
    CHECK(check.rfind("identity.site_code", 0) != 0);
    CHECK(check.rfind("columns.", 0) != 0);
    broken_start |= check == "links.broken" && finding.at("url") == start;
  }
  CHECK(broken_start);

  // The first screen says it in words and colour.
  const std::string report = out.file("report.html");
  const std::string dom = test_support::chromium_dom(report);
  CHECK(contains(dom, "data-ready=\"1\""));
  CHECK(contains(dom, "id=\"incomplete\""));
  CHECK(contains(dom, "class=\"banner cannot\""));
  CHECK(contains(dom, "data-verdict=\"cannot_assess\""));
  CHECK(contains(dom, "无法评估：未能访问网站"));
  CHECK_FALSE(contains(dom, "class=\"verdict pass\""));
  CHECK_FALSE(contains(dom, ">合格<"));
  test_support::chromium_screenshot(report, artifact("unreachable-first-screen.png"));

  // The gate can never pass it, not even from `govaudit report` with a low bar.
  auto again = run_govaudit({"report", out.path(), "--fail-under", "60"});
  CHECK(again.exit_code == 3);
  CHECK(contains(again.err, "cannot be assessed"));
  CHECK(contains(again.err, "无法评估"));
  CHECK_FALSE(contains(again.err, "gate passed"));
  // JUnit never lists a check of that site as passed.
  const std::string junit = test_support::read_file(out.file("junit.xml"));
  CHECK(contains(junit, "<skipped message=\"未检查 (not assessed): the site was not reached"));
}

TEST_CASE("verdicts: an interrupted scan is 无法评估, never a green 合格", "[e2e][verdict]") {
  TempDir site;
  std::string index = "<html><head><title>首页</title></head><body>";
  for (int i = 0; i < 40; ++i) index += "<a href=\"/__/slow/1?n=" + std::to_string(i) + "\">x</a>";
  test_support::write_file(site.file("index.html"), index + "</body></html>");
  TestServer server(site.path());
  TempDir out;
  auto result = e2e::scan({server.url("/"), "--per-host", "1"}, out.path(), 60, 2500);
  CHECK(result.run.exit_code == 3);
  CHECK(result.findings.at("run").at("complete") == false);
  CHECK(result.findings.at("run").at("stop_reason") == "interrupted");
  const json& subject = first_subject(result.findings);
  CHECK(subject.at("verdict") == "cannot_assess");
  CHECK(subject.at("blocked") == "interrupted");
  const std::string dom = test_support::chromium_dom(out.file("report.html"));
  CHECK(contains(dom, "id=\"incomplete\""));
  CHECK(contains(dom, "扫描中途被中断"));
  CHECK_FALSE(contains(dom, "class=\"verdict pass\""));
}

TEST_CASE("verdicts: points nobody measured are not awarded", "[e2e][verdict]") {
  TestServer server("small");
  TempDir out;
  // The monitoring point just after the fixture's newest items: no freshness veto.
  auto result = e2e::scan({server.url("/"), "--as-of", "2024-03-10"}, out.path());
  REQUIRE(result.run.exit_code == 0);
  const json& subject = first_subject(result.findings);
  CHECK(subject.at("vetoes").empty());
  // 办事服务 and 互动交流 have no check behind them: not assessed, no points, no official score.
  CHECK(subject.at("score").is_null());
  CHECK(subject.at("provisional") == true);
  CHECK(subject.at("measurable_points") == 100);
  CHECK(subject.at("assessed_points").get<double>() < 50);
  for (const auto& group : subject.at("groups")) {
    if (group.at("id") == "services" || group.at("id") == "interaction") {
      CHECK(group.at("assessed_points") == 0);
    }
  }
  const auto& not_assessed = subject.at("vetoes_not_assessed");
  CHECK(std::find(not_assessed.begin(), not_assessed.end(), "interact.unanswered") !=
        not_assessed.end());

  // JUnit: unwritten checks and unmeasured items are skipped, not passed.
  const std::string junit = test_support::read_file(out.file("junit.xml"));
  for (const char* name : {"interact.unanswered", "service.useless", "item:service_guides"}) {
    CAPTURE(name);
    const auto at = junit.find("name=\"" + std::string(name) + "\"");
    REQUIRE(at != std::string::npos);
    CHECK(junit.compare(junit.find('>', at) + 1, 14, "\n   <skipped m") == 0);
  }
  // SARIF says "notApplicable" for them.
  const json sarif = json::parse(test_support::read_file(out.file("results.sarif")));
  std::size_t not_applicable = 0;
  for (const auto& entry : sarif.at("runs")[0].at("results")) {
    not_applicable += entry.contains("kind") && entry.at("kind") == "notApplicable" ? 1 : 0;
  }
  CHECK(not_applicable > 10);

  // The report shows what was not assessed, in words.
  const std::string dom = test_support::chromium_dom(out.file("report.html"));
  CHECK(contains(dom, "id=\"coverage\""));
  CHECK(contains(dom, "未检查的指标不计分"));
  CHECK(contains(dom, "办事服务：全部 25 分"));
  CHECK(contains(dom, "未检查的否决项"));
  CHECK(contains(dom, "暂定"));

  // A reviewer completes it: every item assessed, the official score, no longer provisional;
  // the report shows which numbers came from people.
  test_support::write_file(out.file("review.jsonc"), complete_assessments(subject));
  auto reviewed =
      run_govaudit({"report", out.path(), "--assessments", out.file("review.jsonc"), "--quiet"});
  CHECK(reviewed.exit_code == 0);
  const std::string completed = test_support::chromium_dom(out.file("report.html"));
  CHECK(contains(completed, "全部 100 分的指标均已检查"));
  CHECK(contains(completed, "人工评分：王敏（政务公开办），2026-11-28"));
  CHECK(contains(completed, "class=\"verdict pass\""));
  CHECK_FALSE(contains(completed, "class=\"verdict cannot\""));
  const std::string summary = test_support::read_file(out.file("summary.md"));
  CHECK_FALSE(contains(summary, "provisional"));
}

TEST_CASE("verdicts: everything checkable is checked before the first request", "[e2e][verdict]") {
  TestServer server("small");
  TempDir dir;
  SECTION("an out folder that cannot be written: exit 2, nothing fetched, nothing claimed") {
    server.reset_stats();
    // /proc cannot take a file, not even from root (CI runs as root: permission bits would not
    // stop it).
    auto run = run_govaudit({"scan", server.url("/"), "--out", "/proc", "--quiet"}, 60);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "govaudit: error: cannot write into the output folder \"/proc\""));
    CHECK_FALSE(contains(run.out, "report:"));
    CHECK(server.stats().at("total") == 0);
    // A file where the folder should be.
    test_support::write_file(dir.file("plain"), "x");
    auto file = run_govaudit({"scan", server.url("/"), "--out", dir.file("plain"), "--quiet"}, 60);
    CHECK(file.exit_code == 2);
    CHECK(contains(file.err, "output folder \"" + dir.file("plain") + "\""));
    CHECK(server.stats().at("total") == 0);
  }
  SECTION("every problem at once: out folder, exceptions with a mistyped check, assessments") {
    server.reset_stats();
    test_support::write_file(dir.file("ex.json"),
                             R"([{"check": "links.brokn", "url": "http://x/", "reason": "r",
                                  "owner": "o", "expires": "2030-01-01"}])");
    test_support::write_file(dir.file("review.jsonc"),
                             "{\n  \"assessor\": \"王敏\", \"date\": \"2026-11-28\",\n"
                             "  \"items\": [{\"item\": \"servce_guides\", \"lost\": 1}]\n}\n");
    auto run = run_govaudit({"scan", server.url("/"), "--out", "/proc", "--exceptions",
                             dir.file("ex.json"), "--assessments", dir.file("review.jsonc")},
                            60);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "cannot write into the output folder"));
    CHECK(contains(run.err, "exceptions[0].check: unknown check id \"links.brokn\" (did you "
                            "mean \"links.broken\"?)"));
    CHECK(contains(run.err, "review.jsonc:3: items[0].item: unknown item \"servce_guides\" (did "
                            "you mean \"service_guides\"?)"));
    CHECK(server.stats().at("total") == 0);
  }
  SECTION("only the files written are named") {
    auto result = e2e::scan({server.url("/"), "--format", "html"}, dir.path());
    CHECK(result.run.exit_code == 0);
    CHECK(contains(result.run.out, "report: " + dir.path() + "/report.html"));
    CHECK_FALSE(contains(result.run.out, "findings.json"));
    CHECK_FALSE(std::filesystem::exists(dir.file("findings.json")));
  }
}

TEST_CASE("verdicts: expired exceptions are said, in the report and on stderr", "[e2e][verdict]") {
  TestServer server("small");
  TempDir dir;
  test_support::write_file(dir.file("ex.json"),
                           R"({"exceptions": [{"check": "links.broken", "url": "http://x/gone",
                               "reason": "合作网站已关停", "owner": "网站办",
                               "expires": "2026-10-31"}]})");
  auto result = e2e::scan(
      {server.url("/"), "--as-of", "2026-11-15", "--exceptions", dir.file("ex.json")}, dir.path());
  CHECK(result.run.exit_code == 0);
  CHECK(contains(result.run.err, "the exception for links.broken http://x/gone (网站办) expired on "
                                 "2026-10-31"));
  const std::string dom = test_support::chromium_dom(dir.file("report.html"));
  CHECK(contains(dom, "id=\"expired\""));
  CHECK(contains(dom, "以下例外说明已过期"));
  CHECK(contains(test_support::read_file(dir.file("summary.md")),
                 "Expired exception (explains nothing): links.broken http://x/gone"));
}

TEST_CASE("verdicts: `report` re-renders with the scan's own ruleset", "[e2e][verdict]") {
  TempDir out;
  auto demo = run_govaudit({"demo", "--out", out.path(), "--quiet"}, 120);
  REQUIRE(demo.exit_code == 0);
  const json scanned = json::parse(test_support::read_file(out.file("findings.json")));
  CHECK(scanned.at("ruleset").at("id") == "gov-2019-demo");
  // The demo's footer marks link to loopback stand-ins: the built-in rules would flag them.
  const std::string before = test_support::read_file(out.file("summary.md"));
  auto again = run_govaudit({"report", out.path()});
  CHECK(again.exit_code == 0);
  CHECK(contains(again.err, "govaudit: ruleset gov-2019-demo"));
  CHECK(contains(again.err, "(from " + out.path() + "/ruleset.json)"));
  CHECK(test_support::read_file(out.file("summary.md")) == before);
  const std::string dom = test_support::chromium_dom(out.file("report.html"));
  CHECK(contains(dom, "gov-2019-demo"));
  // --ruleset still says otherwise, and the report says which it used.
  auto builtin = run_govaudit(
      {"report", out.path(), "--ruleset", test_support::source_dir() + "/rulesets/gov-2019.json"});
  CHECK(builtin.exit_code == 0);
  CHECK(contains(builtin.err, "govaudit: ruleset gov-2019 "));
  CHECK(contains(test_support::read_file(out.file("summary.md")), "Ruleset: gov-2019 ("));
}
