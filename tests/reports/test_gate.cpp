#include "../support/test_support.hpp"

#include <reports/gate.hpp>
#include <reports/writers.hpp>

#include <catch2/catch.hpp>

using checks::Finding;
using checks::Severity;
using checks::VetoState;
using nlohmann::json;

namespace {

const std::string k_home = "http://www.qingshi.gov.cn/";

Finding broken(const std::string& target, const std::string& page = k_home) {
  Finding finding{"links.broken", Severity::failure,
                  target,         page,
                  "链接无法访问", {{"on_homepage", page == k_home}, {"line", 12}}};
  finding.on_homepage = page == k_home;
  return finding;
}

std::vector<reports::Subject> one_site() {
  reports::Subject subject;
  subject.urls = {k_home};
  return {subject};
}

// A findings.json holding `findings`, as `govaudit scan` writes it.
json findings_document(const std::vector<Finding>& findings, bool complete = true) {
  json list = json::array();
  for (const auto& f : findings) {
    list.push_back({{"id", reports::finding_id(f)},
                    {"check", f.check},
                    {"severity", checks::severity_name(f.severity)},
                    {"url", f.url},
                    {"page", f.page},
                    {"message", f.message},
                    {"evidence", reports::evidence_json(f)}});
    if (!f.key.empty()) list.back()["key"] = f.key;
  }
  return {{"schema", reports::k_findings_schema},
          {"run", {{"as_of", "2026-11-01"}, {"complete", complete}, {"stop_reason", ""}}},
          {"sites", json::array({{{"name", "青石区"}, {"start_urls", {k_home}}}})},
          {"findings", list}};
}

} // namespace

TEST_CASE("reports::finding_id", "[gate]") {
  const Finding base = broken(k_home + "a");
  SECTION("a finding without a key keeps the id of earlier versions (check, url, page)") {
    CHECK(reports::finding_id(base) == "7a0203044cf5c791");
  }
  SECTION("lines, messages, severity and evidence values leave the id alone") {
    Finding worse = base;
    worse.severity = Severity::warning;
    worse.message = "另一条消息";
    worse.evidence = {{"line", 99}, {"veto", "confirmed"}, {"value", 40}};
    CHECK(reports::finding_id(worse) == reports::finding_id(base));
  }
  SECTION("the key tells apart findings about the same url and page") {
    Finding sponsor{"identity.footer", Severity::failure, k_home, "", "缺少主办单位", {},
                    "sponsor"};
    Finding contact = sponsor;
    contact.key = "contact";
    CHECK(reports::finding_id(sponsor) != reports::finding_id(contact));
    Finding unkeyed = sponsor;
    unkeyed.key.clear();
    CHECK(reports::finding_id(unkeyed) != reports::finding_id(sponsor));
    // Parts are delimited: moving text between url, page and key changes the id.
    Finding shifted = sponsor;
    shifted.page = "sponsor";
    shifted.key.clear();
    CHECK(reports::finding_id(shifted) != reports::finding_id(sponsor));
  }
}

