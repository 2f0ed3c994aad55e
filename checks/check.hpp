#pragma once
// The check plug-in interface: a check looks at each parsed page once and, once the crawl has
// ended, concludes about each configured site (or about the whole crawl), and returns findings
// by value. Checks do no I/O.

#include <scanner/options.hpp>
#include <scanner/page.hpp>
#include <scanner/site.hpp>
#include <scanner/site_scope.hpp>

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

// One configured site as check_site sees it: the whole crawl (every URL by id, the hosts, the
// IPv6 facts), and which part of it is the site's, as scanner::SiteScope decides whose a URL
// is: its own start URLs, its homepage's samples, owns(). Each configured site is judged on its
// own pages. A view of the whole crawl stands for all sites at once: what checks that conclude
// over the whole crawl see, and what a crawl of one site is (a Site converts to it).
class SiteView {
public:
  // index() of a view of the whole crawl.
  static constexpr std::size_t k_whole_crawl = static_cast<std::size_t>(-1);
  // An entry of the owners list given to the per-site constructor: no configured site owns it.
  static constexpr std::uint32_t k_no_owner = static_cast<std::uint32_t>(-1);

  // The whole crawl as one site: its start URLs and samples as they are, every URL owned.
  // Implicit: to a check, a crawl of one site is that site. `crawl` must outlive the view.
  SiteView(const scanner::Site& crawl);
  // The whole crawl, knowing the homepage of each site of `scope` (homepages()).
  SiteView(const scanner::Site& crawl, const scanner::SiteScope& scope);
  // Site `index` (< scope.size()) of `scope`: its start URLs, the samples of its homepage (those
  // of `crawl` whose ProbeSample::url is its first start URL), and the URLs whose entry in
  // `owners` (the owner of each URL id of `crawl`, k_no_owner for none) is `index`. `crawl`,
  // `scope` and `owners` must outlive the view.
  SiteView(const scanner::Site& crawl, const scanner::SiteScope& scope, std::size_t index,
           const std::vector<std::uint32_t>& owners);

  // The whole crawl: every URL by id, the hosts, the IPv6 facts.
  const scanner::Site& crawl() const { return *m_crawl; }
  // The site's index in CrawlOptions::sites, or k_whole_crawl.
  std::size_t index() const { return m_index; }
  // Whether the site is the portal: the first configured site (or the whole crawl), the one
  // whose audit this is and the only one held to the portal's rules.
  bool portal() const { return m_index == 0 || m_index == k_whole_crawl; }
  // The site's start URLs, normalised, in config order.
  const std::vector<std::string>& start_urls() const { return m_start_urls; }
  // The site's homepage: its first start URL, or empty without one.
  const std::string& home() const { return m_home; }
  // The homepage of every configured site (a view of one site: its own).
  const std::vector<std::string>& homepages() const { return m_homepages; }
  // The homepage's availability samples (avail.homepage) and its samples pinned to IPv4 and to
  // IPv6 (ipv6.*), in the order they were taken.
  const std::vector<scanner::ProbeSample>& homepage_samples() const { return m_homepage_samples; }
  const std::vector<scanner::ProbeSample>& family_samples() const { return m_family_samples; }
  // Whether the URL with id `url_id` (in crawl().urls) is the site's.
  bool owns(std::uint32_t url_id) const;
  // Whether no configured site owns the URL with id `url_id` (an external link, a host of the
  // site's zone that is not crawled).
  bool unowned(std::uint32_t url_id) const;
  // Whether another configured site owns the normalised URL `url` (never for the whole crawl).
  bool foreign(std::string_view url) const;

private:
  const scanner::Site* m_crawl;
  const scanner::SiteScope* m_scope = nullptr;
  const std::vector<std::uint32_t>* m_owners = nullptr; // null: the whole crawl
  std::size_t m_index = k_whole_crawl;
  std::vector<std::string> m_start_urls;
  std::string m_home;
  std::vector<std::string> m_homepages;
  std::vector<scanner::ProbeSample> m_homepage_samples;
  std::vector<scanner::ProbeSample> m_family_samples;
};

// The config entries of the site(s) `site` stands for: its own, or every site for the whole
// crawl; none without options.
std::vector<const scanner::SiteConfig*> site_configs(const SiteView& site,
                                                     const CheckContext& context);

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
  // What the check concludes about `site`, given the facts check_page kept about its pages
  // (`facts`, only those of pages the site owns). Called after every check_page call has
  // returned: once per configured site when per_site(), else once with a view of the whole
  // crawl and every page's facts.
  virtual std::vector<Finding> check_site(const SiteView&, const PageFacts&) const { return {}; }
  // Whether check_site concludes once per configured site, each judged on its own pages (site
  // marks, disclosure, freshness, homepage availability, IPv6), or once over the whole crawl
  // (false: findings about one page or one link, which the scoring gives to the site of the page
  // that carries it).
  virtual bool per_site() const { return true; }
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
