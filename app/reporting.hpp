#pragma once
// After the checks: score the findings, write the report formats, apply the CI gate. Shared by
// `govaudit scan` / `demo` (after a crawl) and `govaudit report DIR` (from findings.json), plus
// `govaudit diff OLD NEW`.

#include <checks/ruleset.hpp>
#include <reports/gate.hpp>
#include <reports/writers.hpp>
#include <scanner/expected.hpp>
#include <scanner/options.hpp>

#include <string>

namespace app {

// The ruleset, exceptions and baseline of one run, loaded and validated before any crawl.
struct ReportPlan {
  checks::Ruleset ruleset;
  reports::GateSettings gate;
};

// Loads --ruleset (else the built-in gov-2019), --exceptions and --baseline of `options`. Fails
// with every problem, one per line (each a usage error: exit code 2).
scanner::Expected<ReportPlan> load_report_plan(const scanner::CrawlOptions& options);

// Scores `audit` (audit.findings sorted), writes findings.json (with the score and ruleset) and
// the other formats of options.formats into options.out_dir, applies the gate and prints its
// verdict. Returns k_exit_ok, k_exit_gate, or k_exit_incomplete when a report cannot be written.
int write_reports(const ReportPlan& plan, reports::Audit& audit);

// `govaudit report DIR`: re-renders every format but findings.json from DIR/findings.json into
// options.out_dir, with the gate of `options`. Returns the exit code (2 when findings.json cannot
// be read; 3 when it records an incomplete scan, whatever the gate says).
int run_report(const std::string& dir, const scanner::CrawlOptions& options);

// `govaudit diff OLD NEW` (findings.json files or report folders): prints every subject's
// verdict in both runs ("verdict NAME: 合格 64.2 -> 不合格 (veto: home.stale)"), then the
// findings new in NEW, worse, better (each with what changed) and fixed since OLD, matched by id
// (reports::diff_findings), then their counts and the unchanged ones'. Returns 0 for a
// comparison made, whatever it shows, or 2 when a file cannot be read.
int run_diff(const std::string& old_path, const std::string& new_path);

} // namespace app
