#pragma once
// The assessments file (--assessments FILE): what a reviewer decided by hand, so that a verdict
// can be completed and signed. Points or deductions for the items no check measures (办事指南,
// 留言公开 ...), and the confirmation or dismissal of veto candidates (also of veto checks that
// nothing measured, such as 互动回应差). Each entry says who decided it and when; the report
// shows which numbers came from people.
//
//   {
//     "assessor": "王敏（青石区政务公开办）", "date": "2026-11-28",
//     "items": [
//       {"item": "service_guides", "lost": 1.5, "note": "2 个事项缺少办理时限"},
//       {"subject": "青石区教育局", "item": "办理答复", "points": 7, "note": "..."}
//     ],
//     "vetoes": [
//       {"check": "interact.unanswered", "decision": "dismissed", "note": "12 个月内留言均已答复"},
//       {"check": "home.stale", "url": "https://...", "decision": "confirmed", "note": "..."}
//     ]
//   }

#include <nlohmann/json.hpp>

#include <core/expected.hpp>
#include <rules/ruleset.hpp>
#include <string>
#include <vector>

namespace reports {

struct Subject;

// A reviewer's score of one item for one subject.
struct ItemAssessment {
  std::string subject; // the first URL of the subject it is about
  std::string item;    // item id of the ruleset
  double lost = 0;     // points deducted (an entry of "points" kept is stored as its complement)
  std::string note;
  std::string assessor;
  std::string date; // YYYY-MM-DD
};

// A reviewer's decision on a veto of one subject: a candidate of `check` (about `url`, or every
// candidate of the check when `url` is empty) confirmed or dismissed; without any candidate, a
// veto found by hand (confirmed) or the check judged by hand and found clear (dismissed).
struct VetoDecision {
  std::string subject; // the first URL of the subject it is about
  std::string check;
  std::string url;
  bool confirmed = false;
  std::string note;
  std::string assessor;
  std::string date;
};

struct Assessments {
  std::string source; // the file it was read from ("" when none)
  std::vector<ItemAssessment> items;
  std::vector<VetoDecision> vetoes;
  bool empty() const { return items.empty() && vetoes.empty(); }
};

// Reads the assessments file at `path` (JSON with comments) and checks every entry against
// `ruleset` (item ids or their Chinese names, veto check ids, points within the item's) and
// `subjects` (an entry's "subject" is a subject's name or one of its URLs; without it, the first
// site). Fails with every problem, one per line, as `path:LINE: KEY: PROBLEM` with did-you-mean
// hints, e.g. `review.jsonc:7: items[0].item: unknown item "servce_guides" (did you mean
// "service_guides"?)`.
core::Expected<Assessments> load_assessments(const std::string& path, const rules::Ruleset& ruleset,
                                             const std::vector<Subject>& subjects);

// The assessments as recorded in findings.json (and read back by `govaudit report`).
nlohmann::json assessments_json(const Assessments& assessments);
Assessments assessments_from_json(const nlohmann::json& json);

} // namespace reports