TEST_CASE("reports::read_findings_json", "[gate]") {
  test_support::TempDir dir;
  Finding sponsor{"identity.footer", Severity::failure, k_home, "", "缺少主办单位", {}, "sponsor"};
  Finding contact = sponsor;
  contact.key = "contact";
  test_support::write_file(dir.file("findings.json"),
                           findings_document({sponsor, contact, broken(k_home + "a")}).dump());

  SECTION("keys are read back: ids computed from the file are the scan's") {
    auto file = reports::read_findings_json(dir.file("findings.json"));
    REQUIRE(file);
    REQUIRE(file->findings.size() == 3);
    CHECK(file->findings[0].key == "sponsor");
    CHECK(file->findings[2].key.empty());
    CHECK(reports::finding_id(file->findings[1]) == reports::finding_id(contact));
  }
  SECTION("a report folder stands for the findings.json in it") {
    auto file = reports::read_findings_json(dir.path());
    REQUIRE(file);
    CHECK(file->findings.size() == 3);
    auto missing = reports::read_findings_json(dir.file("nothing-here"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error() == "cannot read findings file \"" + dir.file("nothing-here") + "\"");
    test_support::TempDir empty;
    auto no_file = reports::read_findings_json(empty.path());
    REQUIRE_FALSE(no_file);
    CHECK(no_file.error() == "cannot read findings file \"" + empty.file("findings.json") + "\"");
  }
  SECTION("every malformed finding is named") {
    json document = findings_document({sponsor, contact});
    document["findings"][0]["key"] = 3;
    document["findings"][1].erase("url");
    test_support::write_file(dir.file("bad.json"), document.dump());
    auto file = reports::read_findings_json(dir.file("bad.json"));
    REQUIRE_FALSE(file);
    const std::string name = dir.file("bad.json");
    CHECK(file.error() == name + ": findings[0].key: must be a string\n" + name +
                              ": findings[1]: needs \"check\", \"severity\" and \"url\"");
  }
}

TEST_CASE("reports::apply_gate", "[gate]") {
  const auto& ruleset = rules::default_ruleset();
  std::vector<Finding> findings{broken(k_home + "a"),
                                broken(k_home + "b"),
                                {"identity.https", Severity::warning, k_home, "", "无HTTPS", {}}};

  SECTION("no gate options: passes whatever is found") {
    auto result = reports::apply_gate(findings, one_site(), ruleset, {});
    CHECK(result.passed);
    CHECK(result.counted == 3);
  }
  SECTION("--fail-on failure and warning") {
    reports::GateSettings settings;
    settings.fail_on = reports::FailOn::failure;
    auto result = reports::apply_gate(findings, one_site(), ruleset, settings);
    CHECK_FALSE(result.passed);
    REQUIRE(result.reasons.size() == 1);
    CHECK(result.reasons[0] == "2 new failure finding(s) (--fail-on)");
    settings.fail_on = reports::FailOn::veto;
    CHECK(reports::apply_gate(findings, one_site(), ruleset, settings).passed);
    findings.push_back({"home.stale", Severity::failure, k_home, "", "首页超过14天未更新"});
    findings.back().veto = VetoState::confirmed;
    CHECK_FALSE(reports::apply_gate(findings, one_site(), ruleset, settings).passed);
  }
  SECTION("--fail-under: the measured score; a vetoed or unassessable site fails") {
    reports::GateSettings settings;
    // Two homepage links lost of the 33 points the checks measure: 31 / 33 = 93.94.
    settings.fail_under = 93.9;
    CHECK(reports::apply_gate(findings, one_site(), ruleset, settings).passed);
    settings.fail_under = 94;
    auto result = reports::apply_gate(findings, one_site(), ruleset, settings);
    CHECK_FALSE(result.passed);
    CHECK(result.reasons.at(0) == "http://www.qingshi.gov.cn/ has a measured score of 93.94 (on "
                                  "the 33 points assessed), below --fail-under 94");
    auto unreachable = one_site();
    unreachable[0].blocked = "unreachable";
    settings.fail_under = 1;
    auto blocked = reports::apply_gate({}, unreachable, ruleset, settings);
    CHECK_FALSE(blocked.passed);
    CHECK(blocked.reasons.at(0) ==
          "http://www.qingshi.gov.cn/ cannot be assessed (the site was not reached: no start URL "
          "gave an HTML page): no score to compare with --fail-under 1");
    findings.push_back({"home.stale", Severity::failure, k_home, "", "m"});
    findings.back().veto = VetoState::confirmed;
    settings.fail_under = 1;
    CHECK_FALSE(reports::apply_gate(findings, one_site(), ruleset, settings).passed);
  }
  SECTION("--baseline: only findings not in it fail; matched by check, url and page") {
    reports::GateSettings settings;
    settings.fail_on = reports::FailOn::failure;
    // The baseline saw the same problems on another line and another day.
    Finding moved = broken(k_home + "a");
    moved.evidence["line"] = 99;
    moved.message = "另一条消息";
    settings.baseline = reports::Baseline{{moved, broken(k_home + "b")}, {}};
    auto result = reports::apply_gate(findings, one_site(), ruleset, settings);
    CHECK(result.passed);
    CHECK(result.baselined == 2);
    CHECK(reports::gate_status(result, 0) == "baseline");
    CHECK(reports::gate_status(result, 2) == "new");
    // The same target on another page is a new finding.
    findings.push_back(broken(k_home + "a", k_home + "other.html"));
    result = reports::apply_gate(findings, one_site(), ruleset, settings);
    CHECK_FALSE(result.passed);
    CHECK(result.in_baseline == std::vector<bool>{true, true, false, false});
  }
  SECTION("exceptions: explained until they expire; the official score still counts them") {
    reports::GateSettings settings;
    settings.fail_on = reports::FailOn::failure;
    settings.fail_under = 99;
    settings.as_of = "2026-11-01";
    settings.exceptions = {
        {"links.broken", k_home + "a", "", "partner site retired", "web team", "2026-11-01"},
        {"links.broken", k_home + "b", k_home, "moving", "ops", "2026-12-31"}};
    auto result = reports::apply_gate(findings, one_site(), ruleset, settings);
    CHECK(result.passed);
    CHECK(result.explained == 2);
    CHECK(result.exception_of == std::vector<int>{0, 1, -1});
    CHECK(*result.gate_score == 100);
    settings.as_of = "2026-11-02"; // the first entry has expired
    result = reports::apply_gate(findings, one_site(), ruleset, settings);
    CHECK_FALSE(result.passed);
    CHECK(result.exception_of == std::vector<int>{-1, 1, -1});
  }
}

TEST_CASE("reports::apply_gate against a baseline", "[gate]") {
  const auto& ruleset = rules::default_ruleset();
  // home.stale as the check writes it: days since the newest item, the veto line at 14 days.
  auto home_stale = [](Severity severity, int days, const std::string& veto = "") {
    Finding finding{"home.stale", severity,
                    k_home,       "",
                    "首页未更新", {{"value", days}, {"threshold", 14}, {"warn_threshold", 10}}};
    if (!veto.empty())
      finding.veto = veto == "confirmed" ? VetoState::confirmed : VetoState::candidate;
    return finding;
  };
  const std::vector<Finding> month_one{home_stale(Severity::warning, 11), broken(k_home + "a")};
  reports::GateSettings settings;
  settings.baseline = reports::Baseline{month_one, {}};

  SECTION("the same findings: nothing counts") {
    settings.fail_on = reports::FailOn::warning;
    auto result = reports::apply_gate(month_one, one_site(), ruleset, settings);
    CHECK(result.passed);
    CHECK(result.baselined == 2);
    CHECK(result.counted == 0);
  }
  SECTION("warning -> confirmed veto fails --fail-on veto, failure and warning, naming it") {
    const std::vector<Finding> month_two{home_stale(Severity::failure, 19, "confirmed"),
                                         broken(k_home + "a")};
    for (auto level : {reports::FailOn::veto, reports::FailOn::failure, reports::FailOn::warning}) {
      settings.fail_on = level;
      auto result = reports::apply_gate(month_two, one_site(), ruleset, settings);
      CHECK_FALSE(result.passed);
      CHECK(result.worse == 1);
      CHECK(result.counted == 1);
      CHECK(reports::gate_status(result, 0) == "worsened");
      CHECK(reports::gate_status(result, 1) == "baseline");
      CHECK(result.changes[0] ==
            "severity warning -> failure; veto none -> confirmed; value 11 -> 19 (threshold 14)");
      const std::string flag = level == reports::FailOn::veto      ? "veto"
                               : level == reports::FailOn::failure ? "failure"
                                                                   : "warning";
      CHECK(result.reasons ==
            std::vector<std::string>{
                "worse than in the baseline: home.stale http://www.qingshi.gov.cn/ (severity "
                "warning -> failure; veto none -> confirmed; value 11 -> 19 (threshold 14)) "
                "(--fail-on " +
                    flag + ")",
                "http://www.qingshi.gov.cn/ has a new confirmed veto: home.stale "
                "(http://www.qingshi.gov.cn/), which the baseline did not have (--fail-on " +
                    flag + ")"});
    }
    settings.fail_on = reports::FailOn::none;
    CHECK(reports::apply_gate(month_two, one_site(), ruleset, settings).passed);
  }
  SECTION("a worsened finding counts at the level of its new state") {
    // warning -> failure without a veto: over --fail-on failure, not over --fail-on veto.
    const std::vector<Finding> month_two{home_stale(Severity::failure, 16), broken(k_home + "a")};
    settings.fail_on = reports::FailOn::veto;
    CHECK(reports::apply_gate(month_two, one_site(), ruleset, settings).passed);
    settings.fail_on = reports::FailOn::failure;
    CHECK_FALSE(reports::apply_gate(month_two, one_site(), ruleset, settings).passed);
    // candidate -> confirmed: over --fail-on veto.
    settings.baseline = reports::Baseline{{home_stale(Severity::failure, 19, "candidate")}, {}};
    settings.fail_on = reports::FailOn::veto;
    auto result = reports::apply_gate({home_stale(Severity::failure, 19, "confirmed")}, one_site(),
                                      ruleset, settings);
    CHECK_FALSE(result.passed);
    CHECK(result.changes[0] == "veto candidate -> confirmed");
  }
  SECTION("a value that grew alone is shown as worse but does not fail the gate") {
    // An accepted stale homepage is older every month; the baseline is there to accept it.
    settings.baseline = reports::Baseline{{home_stale(Severity::failure, 19, "confirmed")}, {}};
    settings.fail_on = reports::FailOn::veto;
    auto result = reports::apply_gate({home_stale(Severity::failure, 50, "confirmed")}, one_site(),
                                      ruleset, settings);
    CHECK(result.passed);
    CHECK(reports::gate_status(result, 0) == "worsened");
    CHECK(result.changes[0] == "value 19 -> 50 (threshold 14)");
  }
  SECTION("an improved finding is in the baseline") {
    settings.baseline = reports::Baseline{{home_stale(Severity::failure, 19, "confirmed")}, {}};
    settings.fail_on = reports::FailOn::warning;
    auto result =
        reports::apply_gate({home_stale(Severity::warning, 12)}, one_site(), ruleset, settings);
    CHECK(result.passed);
    CHECK(reports::gate_status(result, 0) == "baseline");
  }
  SECTION("a subject's new veto fails the gate even when its finding is in the baseline") {
    // The baseline recorded the site without a veto (another ruleset scored it, say).
    const Finding vetoed = home_stale(Severity::failure, 19, "confirmed");
    settings.baseline = reports::Baseline{
        {vetoed},
        reports::recorded_subjects(json::parse(
            R"({"subjects": [{"kind": "site", "urls": ["http://www.qingshi.gov.cn/"],
                          "verdict": "pass", "verdict_zh": "合格", "score": 90, "vetoes": []}]})"))};
    settings.fail_on = reports::FailOn::failure;
    auto result = reports::apply_gate({vetoed}, one_site(), ruleset, settings);
    CHECK_FALSE(result.passed);
    CHECK(result.reasons ==
          std::vector<std::string>{"http://www.qingshi.gov.cn/ has a new confirmed veto: "
                                   "home.stale (http://www.qingshi.gov.cn/), which the baseline "
                                   "did not have (--fail-on failure)"});
    // A veto the baseline's subject had is no news.
    settings.baseline->subjects[0].vetoes = {{"home.stale", k_home}};
    CHECK(reports::apply_gate({vetoed}, one_site(), ruleset, settings).passed);
    // An explained finding's veto does not count for the gate.
    settings.baseline->subjects[0].vetoes.clear();
    settings.as_of = "2026-11-01";
    settings.exceptions = {{"home.stale", k_home, "", "改版中", "web team", "2026-12-31"}};
    CHECK(reports::apply_gate({vetoed}, one_site(), ruleset, settings).passed);
  }
}

