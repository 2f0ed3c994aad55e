#pragma once
// Two runs of an audit side by side: findings matched by id (reports::finding_id: check, url,
// page and key, so that a defect keeps its id when it gets worse) and judged worse or better by
// what each run's finding says about the defect; and every subject's verdict, read from the
// "score" object of each findings.json. `govaudit diff` prints both; the gate's --baseline
// counts what got worse.

#include <checks/check.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace reports {

// How a finding of a later run stands against the finding of the same id in an earlier run.
enum class Trend { unchanged, worsened, improved };

struct FindingChange {
  Trend trend = Trend::unchanged;
  // The severity or the veto state rose: what the gate counts (a value or count that grew alone
  // does not: days since the last update grow every month an accepted problem stays).
  bool state_worsened = false;
  // Each respect that changed, worse or better: "severity warning -> failure", "veto none ->
  // confirmed", "value 16 -> 40 (threshold 14)", "count 2 -> 5".
  std::vector<std::string> changes;
};

// Compares `after` with `before`, the finding of the same id in an earlier run. Worse: a higher
// severity (info < warning < failure); a veto state rising (none < candidate < confirmed, from
// evidence.veto); a measured value further past its threshold (evidence.value and
// evidence.threshold, both numbers; see value_direction); a larger evidence.count. Better: the
// reverse. A finding worse in one respect and better in another is worsened. Messages, lines,
// times and other evidence are not compared.
FindingChange compare_findings(const checks::Finding& before, const checks::Finding& after);

// The changes of `change` in one phrase: "severity warning -> failure; veto none -> confirmed".
std::string change_text(const FindingChange& change);

// Which way the measured value of two findings of one defect gets worse: +1 when a higher value
// is worse, -1 when a lower one is, 0 when they do not say. A numeric evidence.warn_threshold
// says it (the warning line lies before the threshold); else the side of evidence.threshold
// that the value of the more severe finding is on, when that finding is a warning or a failure
// (an info finding's value may lie on either side of its line).
int value_direction(const checks::Finding& before, const checks::Finding& after);

// For each finding of `after`, the index in `before` of the finding with the same id, or -1.
// A run holding one id more than once (a findings.json of a version before keys) has its
// findings matched in order: the n-th of an id in `after` with the n-th in `before`.
std::vector<int> match_findings(const std::vector<checks::Finding>& before,
                                const std::vector<checks::Finding>& after);

// A finding found in both runs that got worse or better.
struct ChangedFinding {
  checks::Finding before;
  checks::Finding after;
  FindingChange change;
};

// The findings of two runs matched by id; each list keeps the order of its run.
struct FindingsDiff {
  std::vector<checks::Finding> added; // in `after` only
  std::vector<ChangedFinding> worsened;
  std::vector<ChangedFinding> improved;
  std::vector<checks::Finding> unchanged; // in both, neither worse nor better (as in `after`)
  std::vector<checks::Finding> fixed;     // in `before` only
};

FindingsDiff diff_findings(const std::vector<checks::Finding>& before,
                           const std::vector<checks::Finding>& after);

// A veto of a subject, as score.subjects[].vetoes and veto_candidates record it.
struct VetoRecord {
  std::string check;
  std::string url;
  bool operator==(const VetoRecord&) const = default;
};

// A subject's verdict as a findings.json "score" object records it. Read generically, so that
// verdicts and fields that scoring adds later ("cannot_assess", "provisional", ...) pass through
// as written.
struct SubjectVerdict {
  std::string kind; // "site", "new_media", or as recorded
  std::string name;
  std::string platform;
  std::string first_url;                // empty when none is recorded
  std::string verdict;                  // as recorded: "pass", "fail", ...
  std::string verdict_zh;               // as recorded: "合格", "不合格", ...; else the verdict
  std::optional<double> score;          // none: null or absent (vetoed, not assessed)
  std::optional<double> measured_score; // over the points assessed, when there is no score
  bool provisional = false;             // the verdict may still change (暂定)
  std::vector<VetoRecord> vetoes;       // confirmed
  std::vector<VetoRecord> candidates;
};

// The subjects of `score`, a findings.json "score" object; none when it holds no "subjects"
// array. Entries that are not objects, and members of another type, are read as absent.
std::vector<SubjectVerdict> recorded_subjects(const nlohmann::json& score);

// How reports name `subject`: its name (with the platform for a new-media account, as
// subject_label does), else its first URL, else "site".
std::string subject_name(const SubjectVerdict& subject);

// `subject`'s verdict in one phrase: the recorded verdict_zh (with 暂定 when provisional), the
// score when there is one, else the measured score, then the checks of its confirmed vetoes and
// candidates, e.g. "合格 64.2", "不合格 (veto: columns.stale)", "合格（暂定） measured 93.9 (veto
// candidate: home.stale)".
std::string verdict_text(const SubjectVerdict& subject);

// The same verdict, score and vetoes in both.
bool same_verdict(const SubjectVerdict& before, const SubjectVerdict& after);

// One subject in two runs: both set when matched; only `after` for a subject that appeared,
// only `before` for one that is gone.
struct SubjectPair {
  std::optional<SubjectVerdict> before;
  std::optional<SubjectVerdict> after;
};

// Matches the subjects of two runs by kind and first URL, else by kind, name and platform (a
// site that moved to https keeps its name). The pairs follow `after`'s order, then the subjects
// of `before` that are gone, in its order.
std::vector<SubjectPair> match_subjects(const std::vector<SubjectVerdict>& before,
                                        const std::vector<SubjectVerdict>& after);

// The confirmed vetoes of `after` that `before` did not have (matched by check and url); all of
// them when `before` is null.
std::vector<VetoRecord> new_vetoes(const SubjectVerdict* before, const SubjectVerdict& after);

// `value` for a one-line report: an integral value without decimals, else at most three.
std::string short_number(double value);

} // namespace reports
