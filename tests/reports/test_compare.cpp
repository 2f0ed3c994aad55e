#include <reports/compare.hpp>
#include <reports/writers.hpp>

#include <catch2/catch.hpp>

using checks::Finding;
using checks::Severity;
using checks::VetoState;
using nlohmann::json;

namespace {

const std::string k_home = "http://www.qingshi.gov.cn/";

// home.stale as the check writes it: days since the newest item against the 14-day veto line,
// warning past 10 days.
Finding home_stale(Severity severity, int days, const std::string& veto = "") {
  Finding finding{"home.stale",
                  severity,
                  k_home,
                  "",
                  "首页距监测日" + std::to_string(days) + "天",
                  {{"value", days}, {"threshold", 14}, {"warn_threshold", 10}, {"line", 3}}};
  if (!veto.empty())
    finding.veto = veto == "confirmed" ? VetoState::confirmed : VetoState::candidate;
  return finding;
}

// A coverage finding (identity marks): the lower the share of pages with the mark, the worse.
Finding coverage(Severity severity, double ratio) {
  return {"identity.footer", severity, k_home, "", "覆盖率", {{"value", ratio}, {"threshold", 1.0}},
          "sponsor"};
}

Finding leak(int count) {
  return {"privacy.phone", Severity::failure,  k_home + "a.html", "",
          "手机号",        {{"count", count}}, "139****1111"};
}

} // namespace

TEST_CASE("reports::compare_findings", "[gate][compare]") {
  using reports::Trend;
  auto compare = [](const Finding& before, const Finding& after) {
    return reports::compare_findings(before, after);
  };

  SECTION("severity: info < warning < failure") {
    auto worse = compare(home_stale(Severity::warning, 11), home_stale(Severity::failure, 11));
    CHECK(worse.trend == Trend::worsened);
    CHECK(worse.state_worsened);
    CHECK(worse.changes == std::vector<std::string>{"severity warning -> failure"});
    auto better = compare(home_stale(Severity::failure, 11), home_stale(Severity::info, 11));
    CHECK(better.trend == Trend::improved);
    CHECK_FALSE(better.state_worsened);
    CHECK(better.changes == std::vector<std::string>{"severity failure -> info"});
  }
  SECTION("veto state: none < candidate < confirmed") {
    auto candidate =
        compare(home_stale(Severity::failure, 20), home_stale(Severity::failure, 20, "candidate"));
    CHECK(candidate.trend == Trend::worsened);
    CHECK(candidate.state_worsened);
    CHECK(candidate.changes == std::vector<std::string>{"veto none -> candidate"});
    auto confirmed = compare(home_stale(Severity::failure, 20, "candidate"),
                             home_stale(Severity::failure, 20, "confirmed"));
    CHECK(confirmed.changes == std::vector<std::string>{"veto candidate -> confirmed"});
    CHECK(confirmed.trend == Trend::worsened);
    auto lifted =
        compare(home_stale(Severity::failure, 20, "confirmed"), home_stale(Severity::failure, 20));
    CHECK(lifted.trend == Trend::improved);
    CHECK(lifted.changes == std::vector<std::string>{"veto confirmed -> none"});
  }
  SECTION("a value further past its threshold: the warning line says which way is worse") {
    auto worse = compare(home_stale(Severity::failure, 16, "confirmed"),
                         home_stale(Severity::failure, 40, "confirmed"));
    CHECK(worse.trend == Trend::worsened);
    CHECK_FALSE(worse.state_worsened); // a value that grew alone is not a state that rose
    CHECK(worse.changes == std::vector<std::string>{"value 16 -> 40 (threshold 14)"});
    // Below the line too: 3 days to 8 days is nearer the veto, even in info findings.
    auto nearer = compare(home_stale(Severity::info, 3), home_stale(Severity::info, 8));
    CHECK(nearer.trend == Trend::worsened);
    auto better = compare(home_stale(Severity::failure, 40, "confirmed"),
                          home_stale(Severity::failure, 16, "confirmed"));
    CHECK(better.trend == Trend::improved);
    CHECK(better.changes == std::vector<std::string>{"value 40 -> 16 (threshold 14)"});
  }
  SECTION("a value further past its threshold: else the side the failing value is on") {
    auto worse = compare(coverage(Severity::failure, 0.9), coverage(Severity::failure, 0.75));
    CHECK(worse.trend == Trend::worsened);
    CHECK(worse.changes == std::vector<std::string>{"value 0.9 -> 0.75 (threshold 1)"});
    auto better = compare(coverage(Severity::failure, 0.75), coverage(Severity::failure, 0.978));
    CHECK(better.trend == Trend::improved);
    // Full coverage (info, on the line) to a failure: the failure's side decides.
    auto lost = compare(coverage(Severity::info, 1.0), coverage(Severity::failure, 0.9));
    CHECK(lost.changes ==
          std::vector<std::string>{"severity info -> failure", "value 1 -> 0.9 (threshold 1)"});
    // Two info findings without a warning line do not say which side is bad: not compared.
    Finding rate_before{"ipv6.homepage_rate",
                        Severity::info,
                        k_home,
                        "",
                        "",
                        {{"value", 1.0}, {"threshold", 0.95}}};
    Finding rate_after = rate_before;
    rate_after.evidence["value"] = 0.97;
    CHECK(compare(rate_before, rate_after).trend == Trend::unchanged);
  }
  SECTION("the threshold moved between the runs (another ruleset, another rule)") {
    Finding before{"columns.stale",
                   Severity::warning,
                   k_home,
                   "",
                   "",
                   {{"value", 6}, {"threshold", 10}, {"warn_threshold", 6}}};
    Finding after{"columns.stale",
                  Severity::warning,
                  k_home,
                  "",
                  "",
                  {{"value", 3}, {"threshold", 5}, {"warn_threshold", 3}}};
    auto change = compare(before, after);
    CHECK(change.trend == Trend::worsened); // 4 below the line -> 2 below it
    CHECK(change.changes == std::vector<std::string>{"value 6 -> 3 (threshold 10 -> 5)"});
  }
  SECTION("evidence.count: larger is worse") {
    CHECK(compare(leak(2), leak(5)).trend == Trend::worsened);
    CHECK(compare(leak(2), leak(5)).changes == std::vector<std::string>{"count 2 -> 5"});
    CHECK(compare(leak(5), leak(2)).trend == Trend::improved);
  }
  SECTION("worse in one respect and better in another is worsened, and says both") {
    Finding before = leak(5);
    before.severity = Severity::warning;
    Finding after = leak(2);
    auto change = compare(before, after);
    CHECK(change.trend == Trend::worsened);
    CHECK(change.changes ==
          std::vector<std::string>{"severity warning -> failure", "count 5 -> 2"});
  }
  SECTION("messages, lines, dates and other evidence are not compared") {
    Finding before = home_stale(Severity::warning, 11);
    Finding after = before;
    after.message = "另一条消息";
    after.evidence["line"] = 90;
    after.evidence["last_date"] = "2026-11-12";
    auto change = compare(before, after);
    CHECK(change.trend == Trend::unchanged);
    CHECK(change.changes.empty());
    // Dates as values (disclose.annual_report) are no numbers: not compared either.
    before.evidence["value"] = "2026-04-01";
    after.evidence["value"] = "2026-05-01";
    CHECK(compare(before, after).trend == Trend::unchanged);
  }
}

