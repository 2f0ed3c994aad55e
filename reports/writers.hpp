#pragma once
// The machine-readable outputs: crawl.json (what was fetched) and findings.json (what the
// checks found). Both are versioned public formats, documented in the README.

#include <checks/check.hpp>
#include <scanner/expected.hpp>
#include <scanner/options.hpp>
#include <scanner/site.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reports {

inline constexpr const char* k_crawl_schema = "govaudit.crawl/1";
inline constexpr const char* k_findings_schema = "govaudit.findings/1";

// Everything one audit produced.
struct Audit {
  const scanner::Site& site;
  const scanner::CrawlOptions& options;
  std::string as_of; // YYYY-MM-DD
  std::vector<checks::Finding> findings;
  // The ruleset that scored the audit ("id", "version", "title") and the score object
  // (reports::score_json); null: findings.json has no "ruleset" / "score" members.
  nlohmann::json ruleset = nullptr;
  nlohmann::json score = nullptr;
};

// A stable id for a finding: a hash of its check, target, page and key (never of line numbers,
// times, the message, the severity or evidence values), so that the same defect keeps its id
// from one scan to the next, also when it got worse. 16 lower-case hex digits.
std::string finding_id(const checks::Finding& finding);

// Sorts `findings` by check, url, page, key, then message, for stable reports.
void sort_findings(std::vector<checks::Finding>& findings);

// Writes crawl.json to `path`, streaming (memory stays flat however many URLs there are).
// Secrets of the request settings (passwords, header values, proxy credentials) are not
// written. Fails with a message naming the file when it cannot be written.
scanner::Expected<bool> write_crawl_json(const std::string& path, const Audit& audit);

// Writes findings.json to `path`.
scanner::Expected<bool> write_findings_json(const std::string& path, const Audit& audit);

// The error of a report file that could not be written (the system's reason, from errno).
scanner::Expected<bool> write_failed(const std::string& path);

// Text for XML and HTML, in element content and in quoted attributes: & < > " ' escaped, and
// the control characters XML 1.0 cannot hold (HTML forbids them too) dropped.
std::string markup_escape(std::string_view text);

// The settings of `options` as recorded in the outputs, secrets replaced by "***".
nlohmann::json settings_json(const scanner::CrawlOptions& options);

} // namespace reports
