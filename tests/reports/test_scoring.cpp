// Scoring cases worked by hand from section 8 of ../shared/spec/checks.md and gov-2019.json.
#include <reports/scoring.hpp>

#include <catch2/catch.hpp>

namespace {

using checks::Finding;
using checks::Severity;
using nlohmann::json;

const std::string k_home = "http://www.qingshi.gov.cn/";

Finding failure(const std::string& check, json evidence = json::object(),
                const std::string& url = "http://www.qingshi.gov.cn/a.html") {
  return {check, Severity::failure, url, "", "问题", std::move(evidence)};
}

// `count` broken links, on the homepage or on other pages.
void add_broken(std::vector<Finding>& findings, int count, bool on_homepage) {
  for (int i = 0; i < count; ++i) {
    findings.push_back(
        {"links.broken",
         Severity::failure,
         "http://www.qingshi.gov.cn/dead" + std::to_string(i) + (on_homepage ? "h" : "o"),
         on_homepage ? k_home : "http://www.qingshi.gov.cn/p.html",
         "链接无法访问",
         {{"on_homepage", on_homepage}}});
  }
}

reports::Subject site(bool has_services = true, double bonus = 0) {
  reports::Subject subject;
  subject.name = "青石区";
  subject.urls = {k_home};
  subject.has_services = has_services;
  subject.bonus = bonus;
  return subject;
}

const reports::GroupScore& group(const reports::SubjectScore& score, const std::string& id) {
  for (const auto& g : score.groups) {
    if (g.id == id) return g;
  }
  FAIL("no group " << id);
  throw std::logic_error("unreachable");
}

reports::SubjectScore score_one(const std::vector<Finding>& findings,
                                reports::Subject subject = site()) {
  auto result = reports::score_audit(findings, {subject}, checks::default_ruleset());
  REQUIRE(result.subjects.size() == 1);
  return result.subjects.front();
}

} // namespace

