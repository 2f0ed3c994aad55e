#include "../support/test_support.hpp"

#include <reports/assessments.hpp>
#include <reports/scoring.hpp>

#include <catch2/catch.hpp>

namespace {

std::vector<reports::Subject> subjects() {
  reports::Subject portal;
  portal.name = "青石区人民政府";
  portal.urls = {"http://www.qingshi.gov.cn/"};
  reports::Subject department;
  department.name = "青石区教育局";
  department.urls = {"http://www.qingshi.gov.cn/jyj/"};
  reports::Subject account;
  account.kind = reports::Subject::Kind::new_media;
  account.name = "青石发布";
  account.urls = {"https://weibo.example/qingshi"};
  return {portal, department, account};
}

core::Expected<reports::Assessments> load(const test_support::TempDir& dir,
                                          const std::string& text) {
  test_support::write_file(dir.file("review.jsonc"), text);
  return reports::load_assessments(dir.file("review.jsonc"), rules::default_ruleset(), subjects());
}

} // namespace

TEST_CASE("reports::load_assessments", "[scoring]") {
  test_support::TempDir dir;
  SECTION("items by id or Chinese name, points or deductions, who and when, veto decisions") {
    auto loaded = load(dir, R"({
      // 2026 年 11 月复核
      "assessor": "王敏", "date": "2026-11-28",
      "items": [
        {"item": "service_guides", "lost": 1.5, "note": "2 个事项缺少办理时限"},
        {"subject": "青石区教育局", "item": "办理答复", "points": 5, "assessor": "李强"},
        {"subject": "https://weibo.example/qingshi", "item": "nm_replies", "lost": 0}
      ],
      "vetoes": [
        {"check": "interact.unanswered", "decision": "dismissed", "note": "均已按期答复"},
        {"check": "home.stale", "url": "http://www.qingshi.gov.cn/", "decision": "confirmed",
         "note": "首页 20 天未更新", "date": "2026-11-29"}
      ]
    })");
    REQUIRE(loaded);
    REQUIRE(loaded->items.size() == 3);
    CHECK(loaded->items[0].subject == "http://www.qingshi.gov.cn/"); // the first site
    CHECK(loaded->items[0].item == "service_guides");
    CHECK(loaded->items[0].lost == 1.5);
    CHECK(loaded->items[0].assessor == "王敏");
    CHECK(loaded->items[1].subject == "http://www.qingshi.gov.cn/jyj/");
    CHECK(loaded->items[1].item == "replies");
    CHECK(loaded->items[1].lost == 2); // 7 points, 5 kept
    CHECK(loaded->items[1].assessor == "李强");
    CHECK(loaded->items[1].date == "2026-11-28");
    CHECK(loaded->items[2].subject == "https://weibo.example/qingshi");
    REQUIRE(loaded->vetoes.size() == 2);
    CHECK_FALSE(loaded->vetoes[0].confirmed);
    CHECK(loaded->vetoes[1].confirmed);
    CHECK(loaded->vetoes[1].date == "2026-11-29");
    // Recorded in findings.json and read back by `govaudit report`.
    auto again = reports::assessments_from_json(reports::assessments_json(*loaded));
    CHECK(reports::assessments_json(again) == reports::assessments_json(*loaded));
  }

  SECTION("every problem at once, with its line and a suggestion") {
    auto loaded = load(dir, R"({
  "assesor": "王敏",
  "date": "2026-13-01",
  "items": [
    {"item": "servce_guides", "lost": 1},
    {"item": "search", "lost": 4},
    {"item": "search", "points": 1, "lost": 1},
    {"subject": "青石区交通局", "item": "search", "lost": 1}
  ],
  "vetoes": [
    {"check": "links.broken", "decision": "confirmed", "note": "x"},
    {"check": "home.stale", "decision": "maybe"}
  ]
})");
    REQUIRE_FALSE(loaded);
    const std::string path = dir.file("review.jsonc");
    for (const std::string& expected : std::vector<std::string>{
             path + ":2: assesor: unknown key (did you mean \"assessor\"?)",
             path + ":3: date: must be a date YYYY-MM-DD, got \"2026-13-01\"",
             path + ":5: items[0].item: unknown item \"servce_guides\" (did you mean "
                    "\"service_guides\"?)",
             path +
                 ":6: items[1].lost: must be a number from 0 to 3 (the points of 站内搜索), got 4",
             path + ":7: items[2]: needs either \"lost\" (points deducted) or \"points\"",
             path +
                 ":8: items[3].subject: names no site or account of this audit: \"青石区交通局\"",
             path + ":11: vetoes[0].check: is not a veto check (单项否决) of the ruleset: "
                    "\"links.broken\"",
             path +
                 ":12: vetoes[1].decision: must be \"confirmed\" or \"dismissed\", got \"maybe\"",
             path + ":12: vetoes[1].note: is missing",
             path + ":12: vetoes[1]: says nobody decided it",
         }) {
      CAPTURE(loaded.error());
      CHECK(loaded.error().find(expected) != std::string::npos);
    }
  }

  SECTION("a file that is not JSON, or missing") {
    auto broken = load(dir, "{\n  \"items\": [\n}");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().rfind(dir.file("review.jsonc") + ":3: ", 0) == 0);
    auto missing =
        reports::load_assessments(dir.file("none.jsonc"), rules::default_ruleset(), subjects());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().rfind("cannot read assessments file \"" + dir.file("none.jsonc") + "\"",
                                0) == 0);
  }
}