TEST_CASE("reports::diff_findings", "[gate][compare]") {
  const Finding kept = leak(1);
  Finding line_moved = kept;
  line_moved.evidence["text_line"] = 40; // lines do not matter
  const Finding gone{"links.broken", Severity::failure, k_home + "b", k_home, "", {}};
  const Finding added{"links.broken", Severity::failure, k_home + "c", k_home, "", {}};
  auto diff = reports::diff_findings(
      {kept, gone, home_stale(Severity::warning, 11), coverage(Severity::failure, 0.5)},
      {line_moved, added, home_stale(Severity::failure, 19, "confirmed"),
       coverage(Severity::failure, 0.9)});
  REQUIRE(diff.added.size() == 1);
  CHECK(diff.added[0].url == k_home + "c");
  REQUIRE(diff.fixed.size() == 1);
  CHECK(diff.fixed[0].url == k_home + "b");
  REQUIRE(diff.worsened.size() == 1);
  CHECK(diff.worsened[0].before.severity == Severity::warning);
  CHECK(diff.worsened[0].after.severity == Severity::failure);
  CHECK(diff.worsened[0].change.changes ==
        std::vector<std::string>{"severity warning -> failure", "veto none -> confirmed",
                                 "value 11 -> 19 (threshold 14)"});
  REQUIRE(diff.improved.size() == 1);
  CHECK(diff.improved[0].after.check == "identity.footer");
  CHECK(diff.unchanged.size() == 1);

  SECTION("an id held twice (a file of a version before keys) is matched in order") {
    Finding first{"identity.footer", Severity::failure, k_home, "", "主办单位", {}};
    Finding second{"identity.footer", Severity::info, k_home, "", "联系方式", {}};
    auto twice = reports::diff_findings({first, second}, {first, second});
    CHECK(twice.unchanged.size() == 2);
    CHECK(twice.worsened.empty());
    CHECK(twice.improved.empty());
    auto once = reports::diff_findings({first, second}, {first});
    CHECK(once.fixed.size() == 1);
    CHECK(reports::match_findings({first, second}, {first, second, first}) ==
          std::vector<int>{0, 1, -1});
  }
}

