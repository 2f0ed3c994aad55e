#pragma once
// Whether the scan saw each audited subject: a verdict about a site nobody reached, a scan cut
// short or a crawl cut by a limit would claim what was not measured. Such a subject is marked
// (reports::Subject::blocked) and gets the verdict 无法评估; the run is then incomplete.

#include <app/settings.hpp>
#include <reports/scoring.hpp>
#include <reports/writers.hpp>
#include <scanner/site.hpp>

#include <vector>

namespace app {

// Sets `blocked` and `blocked_detail` of each subject of `subjects` (as subjects_of(`options`)
// made them) from the crawl: "interrupted" for every subject when the crawl was stopped,
// "unreachable" for a site none of whose start URLs gave an HTML page, "page_limit" /
// "depth_limit" for a site some of whose pages --max-pages / --max-depth left unread.
void assess_coverage(const scanner::Site& site, const Settings& options,
                     std::vector<reports::Subject>& subjects);

// Removes from `findings` what the checks concluded about a site the scan never reached from
// its absence of pages ("no disclosure column", "0 of 0 pages show the ICP number"): nothing was
// measured there. What the scan did measure of it stays: availability, its links, DNS and IPv6,
// its domain name. `findings` and `subjects` as scored.
void drop_unmeasured(std::vector<checks::Finding>& findings,
                     const std::vector<reports::Subject>& subjects);

// The run's status as findings.json and crawl.json record it: complete only when the crawl ran
// to its end and every subject could be assessed; `reasons` says which could not and why.
reports::RunStatus run_status(const scanner::Site& site,
                              const std::vector<reports::Subject>& subjects);

} // namespace app
