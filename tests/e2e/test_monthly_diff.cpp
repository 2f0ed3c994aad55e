// End-to-end: two monthly audits of the same site (the demo site, served once on one port, so
// that both runs see the same URLs), the second after the homepage went unupdated past the veto
// line. `govaudit diff` must show the site turning 不合格 and the finding behind it getting worse,
// and the gate against the first month must fail on the new veto (issue 15: "new: 0, fixed: 0,
// unchanged: 168" and exit 0).

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <tests/e2e/scan_helpers.hpp>

using test_support::run_govaudit;
using test_support::TempDir;

namespace {

// The demo's ruleset, as `govaudit demo` builds it: the built-in one with the demo's patch (its
// footer marks link to loopback stand-ins of the filing sites).
std::string write_demo_ruleset(const TempDir& dir) {
  const std::string root = test_support::source_dir();
  auto ruleset = nlohmann::json::parse(test_support::read_file(root + "/rulesets/gov-2019.json"));
  ruleset.merge_patch(nlohmann::json::parse(
      test_support::read_file(root + "/fixtures/demo-site/ruleset-patch.json")));
  const std::string path = dir.file("ruleset.json");
  test_support::write_file(path, ruleset.dump());
  return path;
}

// The office's reviewer, as every month: the items and vetoes no check measures, scored by hand
// without a deduction, so that the portal's verdict is complete (合格 or 不合格, not 暂定).
std::string write_review(const TempDir& dir) {
  nlohmann::json items = nlohmann::json::array();
  for (const char* item :
       {"overview", "functions", "leaders", "interpretation", "interpretation_ratio",
        "service_items", "online_application", "service_statistics", "service_guides",
        "service_accuracy", "service_forms", "message_submission", "unified_login",
        "message_publication", "replies", "error_report", "page_tags", "compatibility",
        "single_login"}) {
    items.push_back({{"item", item}, {"lost", 0}});
  }
  nlohmann::json vetoes = nlohmann::json::array();
  for (const char* check : {"avail.homepage", "content.serious_error", "interact.unanswered",
                            "links.hijacked", "security.tamper", "service.useless"}) {
    vetoes.push_back({{"check", check}, {"decision", "dismissed"}, {"note", "人工核查未发现"}});
  }
  const std::string path = dir.file("review.jsonc");
  test_support::write_file(path, nlohmann::json{{"assessor", "王敏"},
                                                {"date", "2026-11-20"},
                                                {"items", items},
                                                {"vetoes", vetoes}}
                                     .dump());
  return path;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

} // namespace

TEST_CASE("diff and --baseline see a month that got worse", "[e2e][gate][diff]") {
  test_support::TestServer server(test_support::source_dir() + "/fixtures/demo-site/www");
  TempDir work;
  const std::string home = server.url("/");
  test_support::write_file(
      work.file("audit.json"),
      nlohmann::json{{"sites", {{{"name", "青石区人民政府"}, {"start_urls", {home}}}}}}.dump());
  const std::vector<std::string> common = {"--config",      work.file("audit.json"),
                                           "--ruleset",     write_demo_ruleset(work),
                                           "--assessments", write_review(work)};
  auto args = [&](const std::string& as_of, std::vector<std::string> more = {}) {
    std::vector<std::string> all = common;
    all.insert(all.end(), {"--as-of", as_of});
    all.insert(all.end(), more.begin(), more.end());
    return all;
  };
  // November: the newest item on the homepage (2026-11-12) is 11 days old, a warning. December:
  // 19 days, past the 14-day line: a confirmed veto.
  const std::string november = work.file("2026-11");
  const std::string december = work.file("2026-12");
  auto first = e2e::scan(args("2026-11-23"), november);
  REQUIRE(first.run.exit_code == 0);
  auto second = e2e::scan(args("2026-12-01"), december);
  REQUIRE(second.run.exit_code == 0);
  REQUIRE(second.findings_for("home.stale", home).size() == 1);
  REQUIRE(second.findings_for("home.stale", home)[0]["evidence"]["veto"] == "confirmed");

  // One body, no sections: each section would scan both months again.
  {
    INFO("diff of the two report folders: the verdict first, then what got worse");
    auto diff = run_govaudit({"diff", november, december});
    INFO(diff.out << diff.err);
    CHECK(diff.exit_code == 0);
    const auto lines = lines_of(diff.out);
    REQUIRE(lines.size() > 2);
    // The portal turned 不合格 because of the new veto; it is the first line.
    CHECK(lines[0].rfind("verdict 青石区人民政府: 合格 ", 0) == 0);
    CHECK(lines[0].find(" -> 不合格 (veto: home.stale)") != std::string::npos);
    // Every verdict line comes before every finding line.
    std::size_t verdicts = 0;
    while (verdicts < lines.size() && lines[verdicts].rfind("verdict ", 0) == 0) ++verdicts;
    for (std::size_t i = verdicts; i < lines.size(); ++i) {
      CHECK(lines[i].rfind("verdict ", 0) != 0);
    }
    CHECK(std::find(lines.begin(), lines.end(),
                    "worsened failure home.stale " + home +
                        ": severity warning -> failure; veto none -> confirmed; value 11 -> 19 "
                        "(threshold 14)") != lines.end());
    const std::string& counts = lines.back();
    CHECK(counts.rfind("new: ", 0) == 0);
    CHECK(counts.find("worsened: 0") == std::string::npos);
    CHECK(counts.find(", unchanged: ") != std::string::npos);
  }
  {
    INFO("report with --fail-on veto against the first month fails, naming the new veto");
    auto gate = run_govaudit({"report", december, "--fail-on", "veto", "--baseline", november});
    INFO(gate.err);
    CHECK(gate.exit_code == 1);
    CHECK(gate.err.find("govaudit: gate: 青石区人民政府 has a new confirmed veto: home.stale (" +
                        home + "), which the baseline did not have (--fail-on veto)\n") !=
          std::string::npos);
    CHECK(gate.err.find("govaudit: gate: worse than in the baseline: home.stale " + home +
                        " (severity warning -> failure; veto none -> confirmed; value 11 -> 19 "
                        "(threshold 14)) (--fail-on veto)\n") != std::string::npos);
    // The report marks the finding as worse than the baseline.
    CHECK(test_support::read_file(december + "/rectification.csv").find(",worsened,") !=
          std::string::npos);
    // A month against itself passes the gate.
    CHECK(
        run_govaudit({"report", november, "--fail-on", "veto", "--baseline", november}).exit_code ==
        0);
  }
  {
    INFO("scan with --fail-on veto and --baseline (the first month's findings.json) fails");
    // Without --quiet (which e2e::scan adds) the gate's reasons are printed.
    std::vector<std::string> gated = {"scan"};
    for (const auto& arg :
         args("2026-12-01", {"--fail-on", "veto", "--baseline", november + "/findings.json"})) {
      gated.push_back(arg);
    }
    gated.insert(gated.end(), {"--out", work.file("gated"), "--rate", "0", "--recheck-after", "0"});
    auto scan = run_govaudit(gated, 120);
    INFO(scan.err);
    CHECK(scan.exit_code == 1);
    CHECK(scan.err.find("govaudit: gate: 青石区人民政府 has a new confirmed veto: home.stale (" +
                        home + "), which the baseline did not have (--fail-on veto)\n") !=
          std::string::npos);
  }
}