TEST_CASE("reports::recorded_subjects", "[gate][compare]") {
  const json score = json::parse(R"({"subjects": [
    {"kind": "site", "name": "青石区人民政府", "urls": ["http://q/"], "verdict": "pass",
     "verdict_zh": "合格", "score": 64.2, "vetoes": [], "veto_candidates": []},
    {"kind": "new_media", "name": "青石发布", "platform": "wechat", "urls": ["http://q/wx"],
     "verdict": "fail", "verdict_zh": "不合格", "score": null,
     "vetoes": [{"check": "newmedia.stale", "url": "http://q/wx", "confirmed": true}]},
    {"kind": "site", "name": "", "urls": ["http://dept/"], "verdict": "cannot_assess",
     "verdict_zh": "无法评估", "score": null, "future_field": {"x": 1},
     "veto_candidates": [{"check": "home.stale", "url": "http://dept/"}]},
    "not a subject"]})");
  const auto subjects = reports::recorded_subjects(score);
  REQUIRE(subjects.size() == 3);
  CHECK(reports::subject_name(subjects[0]) == "青石区人民政府");
  CHECK(reports::verdict_text(subjects[0]) == "合格 64.2");
  CHECK(reports::subject_name(subjects[1]) == "青石发布（wechat）");
  CHECK(reports::verdict_text(subjects[1]) == "不合格 (veto: newmedia.stale)");
  // Verdicts scoring adds later pass through as written.
  CHECK(reports::subject_name(subjects[2]) == "http://dept/");
  CHECK(subjects[2].verdict == "cannot_assess");
  CHECK(reports::verdict_text(subjects[2]) == "无法评估 (veto candidate: home.stale)");
  CHECK(reports::recorded_subjects(json()).empty());
  CHECK(reports::recorded_subjects(json::object()).empty());
}

TEST_CASE("reports::match_subjects", "[gate][compare]") {
  auto subject = [](std::string kind, std::string name, std::string url) {
    reports::SubjectVerdict verdict;
    verdict.kind = std::move(kind);
    verdict.name = std::move(name);
    verdict.first_url = std::move(url);
    verdict.verdict = "pass";
    verdict.verdict_zh = "合格";
    return verdict;
  };
  const std::vector<reports::SubjectVerdict> before{subject("site", "青石区", "http://q/"),
                                                    subject("new_media", "青石发布", "http://q/wx"),
                                                    subject("new_media", "旧账号", "http://q/old")};
  std::vector<reports::SubjectVerdict> after{subject("new_media", "青石发布", "http://q/wx"),
                                             subject("site", "青石区", "https://q/"),
                                             subject("new_media", "新账号", "http://q/new")};
  after[1].vetoes = {{"home.stale", "https://q/"}};
  const auto pairs = reports::match_subjects(before, after);
  REQUIRE(pairs.size() == 4);
  // By kind and first URL.
  CHECK(pairs[0].before->first_url == "http://q/wx");
  // Else by kind and name: the site moved to https.
  REQUIRE(pairs[1].before);
  CHECK(pairs[1].before->first_url == "http://q/");
  CHECK_FALSE(reports::same_verdict(*pairs[1].before, *pairs[1].after));
  CHECK(reports::new_vetoes(&*pairs[1].before, *pairs[1].after) ==
        std::vector<reports::VetoRecord>{{"home.stale", "https://q/"}});
  CHECK(reports::new_vetoes(&*pairs[1].after, *pairs[1].after).empty());
  // Appeared, then gone.
  CHECK_FALSE(pairs[2].before);
  CHECK(pairs[2].after->name == "新账号");
  CHECK(pairs[3].before->name == "旧账号");
  CHECK_FALSE(pairs[3].after);
  CHECK(reports::same_verdict(before[0], before[0]));
}

TEST_CASE("reports::short_number", "[gate][compare]") {
  CHECK(reports::short_number(64.2) == "64.2");
  CHECK(reports::short_number(14) == "14");
  CHECK(reports::short_number(0.97777) == "0.978");
  CHECK(reports::short_number(-3) == "-3");
  CHECK(reports::short_number(0.5) == "0.5");
}
