#pragma once
// The check plug-in interface: a check looks at each parsed page once and at the whole site
// once the crawl has ended, and returns findings by value. Checks do no I/O.

#include <scanner/options.hpp>
#include <scanner/page.hpp>
#include <scanner/site.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

enum class Severity { info, warning, failure };

// Stable lower-case name of `severity`: "info", "warning" or "failure".
std::string_view severity_name(Severity severity);

struct Finding {
  std::string check; // id of the check that produced it, e.g. "links.broken"
  Severity severity = Severity::failure;
  std::string url;     // what the finding is about: the broken target, the column, the host
  std::string page;    // where it was seen, when that differs from `url` (else empty)
  std::string message; // one sentence (zh-CN) that names the offending value
  nlohmann::json evidence = nlohmann::json::object(); // check-specific facts
  // Tells apart the findings one check writes about the same url and page: a footer mark, a
  // catalogue category, "row" for a table row written beside a defect, a masked number. Part of
  // the finding's id (reports::finding_id), so it names the defect and never its state: no
  // severity, value, date or line. Empty for the many checks that write one finding per url
  // and page.
  std::string key = {};
};

// What a check found on one page: findings now, and small facts it keeps about the page for
// check_site (the page's text and links are gone by then, so keep only what is needed).
struct PageReport {
  std::vector<Finding> findings;
  nlohmann::json facts; // null: nothing kept about this page
};

// The facts one check kept: (page id in Site::urls, facts), sorted by page id.
using PageFacts = std::vector<std::pair<std::uint32_t, nlohmann::json>>;

// What every check may know about the audit besides the crawl.
struct CheckContext {
  std::string as_of;                              // the monitoring point, YYYY-MM-DD
  const scanner::CrawlOptions* options = nullptr; // sites, hosts, new-media accounts
  const nlohmann::json* ruleset = nullptr;        // thresholds, windows, name lists
};

// One instance per concern, shared by every worker. Both functions may run on several threads
// at once: they are const and keep per-call state on the stack.
class Check {
public:
  virtual ~Check() = default;
  // Stable id that appears in reports, e.g. "links.broken".
  virtual std::string_view id() const = 0;
  // Every check id this check reports findings under: id(), plus the catalogue items it judges
  // at the same time. A scan records them as the checks that ran: an item of the score that none
  // of them measures is not assessed.
  virtual std::vector<std::string_view> ids() const { return {id()}; }
  // Findings and facts about one parsed HTML page, or about one text attachment when the check
  // reads_attachments(). Called once per page, from any worker, through inspect().
  virtual PageReport check_page(const scanner::Page& page) const = 0;
  // Whether check_page also takes text attachments (scanner::Page::attachment), which carry
  // nothing but their text: only checks that read no more than Page::text say yes.
  virtual bool reads_attachments() const { return false; }
  // check_page(`page`), or nothing for an attachment the check does not read. The one way the
  // scan hands pages to checks, so that no footer, date or column rule ever judges a .txt file.
  PageReport inspect(const scanner::Page& page) const {
    if (page.attachment && !reads_attachments()) return {};
    return check_page(page);
  }
  // Findings about the whole crawl, given the facts check_page kept. Called once, after every
  // check_page call has returned.
  virtual std::vector<Finding> check_site(const scanner::Site&, const PageFacts&) const {
    return {};
  }
  // Checks of one concern that keep the very same facts about a page return the same non-empty
  // key: the runner then calls check_page of the first of them only and gives its facts to each
  // one's check_site, so a page is analysed and its facts stored once. Such checks report their
  // findings from check_site only.
  virtual std::string_view shared_facts() const { return {}; }
};

// Every built-in check, in report order: the one registry. `context` must outlive the checks.
std::vector<std::unique_ptr<Check>> builtin_checks(const CheckContext& context);

// The ids() of every built-in check (as built with the built-in ruleset), sorted: what a scan
// of this version measures. For a findings.json that does not record its checks.
std::vector<std::string> builtin_check_ids();

} // namespace checks
