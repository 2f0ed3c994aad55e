#pragma once
// The CI gate: exit code 1 when the audit crosses the bar the pipeline set (--fail-under,
// --fail-on), counting only findings that are new or worse against a baseline findings.json and
// not explained by an unexpired entry of the exceptions file (comply or explain). Also the
// findings.json reader.

#include <checks/check.hpp>
#include <reports/compare.hpp>
#include <reports/scoring.hpp>

#include <nlohmann/json.hpp>

#include <core/expected.hpp>
#include <optional>
#include <rules/ruleset.hpp>
#include <string>
#include <vector>

namespace reports {

// A findings.json read back: the findings and everything else of the file (`head`).
struct FindingsFile {
  nlohmann::json head; // schema, tool, run, sites, summary, ruleset, score ...
  std::vector<checks::Finding> findings;
};

// Reads the findings.json at `path_or_folder`, or the one in it when it is a folder (a report
// folder of `govaudit scan`). Schema "govaudit.findings/1"; a finding's optional "key" is read
// back, so that ids computed from the file match the scan's. Fails naming the file when it
// cannot be read, is no JSON or has another schema, and naming every malformed finding (the
// first ten, then how many more).
core::Expected<FindingsFile> read_findings_json(const std::string& path_or_folder);

// One entry of the exceptions file: findings of `check` about `url` (and seen on `page`, when
// given) are explained until `expires` (YYYY-MM-DD, inclusive).
struct ExceptionEntry {
  std::string check;
  std::string url;
  std::string page; // empty: any page
  std::string reason;
  std::string owner;
  std::string expires;
};

// Parses an exceptions document: {"exceptions": [entry, ...]} or a bare array. Every entry needs
// check (an id of the check catalogue), url, reason, owner and expires (a valid date); `name`
// prefixes the problems, one per line: `exceptions.json: exceptions[2].reason: is missing (say
// why the finding is accepted)`, `exceptions.json: exceptions[0].check: unknown check id
// "links.brokn" (did you mean "links.broken"?)`.
core::Expected<std::vector<ExceptionEntry>> parse_exceptions(const nlohmann::json& document,
                                                             const std::string& name);

// Reads and parses the exceptions file at `path`.
core::Expected<std::vector<ExceptionEntry>> load_exceptions(const std::string& path);

// The entries of `entries` that expired before `as_of` (YYYY-MM-DD): they explain nothing.
std::vector<ExceptionEntry> expired_exceptions(const std::vector<ExceptionEntry>& entries,
                                               const std::string& as_of);

// The index in `entries` of the entry explaining `finding` on `as_of` (not expired), or -1.
int match_exception(const checks::Finding& finding, const std::vector<ExceptionEntry>& entries,
                    const std::string& as_of);

enum class FailOn { none, veto, failure, warning };

// "none", "veto", "failure" or "warning" -> FailOn (anything else: none).
FailOn parse_fail_on(const std::string& text);

// What --baseline compares against: an earlier run's findings and its subjects' verdicts.
struct Baseline {
  std::vector<checks::Finding> findings; // matched by id (reports::match_findings)
  // From the file's "score" object; empty when it has none (then the gate scores `findings`
  // with the current subjects and ruleset to learn the baseline's vetoes).
  std::vector<SubjectVerdict> subjects;
};

// The baseline held in `file`.
Baseline baseline_of(FindingsFile file);

struct GateSettings {
  double fail_under = 0; // 0 = off
  FailOn fail_on = FailOn::none;
  std::optional<Baseline> baseline; // none: every finding is new
  std::vector<ExceptionEntry> exceptions;
  std::string as_of; // exceptions expire relative to this day
};

// What the gate decided, and the status of each finding (same order as the findings).
struct GateResult {
  bool passed = true;
  std::vector<std::string> reasons; // why it failed, one sentence each (English)
  std::vector<int> exception_of;    // per finding: index of its exception, or -1
  std::vector<bool> in_baseline;    // per finding: the baseline has it, no worse
  std::vector<bool> worsened;       // per finding: the baseline has it, and it got worse
  std::vector<std::string> changes; // per finding: what changed since the baseline ("severity
                                    // warning -> failure; veto none -> confirmed"), else empty
  std::size_t counted = 0;          // findings that the gate looked at: new or worse
  std::size_t explained = 0;
  std::size_t baselined = 0;        // in the baseline, no worse
  std::size_t worse = 0;            // in the baseline, worse now (compare_findings)
  std::optional<double> gate_score; // the headline score without explained findings
};

// Applies `settings` to `findings`. --fail-under compares each subject's score computed without
// the explained findings (the official score, else the measured score; a vetoed subject or one
// that cannot be assessed has none and fails it). --fail-on counts the
// findings at its level that are not explained and either new (no finding of the same id in
// the baseline) or worse than in the baseline in severity or veto state
// (FindingChange::state_worsened: warning -> failure counts for --fail-on failure, candidate ->
// confirmed for --fail-on veto). A value or count that grew alone is shown as worsened but not
// counted: days since the last update grow every month an accepted problem stays. With a
// baseline, a confirmed veto of a subject that the baseline's subject did not have (by check
// and url; every veto of a subject the baseline lacks) fails any --fail-on level. Each reason
// is one English sentence naming what it counts. `inputs` are those of the official score.
GateResult apply_gate(const std::vector<checks::Finding>& findings,
                      const std::vector<Subject>& subjects, const rules::Ruleset& ruleset,
                      const GateSettings& settings, const ScoringInputs& inputs = {});

// The status reports show for finding `index`: "explained", "worsened", "baseline" or "new".
std::string gate_status(const GateResult& gate, std::size_t index);

} // namespace reports