TEST_CASE("reports::parse_exceptions", "[gate]") {
  SECTION("a complete entry") {
    auto parsed = reports::parse_exceptions(
        json::parse(R"({"exceptions": [{"check": "links.broken", "url": "http://x/", "page":
        "http://y/", "reason": "r", "owner": "o", "expires": "2027-01-31"}]})"),
        "ex.json");
    REQUIRE(parsed);
    CHECK(parsed->at(0).page == "http://y/");
  }
  SECTION("an entry without a reason is an error; so is a bad date") {
    auto parsed = reports::parse_exceptions(
        json::parse(R"([{"check": "links.broken", "url": "http://x/", "owner": "o",
        "expires": "2027-02-30"}])"),
        "ex.json");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error() == "ex.json: exceptions[0].reason: is missing or empty (say why the "
                            "finding is accepted)\n"
                            "ex.json: exceptions[0].expires: must be a date YYYY-MM-DD, got "
                            "\"2027-02-30\"");
  }
}

TEST_CASE("govaudit report and diff", "[gate]") {
  test_support::TempDir dir;
  std::vector<Finding> findings{broken(k_home + "a"), broken(k_home + "b")};
  test_support::write_file(dir.file("findings.json"), findings_document(findings).dump());
  using test_support::run_govaudit;

  SECTION("re-renders every format; exit codes follow the gate") {
    auto plain = run_govaudit({"report", dir.path()});
    CHECK(plain.exit_code == 0);
    for (const char* name :
         {"report.html", "junit.xml", "results.sarif", "rectification.csv", "summary.md"}) {
      CHECK(!test_support::read_file(dir.file(name)).empty());
    }
    CHECK(run_govaudit({"report", dir.path(), "--fail-on", "failure"}).exit_code == 1);
    CHECK(run_govaudit({"report", dir.path(), "--fail-under", "94"}).exit_code == 1);
    CHECK(run_govaudit({"report", dir.path(), "--fail-under", "93"}).exit_code == 0);
    test_support::write_file(dir.file("base.json"), findings_document(findings).dump());
    CHECK(run_govaudit(
              {"report", dir.path(), "--fail-on", "failure", "--baseline", dir.file("base.json")})
              .exit_code == 0);
  }
  SECTION("usage errors exit 2: bad exceptions, bad ruleset, bad format") {
    test_support::write_file(dir.file("ex.json"),
                             R"([{"check": "links.broken", "url": "u", "owner": "o",
                                 "expires": "2030-01-01"}])");
    auto bad = run_govaudit({"report", dir.path(), "--exceptions", dir.file("ex.json")});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("exceptions[0].reason: is missing") != std::string::npos);
    test_support::write_file(dir.file("rules.json"), R"({"id": "x"})");
    CHECK(run_govaudit({"report", dir.path(), "--ruleset", dir.file("rules.json")}).exit_code == 2);
    auto format = run_govaudit({"report", dir.path(), "--format", "pdf"});
    CHECK(format.exit_code == 2);
    CHECK(format.err == "govaudit: error: --format must be a comma-separated list of json, html, "
                        "junit, sarif, csv, md, got \"pdf\"\n");
  }
  SECTION("an incomplete scan never looks clean: exit 3") {
    test_support::write_file(dir.file("findings.json"), findings_document({}, false).dump());
    CHECK(run_govaudit({"report", dir.path()}).exit_code == 3);
    // Written before subjects recorded their status: still never a verdict.
    CHECK(test_support::read_file(dir.file("summary.md")).find("Verdict: **无法评估**") !=
          std::string::npos);
  }
  SECTION("diff: verdicts first, then new, worse, better and fixed findings") {
    auto home_stale = [](Severity severity, int days, const std::string& veto) {
      Finding finding{"home.stale", severity,
                      k_home,       "",
                      "首页未更新", {{"value", days}, {"threshold", 14}, {"warn_threshold", 10}}};
      if (!veto.empty())
        finding.veto = veto == "confirmed" ? VetoState::confirmed : VetoState::candidate;
      return finding;
    };
    auto footer = [](double coverage) {
      return Finding{"identity.footer",
                     Severity::failure,
                     k_home,
                     "",
                     "缺少主办单位",
                     {{"value", coverage}, {"threshold", 1.0}},
                     "sponsor"};
    };
    auto site = [](const char* verdict, const char* verdict_zh, json score, json vetoes) {
      return json{{"subjects",
                   {{{"kind", "site"},
                     {"name", "青石区"},
                     {"urls", {k_home}},
                     {"verdict", verdict},
                     {"verdict_zh", verdict_zh},
                     {"score", score},
                     {"vetoes", vetoes},
                     {"veto_candidates", json::array()}}}}};
    };
    json before = findings_document({broken(k_home + "a"), broken(k_home + "b"),
                                     home_stale(Severity::warning, 11, ""), footer(0.9)});
    before["score"] = site("pass", "合格", 64.2, json::array());
    json after = findings_document({broken(k_home + "b"), broken(k_home + "c"),
                                    home_stale(Severity::failure, 19, "confirmed"), footer(0.95)});
    after["score"] =
        site("fail", "不合格", nullptr, json::array({{{"check", "home.stale"}, {"url", k_home}}}));
    test_support::TempDir old_run;
    test_support::TempDir new_run;
    test_support::write_file(old_run.file("findings.json"), before.dump());
    test_support::write_file(new_run.file("findings.json"), after.dump());
    const std::string expected =
        "verdict 青石区: 合格 64.2 -> 不合格 (veto: home.stale)\n"
        "new failure links.broken http://www.qingshi.gov.cn/c (on http://www.qingshi.gov.cn/)\n"
        "worsened failure home.stale http://www.qingshi.gov.cn/: severity warning -> failure; "
        "veto none -> confirmed; value 11 -> 19 (threshold 14)\n"
        "improved failure identity.footer [sponsor] http://www.qingshi.gov.cn/: value 0.9 -> "
        "0.95 (threshold 1)\n"
        "fixed failure links.broken http://www.qingshi.gov.cn/a (on http://www.qingshi.gov.cn/)\n"
        "new: 1, worsened: 1, improved: 1, fixed: 1, unchanged: 1\n";
    auto files =
        run_govaudit({"diff", old_run.file("findings.json"), new_run.file("findings.json")});
    CHECK(files.exit_code == 0);
    CHECK(files.out == expected);
    // Report folders stand for the findings.json in them.
    auto folders = run_govaudit({"diff", old_run.path(), new_run.path()});
    CHECK(folders.exit_code == 0);
    CHECK(folders.out == expected);
    auto same = run_govaudit({"diff", old_run.path(), old_run.path()});
    CHECK(same.out == "verdict 青石区: 合格 64.2 (unchanged)\n"
                      "new: 0, worsened: 0, improved: 0, fixed: 0, unchanged: 4\n");
    auto missing = run_govaudit({"diff", old_run.path(), dir.file("nothing")});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err ==
          "govaudit: error: cannot read findings file \"" + dir.file("nothing") + "\"\n");

    // The gate against the earlier month's folder: the worsened finding and the new veto fail.
    auto gate =
        run_govaudit({"report", new_run.path(), "--fail-on", "veto", "--baseline", old_run.path()});
    CHECK(gate.exit_code == 1);
    CHECK(gate.err.find("govaudit: gate: worse than in the baseline: home.stale "
                        "http://www.qingshi.gov.cn/ (severity warning -> failure; veto none -> "
                        "confirmed; value 11 -> 19 (threshold 14)) (--fail-on veto)\n") !=
          std::string::npos);
    CHECK(gate.err.find("govaudit: gate: 青石区 has a new confirmed veto: home.stale "
                        "(http://www.qingshi.gov.cn/), which the baseline did not have "
                        "(--fail-on veto)\n") != std::string::npos);
    CHECK(
        run_govaudit({"report", new_run.path(), "--fail-on", "veto", "--baseline", new_run.path()})
            .exit_code == 0);
  }
}