TEST_CASE("reports::score_audit", "[scoring]") {
  SECTION("no findings: 100 points, 合格") {
    auto score = score_one({});
    REQUIRE(score.score);
    CHECK(*score.score == 100);
    CHECK(score.passed);
    CHECK(score.groups.size() == 7);
  }

  SECTION("links.broken: homepage -1 each, other pages -0.1 each, traceable") {
    std::vector<Finding> findings;
    add_broken(findings, 3, true);
    add_broken(findings, 25, false);
    auto score = score_one(findings);
    // 3 x 1 + 25 x 0.1 = 5.5 lost in availability (10): 94.5.
    REQUIRE(score.score);
    CHECK(*score.score == Approx(94.5));
    const auto& availability = group(score, "availability");
    CHECK(availability.lost == Approx(5.5));
    CHECK_FALSE(availability.cap_applied);
    REQUIRE(availability.deductions.size() == 2);
    for (const auto& d : availability.deductions) {
      CHECK(d.check == "links.broken");
      if (d.unit == 1) {
        CHECK(d.count == 3);
        CHECK(d.points == 3);
      } else {
        CHECK(d.unit == Approx(0.1));
        CHECK(d.count == 25);
        CHECK(d.points == Approx(2.5));
      }
    }
  }

  SECTION("a group never loses more than its points") {
    std::vector<Finding> findings;
    add_broken(findings, 15, true); // 15 points asked, availability holds 10
    auto score = score_one(findings);
    const auto& availability = group(score, "availability");
    CHECK(availability.raw_lost == 15);
    CHECK(availability.lost == 10);
    CHECK(availability.cap_applied);
    CHECK(*score.score == 90);
  }

  SECTION("pass mark: below 60 fails, exactly 60 passes") {
    std::vector<Finding> findings;
    add_broken(findings, 10, true); // availability -10
    for (int i = 0; i < 25; ++i)
      findings.push_back(failure("columns.stale", {}, "c" + std::to_string(i)));
    for (int i = 0; i < 5; ++i)
      findings.push_back(failure("privacy.phone", {}, "p" + std::to_string(i)));
    // 100 - 10 - 25 - 5 = 60
    auto at_mark = score_one(findings);
    CHECK(*at_mark.score == 60);
    CHECK(at_mark.passed);
    findings.push_back(failure("disclose.guide")); // -3 in disclosure: 57
    auto below = score_one(findings);
    CHECK(*below.score == 57);
    CHECK_FALSE(below.passed);
  }

  SECTION("evidence.units multiplies the unit") {
    auto score = score_one({failure("disclose.catalogue", {{"units", 4}})});
    CHECK(group(score, "disclosure").lost == 4);
    CHECK(*score.score == 96);
  }

  SECTION("privacy: -1 per leaking document, whichever check found it") {
    const std::string page = "http://www.qingshi.gov.cn/gs.html";
    const std::string csv = "http://www.qingshi.gov.cn/list.csv";
    // Two IDs and a phone on one page, two IDs in one attachment: two documents.
    auto score = score_one({failure("privacy.id_number", json::object(), page),
                            failure("privacy.id_number", json::object(), page),
                            failure("privacy.phone", json::object(), page),
                            failure("privacy.id_number", json::object(), csv),
                            failure("privacy.id_number", json::object(), csv)});
    const auto& security = group(score, "security");
    CHECK(security.lost == Approx(2));
    REQUIRE(security.deductions.size() == 1);
    CHECK(security.deductions[0].check == "privacy.id_number");
    CHECK(security.deductions[0].count == 2);
  }

  SECTION("a confirmed veto: 不合格, no score, every veto listed") {
    std::vector<Finding> findings{
        failure("home.stale", {{"veto", "confirmed"}, {"value", 30}, {"threshold", 14}}),
        failure("columns.blank", {{"veto", "confirmed"}, {"value", 6}, {"threshold", 5}})};
    add_broken(findings, 1, true);
    auto score = score_one(findings);
    CHECK_FALSE(score.score);
    CHECK_FALSE(score.passed);
    REQUIRE(score.vetoes.size() == 2);
    CHECK(score.vetoes[0].value == 30);
    CHECK(score.vetoes[0].threshold == 14);
    // The deductions are still traceable for the rectification list.
    CHECK(group(score, "availability").lost == 1);
  }

  SECTION("a veto candidate: scored, but provisional") {
    auto score = score_one({failure("map.content", {{"veto", "candidate"}})});
    REQUIRE(score.score);
    CHECK(*score.score == 100);
    CHECK(score.passed);
    CHECK(score.provisional);
    CHECK(score.candidates.size() == 1);
  }

  SECTION("warnings, info and findings to review never score") {
    auto score = score_one({{"links.broken", Severity::warning, "u", "", "m", {}},
                            {"ipv6.aaaa", Severity::info, "u", "", "m", {}},
                            failure("privacy.id_number", {{"review", true}})});
    CHECK(*score.score == 100);
    CHECK(score.to_review == 1);
  }

  SECTION("bonus: only above the gate of 80, capped at 30") {
    std::vector<Finding> findings;
    add_broken(findings, 5, true); // 95
    auto capped = score_one(findings, site(true, 40));
    CHECK(capped.deduction_score == 95);
    CHECK(capped.bonus == 30);
    CHECK(*capped.score == 125);
    add_broken(findings, 5, false); // availability -5.5
    for (int i = 0; i < 15; ++i)
      findings.push_back(failure("columns.stale", {}, "c" + std::to_string(i)));
    // 100 - 5.5 - 15 = 79.5: not above 80, no bonus.
    auto below_gate = score_one(findings, site(true, 10));
    CHECK(below_gate.deduction_score == Approx(79.5));
    CHECK(below_gate.bonus == 0);
    CHECK(*below_gate.score == Approx(79.5));
  }

  SECTION("no services: the service group is left out and the rest scaled by 4/3") {
    std::vector<Finding> findings{failure("service.useless")}; // not scored without services
    add_broken(findings, 4, true);
    auto score = score_one(findings, site(false));
    CHECK_FALSE(group(score, "services").scored);
    // (75 - 4) x 4/3 = 94.666... -> 94.67
    CHECK(*score.score == Approx(94.67));
    // Full marks stay 100.
    CHECK(*score_one({}, site(false)).score == 100);
  }

  SECTION("new-media accounts are scored separately by their own groups") {
    reports::Subject account;
    account.kind = reports::Subject::Kind::new_media;
    account.name = "青石发布";
    account.urls = {"https://weibo.example/qingshi"};
    std::vector<Finding> findings{
        failure("newmedia.stale", {{"veto", "confirmed"}}, "https://weibo.example/qingshi"),
        failure("newmedia.broken", {}, "https://weibo.example/qingshi")};
    add_broken(findings, 2, true);
    auto result = reports::score_audit(findings, {site(), account}, checks::default_ruleset());
    REQUIRE(result.subjects.size() == 2);
    CHECK(*result.subjects[0].score == 98);
    CHECK(result.subjects[0].passed);
    CHECK_FALSE(result.subjects[1].score);
    CHECK(result.subjects[1].vetoes.size() == 1);
    CHECK(result.subjects[1].groups.size() == 4);
    CHECK(group(result.subjects[1], "nm_function").lost == 1);
    CHECK_FALSE(result.passed());
  }

  SECTION("accounts found on the site's own page become subjects of their own") {
    // No account configured: the stale account still must not veto the website.
    std::vector<Finding> findings{failure(
        "newmedia.stale",
        {{"veto", "confirmed"}, {"platform", "weixin"}, {"name", "青石应急"}, {"state", "stale"}},
        "http://www.qingshi.gov.cn/xmt/wx_qsyj/")};
    auto result = reports::score_audit(findings, {site()}, checks::default_ruleset());
    REQUIRE(result.subjects.size() == 2);
    CHECK(*result.subjects[0].score == 100);
    CHECK(result.subjects[0].vetoes.empty());
    CHECK(result.subjects[1].subject.kind == reports::Subject::Kind::new_media);
    CHECK(result.subjects[1].subject.name == "青石应急");
    CHECK(result.subjects[1].vetoes.size() == 1);
    CHECK_FALSE(result.subjects[1].score);
  }

  SECTION("score_json records the inputs so that `report` can score again") {
    std::vector<Finding> findings;
    add_broken(findings, 2, true);
    auto result = reports::score_audit(findings, {site(false, 5)}, checks::default_ruleset());
    json recorded = reports::score_json(result);
    CHECK(recorded["ruleset"] == "gov-2019");
    CHECK(recorded["subjects"][0]["groups"][0]["deductions"][0]["count"] == 2);
    auto subjects = reports::subjects_from_json(recorded);
    REQUIRE(subjects.size() == 1);
    CHECK_FALSE(subjects[0].has_services);
    CHECK(subjects[0].bonus == 5);
    auto again = reports::score_audit(findings, subjects, checks::default_ruleset());
    CHECK(again.subjects[0].score == result.subjects[0].score);
  }
}
