#pragma once
// After the checks: score the findings, write the report formats, apply the CI gate. Shared by
// `govaudit scan` / `demo` (after a crawl) and `govaudit report DIR` (from findings.json), plus
// `govaudit diff OLD NEW`.

#include <app/settings.hpp>
#include <checks/rules.hpp>
#include <reports/assessments.hpp>
#include <reports/gate.hpp>
#include <reports/scoring.hpp>
#include <reports/writers.hpp>

#include <core/expected.hpp>
#include <optional>
#include <rules/ruleset.hpp>
#include <string>
#include <vector>

namespace app {

// The ruleset, exceptions, baseline and assessments of one run, loaded and validated before any
// crawl.
struct ReportPlan {
  rules::Ruleset ruleset;
  std::string ruleset_source;     // the file it came from, or "built-in"
  checks::AuditRules check_rules; // every check's section, read once
  reports::GateSettings gate;
  reports::Assessments assessments;
};

// Loads the ruleset (--ruleset, else `default_ruleset_file` when given and present, else the
// built-in gov-2019) with every check's section, --exceptions (check ids must be the
// catalogue's), --baseline and --assessments (against `subjects`) of `options`. Fails with every
// problem, one per line (each a usage error: exit code 2).
core::Expected<ReportPlan> load_report_plan(const Settings& options,
                                            const std::vector<reports::Subject>& subjects,
                                            const std::string& default_ruleset_file = "");

// Why the report folder `dir` cannot take the reports (it cannot be created, is not a folder or
// cannot be written), or nullopt. Leaves the folder created.
std::optional<std::string> out_dir_problem(const std::string& dir);

// Prints, on stderr, the exceptions of `plan` that expired before `as_of`: they explain nothing.
void warn_expired_exceptions(const ReportPlan& plan, const std::string& as_of);

// What write_reports did.
struct Written {
  int code = 0;                   // k_exit_ok, k_exit_gate, or k_exit_incomplete
  std::vector<std::string> files; // the report files written, in order
};

// Scores `audit` (audit.findings sorted) for `subjects` (their scan status set), writes
// findings.json (with the score, ruleset and assessments), ruleset.json (the ruleset used, for
// `govaudit report`) and the other formats of options.formats into options.out_dir, applies the
// gate and prints the verdicts. `code` is k_exit_incomplete when a report cannot be written.
Written write_reports(const ReportPlan& plan, const Settings& options, reports::Audit& audit,
                      const std::vector<reports::Subject>& subjects);

// `govaudit report DIR`: re-renders every format but findings.json from DIR/findings.json into
// options.out_dir, with the scan's own ruleset (DIR/ruleset.json) unless --ruleset says otherwise,
// the assessments it recorded unless --assessments, and the gate of `options`. Returns the exit
// code (2 when findings.json cannot be read; 3 when it records an incomplete scan, whatever the
// gate says).
int run_report(const std::string& dir, const Settings& options);

// `govaudit diff OLD NEW` (findings.json files or report folders): prints every subject's
// verdict in both runs ("verdict NAME: 合格 64.2 -> 不合格 (veto: home.stale)"), then the
// findings new in NEW, worse, better (each with what changed) and fixed since OLD, matched by id
// (reports::diff_findings), then their counts and the unchanged ones'. Returns 0 for a
// comparison made, whatever it shows, or 2 when a file cannot be read.
int run_diff(const std::string& old_path, const std::string& new_path);

} // namespace app
