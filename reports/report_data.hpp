#pragma once
// What every human-facing report (HTML, JUnit, SARIF, CSV, Markdown) is rendered from: the
// findings, the official score and the gate's view of each finding. `govaudit scan` builds it
// after the checks; `govaudit report DIR` rebuilds it from DIR/findings.json.

#include <checks/check.hpp>
#include <reports/gate.hpp>
#include <reports/scoring.hpp>

#include <core/expected.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace reports {

struct ReportData {
  std::string site;  // headline: the first site's name, else its first start URL
  std::string as_of; // YYYY-MM-DD
  const rules::Ruleset* ruleset = nullptr; // never null when rendering
  std::vector<Subject> subjects;           // as scored
  std::string ruleset_source;              // where the ruleset came from: a file, or "built-in"
  bool complete = true;                    // false: interrupted, or a subject could not be assessed
  std::string stop_reason;
  std::vector<std::string> incomplete_reasons; // one sentence per subject not assessed (English)
  std::vector<ExceptionEntry> expired;         // exceptions past their expiry: they explain nothing
  std::vector<checks::Finding> findings;       // sorted (reports::sort_findings)
  AuditScore score;
  GateResult gate; // per-finding exception and baseline status; the verdict of the gate
  std::vector<ExceptionEntry> exceptions;
};

// The report formats, as --format names them.
inline constexpr std::string_view k_format_names[] = {"json",  "html", "junit",
                                                      "sarif", "csv",  "md"};

// Splits the --format value `list` ("html,csv") into names.
std::vector<std::string> split_formats(const std::string& list);

// Writes the JUnit XML report: one testsuite per subject, one testcase per check of the ruleset
// that applies to the subject, failures carrying the findings. Fails naming the file.
core::Expected<bool> write_junit(const std::string& path, const ReportData& data);

// Writes a SARIF 2.1.0 log: one rule per check, one result per failure or warning finding, with
// the page URL (else the target) as the location.
core::Expected<bool> write_sarif(const std::string& path, const ReportData& data);

// Writes the rectification list (every failure and warning) as CSV: UTF-8 with a BOM, CRLF line
// ends, RFC 4180 quoting.
core::Expected<bool> write_csv(const std::string& path, const ReportData& data);

// Writes a Markdown summary for CI job logs: verdict, score by group, vetoes, gate, top checks.
core::Expected<bool> write_markdown(const std::string& path, const ReportData& data);

// Writes report.html (see html_report.hpp).
core::Expected<bool> write_html(const std::string& path, const ReportData& data);

// Report-language texts of a check: its name and what to do about a finding of it.
std::string check_name(const std::string& check, bool english);
std::string check_advice(const std::string& check, bool english);

} // namespace reports
