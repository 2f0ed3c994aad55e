// Scoring cases worked by hand from section 8 and §9.1 of ../shared/spec/checks.md and
// gov-2019.json. With the built-in checks, 33 of the 100 points are measured by machine:
// 动态要闻 6, 政策文件 5, 解读关联 3, 其它栏目内容 4 (发布解读), 域名名称 2, 网站标识 3, 可用性 4,
// 站内搜索 3, IPv6 3 (功能设计). The rest is not assessed until a reviewer scores it.
#include <reports/scoring.hpp>
#include <reports/writers.hpp>

#include <catch2/catch.hpp>

namespace {

using checks::Finding;
using checks::Severity;
using nlohmann::json;

const std::string k_home = "http://www.qingshi.gov.cn/";

// A failure as findings.json records it: its scoring fields ("veto", "review") among the
// evidence, read back into the finding's typed fields.
Finding failure(const std::string& check, json evidence = json::object(),
                const std::string& url = "http://www.qingshi.gov.cn/a.html") {
  Finding finding{check, Severity::failure, url, "", "问题", std::move(evidence)};
  reports::read_scoring_fields(finding);
  return finding;
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
    findings.back().on_homepage = on_homepage;
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

const reports::ItemScore& item(const reports::SubjectScore& score, const std::string& id) {
  for (const auto& g : score.groups) {
    for (const auto& i : g.items) {
      if (i.id == id) return i;
    }
  }
  FAIL("no item " << id);
  throw std::logic_error("unreachable");
}

reports::ItemAssessment reviewed(const std::string& item_id, double lost,
                                 const std::string& subject = k_home) {
  return {subject, item_id, lost, "人工核查", "王敏", "2026-11-28"};
}

reports::VetoDecision decided(const std::string& check, bool confirmed,
                              const std::string& url = "") {
  return {k_home, check, url, confirmed, "人工核查", "王敏", "2026-11-28"};
}

// A reviewer who scored every item the built-in checks do not measure without a deduction, and
// judged by hand every veto check they do not measure: the score is then complete.
reports::ScoringInputs complete_review(std::vector<reports::ItemAssessment> extra = {}) {
  reports::ScoringInputs inputs;
  const auto blank = reports::score_audit({}, {site()}, rules::default_ruleset(), inputs);
  for (const auto& g : blank.subjects.front().groups) {
    for (const auto& i : g.items) {
      if (i.assessed()) continue;
      bool overridden = false;
      for (const auto& entry : extra) overridden = overridden || entry.item == i.id;
      if (!overridden) inputs.assessments.items.push_back(reviewed(i.id, 0));
    }
  }
  for (auto& entry : extra) inputs.assessments.items.push_back(std::move(entry));
  for (const auto& check : blank.subjects.front().vetoes_not_assessed) {
    inputs.assessments.vetoes.push_back(decided(check, false));
  }
  return inputs;
}

reports::SubjectScore score_one(const std::vector<Finding>& findings,
                                reports::Subject subject = site(),
                                const reports::ScoringInputs& inputs = {}) {
  auto result = reports::score_audit(findings, {subject}, rules::default_ruleset(), inputs);
  REQUIRE(result.subjects.size() == 1);
  return result.subjects.front();
}

} // namespace

TEST_CASE("reports::score_audit: nothing is awarded without looking", "[scoring]") {
  SECTION("no findings: the 33 measured points are kept, the rest is not assessed") {
    auto score = score_one({});
    CHECK(score.groups.size() == 4);
    CHECK(score.measurable_points == 100);
    CHECK(score.assessed_points == 33);
    CHECK(score.earned_points == 33);
    CHECK_FALSE(score.score); // no official score without every item
    REQUIRE(score.measured_score);
    CHECK(*score.measured_score == 100);
    CHECK(score.verdict == reports::Verdict::pass);
    CHECK(score.provisional);
    CHECK(group(score, "services").assessed_points() == 0);
    CHECK(group(score, "interaction").assessed_points() == 0);
    CHECK_FALSE(item(score, "service_guides").assessed());
    CHECK(item(score, "search").by_checks);
    // The vetoes no check measures are named, never taken as passed.
    for (const char* veto : {"interact.unanswered", "service.useless", "content.serious_error"}) {
      CAPTURE(veto);
      CHECK(std::find(score.vetoes_not_assessed.begin(), score.vetoes_not_assessed.end(), veto) !=
            score.vetoes_not_assessed.end());
    }
  }

  SECTION("no check ran: 无法评估") {
    reports::ScoringInputs inputs;
    inputs.checks_run.clear();
    auto score = score_one({}, site(), inputs);
    CHECK(score.verdict == reports::Verdict::cannot_assess);
    CHECK(score.subject.blocked == "nothing_measured");
    CHECK_FALSE(score.passed);
    CHECK_FALSE(score.score);
  }

  SECTION("a site the scan did not reach: 无法评估, whatever its checks said") {
    reports::Subject unreachable = site();
    unreachable.blocked = "unreachable";
    unreachable.blocked_detail = "http://www.qingshi.gov.cn/: connect";
    auto score = score_one({{"identity.search", Severity::info, k_home, "", "有搜索", {}}},
                           unreachable, complete_review());
    CHECK(score.verdict == reports::Verdict::cannot_assess);
    CHECK_FALSE(score.passed);
    CHECK_FALSE(score.score);
    CHECK_FALSE(score.measured_score);
    CHECK_FALSE(item(score, "search").by_checks);
    CHECK(reports::verdict_zh(score.verdict) == std::string("无法评估"));
  }

  SECTION("a check that says it measured nothing leaves its item not assessed") {
    Finding unmeasured{"ipv6.support", Severity::warning, k_home, "", "IPv6 支持度无法判定"};
    unmeasured.measured = false;
    auto score = score_one({unmeasured});
    CHECK_FALSE(item(score, "ipv6").assessed());
    CHECK(score.assessed_points == 30);
  }

  SECTION("a partial availability window cannot decide the veto") {
    Finding partial{"avail.homepage",          Severity::info, k_home, "", "首页访问正常",
                    {{"partial_window", true}}};
    partial.veto_measured = false;
    auto score = score_one({partial});
    CHECK(item(score, "availability").assessed()); // the item is, its veto is not
    CHECK(std::find(score.vetoes_not_assessed.begin(), score.vetoes_not_assessed.end(),
                    "avail.homepage") != score.vetoes_not_assessed.end());
  }
}

TEST_CASE("reports::score_audit: deductions by item", "[scoring]") {
  SECTION("links.broken: homepage -1 each, other pages -0.1 each, traceable") {
    std::vector<Finding> findings;
    add_broken(findings, 2, true);
    add_broken(findings, 15, false);
    auto score = score_one(findings);
    // 2 x 1 + 15 x 0.1 = 3.5 lost in 可用性 (4 points): 29.5 of 33 kept.
    const auto& availability = item(score, "availability");
    CHECK(availability.lost == Approx(3.5));
    CHECK_FALSE(availability.cap_applied);
    REQUIRE(availability.deductions.size() == 2);
    for (const auto& d : availability.deductions) {
      CHECK(d.check == "links.broken");
      if (d.unit == 1) {
        CHECK(d.count == 2);
        CHECK(d.points == 2);
      } else {
        CHECK(d.unit == Approx(0.1));
        CHECK(d.count == 15);
        CHECK(d.points == Approx(1.5));
      }
    }
    CHECK(score.earned_points == Approx(29.5));
    CHECK(*score.measured_score == Approx(89.39)); // 29.5 / 33 x 100
  }

  SECTION("an item never loses more than its points") {
    std::vector<Finding> findings;
    add_broken(findings, 15, true); // 15 points asked, 可用性 holds 4
    auto score = score_one(findings, site(), complete_review());
    const auto& availability = item(score, "availability");
    CHECK(availability.raw_lost == 15);
    CHECK(availability.lost == 4);
    CHECK(availability.cap_applied);
    CHECK(group(score, "function").lost == 4);
    CHECK(group(score, "function").cap_applied);
    REQUIRE(score.score);
    CHECK(*score.score == 96);
  }

  SECTION("checks the ruleset lists in no item are reported, never deducted") {
    auto score = score_one({failure("privacy.phone")});
    CHECK(score.earned_points == 33);
    CHECK(score.unscored == 1);
  }

  SECTION("per_document: -1 per leaking document, whichever check found it") {
    json variant = rules::default_ruleset().json;
    // A province that deducts leaks under 其它栏目内容 (4 points).
    variant["groups"]["site"][0]["items"][8]["checks"].push_back("privacy.id_number");
    variant["groups"]["site"][0]["items"][8]["checks"].push_back("privacy.phone");
    for (const char* check : {"privacy.id_number", "privacy.phone"}) {
      variant["checks"][check]["unit"] = 1;
      variant["checks"][check]["per_document"] = true;
    }
    core::Problems problems;
    const auto ruleset = std::make_optional(rules::parse_ruleset(variant, problems));
    REQUIRE(problems.empty());
    const std::string page = "http://www.qingshi.gov.cn/gs.html";
    const std::string csv = "http://www.qingshi.gov.cn/list.csv";
    // Two IDs and a phone on one page, two IDs in one attachment: two documents.
    auto result = reports::score_audit({failure("privacy.id_number", json::object(), page),
                                        failure("privacy.id_number", json::object(), page),
                                        failure("privacy.phone", json::object(), page),
                                        failure("privacy.id_number", json::object(), csv),
                                        failure("privacy.id_number", json::object(), csv)},
                                       {site()}, *ruleset);
    const auto& other = item(result.subjects[0], "other_columns");
    CHECK(other.lost == Approx(2));
    REQUIRE(other.deductions.size() == 1);
    CHECK(other.deductions[0].check == "privacy.id_number");
    CHECK(other.deductions[0].count == 2);
  }

  SECTION("warnings, info and findings to review never score") {
    auto score = score_one({{"links.broken", Severity::warning, "u", "", "m", {}},
                            {"ipv6.aaaa", Severity::info, "u", "", "m", {}},
                            failure("disclose.guide", {{"review", true}})});
    CHECK(score.earned_points == 33);
    CHECK(score.to_review == 1);
  }
}

TEST_CASE("reports::score_audit: the official score once every item is assessed", "[scoring]") {
  SECTION("a complete review: 100 points, 合格, final") {
    auto score = score_one({}, site(), complete_review());
    CHECK(score.complete_coverage());
    REQUIRE(score.score);
    CHECK(*score.score == 100);
    CHECK(score.verdict == reports::Verdict::pass);
    CHECK_FALSE(score.provisional);
    CHECK(item(score, "service_guides").by_reviewer);
    CHECK(score.vetoes_not_assessed.empty());
  }

  SECTION("pass mark: below 60 fails, exactly 60 passes") {
    // The reviewer takes all 25 service points and 15 of 互动交流: 60 left.
    std::vector<reports::ItemAssessment> lost{
        reviewed("service_items", 5),      reviewed("online_application", 5),
        reviewed("service_statistics", 3), reviewed("service_guides", 6),
        reviewed("service_accuracy", 3),   reviewed("service_forms", 3),
        reviewed("message_submission", 6), reviewed("message_publication", 7),
        reviewed("unified_login", 2)};
    const auto inputs = complete_review(lost);
    auto at_mark = score_one({}, site(), inputs);
    REQUIRE(at_mark.score);
    CHECK(*at_mark.score == 60);
    CHECK(at_mark.passed);
    auto below = score_one({failure("disclose.guide")}, site(), inputs); // 政策文件 -3
    REQUIRE(below.score);
    CHECK(*below.score == 57);
    CHECK_FALSE(below.passed);
    CHECK(below.verdict == reports::Verdict::fail);
  }

  SECTION("bonus: only above the gate of 80, capped at 30") {
    std::vector<Finding> findings;
    add_broken(findings, 5, true); // 可用性 -4: 96
    auto capped = score_one(findings, site(true, 40), complete_review());
    CHECK(capped.deduction_score == 96);
    CHECK(capped.bonus == 30);
    CHECK(*capped.score == 126);
    // 96 - 17 = 79: not above 80, no bonus.
    auto below_gate = score_one(
        findings, site(true, 10),
        complete_review({reviewed("service_guides", 6), reviewed("message_publication", 7),
                         reviewed("service_items", 4)}));
    CHECK(below_gate.deduction_score == Approx(79));
    CHECK(below_gate.bonus == 0);
    CHECK(*below_gate.score == Approx(79));
  }

  SECTION("no services: the service group is left out and the rest scaled by 4/3") {
    std::vector<Finding> findings{failure("service.useless")}; // not scored without services
    add_broken(findings, 3, true);
    auto score = score_one(findings, site(false), complete_review());
    CHECK_FALSE(group(score, "services").scored);
    CHECK(score.measurable_points == 75);
    // (75 - 3) x 4/3 = 96
    REQUIRE(score.score);
    CHECK(*score.score == Approx(96));
    // Full marks stay 100.
    CHECK(*score_one({}, site(false), complete_review()).score == 100);
  }

  SECTION("a reviewer's deduction on a measured item adds to the checks'") {
    std::vector<Finding> findings;
    add_broken(findings, 1, true);
    auto score = score_one(findings, site(), complete_review({reviewed("availability", 1.5)}));
    const auto& availability = item(score, "availability");
    CHECK(availability.by_checks);
    CHECK(availability.by_reviewer);
    CHECK(availability.lost == Approx(2.5));
    CHECK(*score.score == Approx(97.5));
  }
}

TEST_CASE("reports::score_audit: provisional and final verdicts", "[scoring]") {
  SECTION("not complete: the measured share decides, provisionally") {
    std::vector<Finding> findings;
    add_broken(findings, 15, true); // 可用性 -4
    for (int i = 0; i < 6; ++i) {   // 动态要闻 -6
      findings.push_back(failure("columns.stale", {}, "c" + std::to_string(i)));
    }
    for (int i = 0; i < 4; ++i) { // 其它栏目内容 -4
      findings.push_back(failure("columns.blank", {}, "b" + std::to_string(i)));
    }
    reports::ScoringInputs inputs; // the reviewer takes every service point
    for (const auto& i : rules::default_ruleset().find_group("services")->items) {
      inputs.assessments.items.push_back(reviewed(i.id, i.points));
    }
    // Assessed: 33 + 25 = 58; kept: 33 - 14 = 19; at best 19 + 42 = 61: still open.
    auto open = score_one(findings, site(), inputs);
    CHECK(open.assessed_points == 58);
    CHECK(open.earned_points == 19);
    CHECK(*open.measured_score == Approx(32.76));
    CHECK(open.verdict == reports::Verdict::fail);
    CHECK(open.provisional);
    // One more lost item (政策文件 -3): at best 16 + 42 = 58 < 60, whatever the rest gives.
    findings.push_back(failure("disclose.platform"));
    auto closed = score_one(findings, site(), inputs);
    CHECK(closed.verdict == reports::Verdict::fail);
    CHECK_FALSE(closed.provisional);
  }

  SECTION("a confirmed veto: 不合格, no score, every veto listed") {
    std::vector<Finding> findings{
        failure("home.stale", {{"veto", "confirmed"}, {"value", 30}, {"threshold", 14}}),
        failure("columns.blank", {{"veto", "confirmed"}, {"value", 6}, {"threshold", 5}})};
    add_broken(findings, 1, true);
    auto score = score_one(findings, site(), complete_review());
    CHECK_FALSE(score.score);
    CHECK_FALSE(score.passed);
    CHECK(score.verdict == reports::Verdict::fail);
    CHECK_FALSE(score.provisional);
    REQUIRE(score.vetoes.size() == 2);
    CHECK(score.vetoes[0].value == 30);
    CHECK(score.vetoes[0].threshold == 14);
    // The deductions are still traceable for the rectification list.
    CHECK(item(score, "availability").lost == 1);
  }

  SECTION("a veto candidate: provisional until a reviewer decides") {
    const std::vector<Finding> findings{failure("map.content", {{"veto", "candidate"}})};
    auto pending = score_one(findings, site(), complete_review());
    REQUIRE(pending.score);
    CHECK(*pending.score == 100);
    CHECK(pending.passed);
    CHECK(pending.provisional);
    CHECK(pending.candidates.size() == 1);

    auto dismissing = complete_review();
    dismissing.assessments.vetoes.push_back(decided("map.content", false));
    auto dismissed = score_one(findings, site(), dismissing);
    CHECK(dismissed.candidates.empty());
    CHECK(dismissed.dismissed.size() == 1);
    CHECK(dismissed.passed);
    CHECK_FALSE(dismissed.provisional);

    auto confirming = complete_review();
    confirming.assessments.vetoes.push_back(decided("map.content", true));
    auto confirmed = score_one(findings, site(), confirming);
    CHECK(confirmed.verdict == reports::Verdict::fail);
    REQUIRE(confirmed.vetoes.size() == 1);
    REQUIRE(confirmed.vetoes[0].by_reviewer);
    CHECK(confirmed.vetoes[0].by_reviewer->assessor == "王敏");
  }

  SECTION("a veto found by hand, with no finding behind it") {
    auto inputs = complete_review();
    inputs.assessments.vetoes.push_back(decided("interact.unanswered", true));
    auto score = score_one({}, site(), inputs);
    CHECK(score.verdict == reports::Verdict::fail);
    REQUIRE(score.vetoes.size() == 1);
    CHECK(score.vetoes[0].check == "interact.unanswered");
  }
}

TEST_CASE("reports::score_audit: subjects", "[scoring]") {
  SECTION("new-media accounts are scored separately by their own groups") {
    reports::Subject account;
    account.kind = reports::Subject::Kind::new_media;
    account.name = "青石发布";
    account.urls = {"https://weibo.example/qingshi"};
    std::vector<Finding> findings{
        failure("newmedia.stale", {{"veto", "confirmed"}}, "https://weibo.example/qingshi"),
        failure("newmedia.broken", {}, "https://weibo.example/qingshi")};
    add_broken(findings, 2, true);
    auto result = reports::score_audit(findings, {site(), account}, rules::default_ruleset());
    REQUIRE(result.subjects.size() == 2);
    CHECK(result.subjects[0].earned_points == 31);
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
    auto result = reports::score_audit(findings, {site()}, rules::default_ruleset());
    REQUIRE(result.subjects.size() == 2);
    CHECK(result.subjects[0].earned_points == 33);
    CHECK(result.subjects[0].vetoes.empty());
    CHECK(result.subjects[1].subject.kind == reports::Subject::Kind::new_media);
    CHECK(result.subjects[1].subject.name == "青石应急");
    CHECK(result.subjects[1].vetoes.size() == 1);
    CHECK_FALSE(result.subjects[1].score);
  }

  SECTION("score_json records the inputs so that `report` can score again") {
    std::vector<Finding> findings;
    add_broken(findings, 2, true);
    reports::Subject blocked = site(false, 5);
    blocked.blocked = "page_limit";
    blocked.blocked_detail = "12 in-scope URLs not crawled (--max-pages 10)";
    auto result = reports::score_audit(findings, {blocked}, rules::default_ruleset());
    json recorded = reports::score_json(result);
    CHECK(recorded["ruleset"] == "gov-2019");
    CHECK(recorded["assessable"] == false);
    CHECK(recorded["verdict_zh"] == "无法评估");
    CHECK(recorded["subjects"][0]["verdict"] == "cannot_assess");
    CHECK(recorded["subjects"][0]["groups"][3]["items"][2]["deductions"][0]["count"] == 2);
    auto subjects = reports::subjects_from_json(recorded);
    REQUIRE(subjects.size() == 1);
    CHECK_FALSE(subjects[0].has_services);
    CHECK(subjects[0].bonus == 5);
    CHECK(subjects[0].blocked == "page_limit");
    auto again = reports::score_audit(findings, subjects, rules::default_ruleset());
    CHECK(again.subjects[0].verdict == reports::Verdict::cannot_assess);
    CHECK(reports::score_json(again) == recorded);
  }
}
