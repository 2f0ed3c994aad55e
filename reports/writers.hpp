#pragma once
// The machine-readable outputs: crawl.json (what was fetched) and findings.json (what the
// checks found). Both are versioned public formats, documented in the README.

#include <checks/check.hpp>
#include <scanner/options.hpp>
#include <scanner/site.hpp>

#include <core/expected.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace reports {

inline constexpr const char* k_crawl_schema = "govaudit.crawl/1";
inline constexpr const char* k_findings_schema = "govaudit.findings/1";

// Whether a run can be trusted as a whole, as findings.json and crawl.json record it.
struct RunStatus {
  bool complete = true;             // the crawl ended and every subject could be assessed
  std::string stop_reason;          // "interrupted", "max-pages", "unreachable" ...; "" when none
  std::vector<std::string> reasons; // one sentence per subject that could not be assessed
};

// Everything one audit produced.
struct Audit {
  Audit(const scanner::Site& crawl, const scanner::CrawlOptions& settings, std::string day,
        std::vector<checks::Finding> found = {})
      : site(crawl), options(settings), as_of(std::move(day)), findings(std::move(found)) {}

  const scanner::Site& site;
  const scanner::CrawlOptions& options;
  std::string as_of; // YYYY-MM-DD
  std::vector<checks::Finding> findings;
  // The ruleset that scored the audit ("id", "version", "title") and the score object
  // (reports::score_json); null: findings.json has no "ruleset" / "score" members.
  nlohmann::json ruleset = nullptr;
  nlohmann::json score = nullptr;
  RunStatus status;                     // defaults to the crawl's own (site.complete, stop_reason)
  bool status_set = false;              // `status` was filled in (else the crawl's is used)
  std::vector<std::string> checks_run;  // recorded as run.checks (empty: not written)
  nlohmann::json assessments = nullptr; // the reviewer's entries used, when there were any
};

// A stable id for a finding: a hash of its check, target, page and key (never of line numbers,
// times, the message, the severity or evidence values), so that the same defect keeps its id
// from one scan to the next, also when it got worse. 16 lower-case hex digits.
std::string finding_id(const checks::Finding& finding);

// `finding`'s evidence as every output writes it: its free evidence plus the fields the scoring
// reads, where they differ from their defaults ("veto": "candidate" or "confirmed", "review":
// true, "on_homepage": true, "measured": false, "veto_measured": false).
nlohmann::json evidence_json(const checks::Finding& finding);

// The reverse, for a finding read back from findings.json: moves those keys of its evidence
// into its fields.
void read_scoring_fields(checks::Finding& finding);

// Sorts `findings` by check, url, page, key, then message, for stable reports.
void sort_findings(std::vector<checks::Finding>& findings);

// Writes crawl.json to `path`, streaming (memory stays flat however many URLs there are).
// Secrets of the request settings (passwords, header values, proxy credentials) are not
// written. Fails with a message naming the file when it cannot be written.
core::Expected<bool> write_crawl_json(const std::string& path, const Audit& audit);

// Writes findings.json to `path`.
core::Expected<bool> write_findings_json(const std::string& path, const Audit& audit);

// The error of a report file that could not be written (the system's reason, from errno).
core::Expected<bool> write_failed(const std::string& path);

// Text for XML and HTML, in element content and in quoted attributes: & < > " ' escaped, and
// the control characters XML 1.0 cannot hold (HTML forbids them too) dropped.
std::string markup_escape(std::string_view text);

// The settings of `options` as recorded in the outputs, secrets replaced by "***".
nlohmann::json settings_json(const scanner::CrawlOptions& options);

} // namespace reports
