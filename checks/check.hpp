#pragma once
// The check contract: one class per concern (freshness, disclosure, site marks ...) declares the
// check ids it reports, looks at each parsed page once and keeps typed facts about it, then
// concludes once per configured site (or once over the whole crawl) and returns findings by
// value. Checks do no I/O; their rules were read and validated before the crawl (rules.hpp).

#include <scanner/dates.hpp>
#include <scanner/options.hpp>
#include <scanner/page.hpp>
#include <scanner/site.hpp>
#include <scanner/site_scope.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

enum class Severity { info, warning, failure };

// Stable lower-case name of `severity`: "info", "warning" or "failure".
std::string_view severity_name(Severity severity);

// Where a finding stands toward a veto (单项否决): none, a candidate a person must confirm, or
// confirmed by the measurement.
enum class VetoState { none, candidate, confirmed };

// "none", "candidate" or "confirmed".
std::string_view veto_state_name(VetoState veto);

struct Finding {
  std::string check; // id of the check that produced it, e.g. "links.broken"
  Severity severity = Severity::failure;
  std::string url;     // what the finding is about: the broken target, the column, the host
  std::string page;    // where it was seen, when that differs from `url` (else empty)
  std::string message; // one sentence (zh-CN) that names the offending value
  nlohmann::json evidence = nlohmann::json::object(); // check-specific facts, for the reports
  // Tells apart the findings one check writes about the same url and page: a footer mark, a
  // catalogue category, "row" for a table row written beside a defect, a masked number. Part of
  // the finding's id (reports::finding_id), so it names the defect and never its state: no
  // severity, value, date or line. Empty for the many checks that write one finding per url
  // and page.
  std::string key = {};
  // What the scoring reads (reports/scoring.cpp); findings.json writes them into the evidence
  // ("veto", "review", "on_homepage", "measured", "veto_measured") when they differ from these
  // defaults, and reads them back from there.
  VetoState veto = VetoState::none;
  bool review = false;       // a person must confirm it: never scored automatically
  bool on_homepage = false;  // seen on a site's homepage (links.broken's homepage unit)
  bool measured = true;      // false: the check could measure nothing for its subject
  bool veto_measured = true; // false: it could not judge its veto (a partial window)
};

// What every check may know about the audit besides the crawl.
struct AuditRules;
struct AuditContext {
  core::CivilDate as_of;                                   // the monitoring point (监测时间点)
  const std::vector<scanner::SiteConfig>* sites = nullptr; // columns, accounts, has_services
  const AuditRules* rules = nullptr;                       // every check's rules, read once
  bool allow_loopback_ipv6 = false;                        // ::1 counts as a global address
};

// One configured site as a conclusion sees it: the whole crawl (every URL by id, the hosts, the
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
  // The site's index in the configured sites, or k_whole_crawl.
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
// crawl; none without configured sites.
std::vector<const scanner::SiteConfig*> site_configs(const SiteView& site,
                                                     const AuditContext& context);

// Where a check keeps its facts about the pages between the crawl and its conclusions: one per
// check and scan, made by Check::new_facts().
class FactsStore {
public:
  virtual ~FactsStore() = default;
  // Called once every page is in, before any conclusion (sorts by page id).
  virtual void seal() = 0;
};

// The typed facts of one concern, (page id, Facts) pairs. add() may run on several threads.
template <typename Facts> class PageFacts final : public FactsStore {
public:
  using Entry = std::pair<std::uint32_t, Facts>;

  void add(std::uint32_t page, Facts facts) {
    std::lock_guard lock(m_mutex);
    m_entries.emplace_back(page, std::move(facts));
  }
  void seal() override {
    // Workers finish pages in any order; conclusions read them by page id.
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry& a, const Entry& b) { return a.first < b.first; });
    m_entries.shrink_to_fit();
  }
  // Every page's facts, by page id (after seal()).
  const std::vector<Entry>& all() const { return m_entries; }
  // The facts of the pages `site` owns, by page id.
  std::vector<const Entry*> of(const SiteView& site) const {
    std::vector<const Entry*> owned;
    for (const auto& entry : m_entries) {
      if (site.owns(entry.first)) owned.push_back(&entry);
    }
    return owned;
  }

private:
  std::mutex m_mutex; // guards m_entries while the crawl adds to them
  std::vector<Entry> m_entries;
};

// One instance per concern, shared by every worker. inspect() may run on several threads at
// once: checks are const and keep per-call state on the stack.
class Check {
public:
  virtual ~Check() = default;
  // The check ids (rules/catalogue.hpp) this concern reports findings under, in report order.
  // A scan records them as the checks that ran: an item of the score that none of them
  // measures is not assessed.
  virtual std::span<const std::string_view> ids() const = 0;
  // Whether inspect() also takes text attachments (scanner::Page::attachment), which carry
  // nothing but their text: only concerns that read no more than Page::text say yes, so that
  // no footer, date or column rule ever judges a .txt file.
  virtual bool reads_attachments() const { return false; }
  // Whether conclude() runs once per configured site, each judged on its own pages (site marks,
  // disclosure, freshness, homepage availability, IPv6), or once over the whole crawl (false:
  // findings about one link, which the scoring gives to the site of the page that carries it).
  virtual bool per_site() const { return true; }
  // A store for the facts inspect() keeps, or null when the concern keeps none.
  virtual std::unique_ptr<FactsStore> new_facts() const { return nullptr; }
  // Looks at one page (or attachment): findings about the page go to `findings`, facts for the
  // conclusion to `facts` (the store new_facts() made; null when none).
  virtual void inspect(const scanner::Page& page, FactsStore* facts,
                       std::vector<Finding>& findings) const = 0;
  // What the concern concludes about `site`, given the store `facts` (null when none) whose
  // entries it reads for the pages `site` owns. Called once every inspect() call has returned.
  virtual std::vector<Finding> conclude(const SiteView& site, const FactsStore* facts) const = 0;
};

// A concern whose facts about a page are a `Facts` value: it writes collect() and
// conclude_site(), the store is made and read for it.
template <typename Facts> class CheckWith : public Check {
public:
  std::unique_ptr<FactsStore> new_facts() const final {
    return std::make_unique<PageFacts<Facts>>();
  }
  void inspect(const scanner::Page& page, FactsStore* facts,
               std::vector<Finding>& findings) const final {
    std::optional<Facts> kept = collect(page, findings);
    if (kept && facts != nullptr) {
      static_cast<PageFacts<Facts>*>(facts)->add(page.id, std::move(*kept));
    }
  }
  std::vector<Finding> conclude(const SiteView& site, const FactsStore* facts) const final {
    static const PageFacts<Facts> k_none;
    const auto& store = facts != nullptr ? static_cast<const PageFacts<Facts>&>(*facts) : k_none;
    return conclude_site(site, store.of(site));
  }

protected:
  using Entries = std::vector<const typename PageFacts<Facts>::Entry*>;
  // Findings about `page` into `findings`; the facts to keep about it, or nullopt.
  virtual std::optional<Facts> collect(const scanner::Page& page,
                                       std::vector<Finding>& findings) const = 0;
  // What the concern concludes about `site` from the facts of its pages, by page id.
  virtual std::vector<Finding> conclude_site(const SiteView& site, const Entries& facts) const = 0;
};

// Every built-in concern, in report order: the one registry. `context` must outlive them.
std::vector<std::unique_ptr<Check>> builtin_checks(const AuditContext& context);

// The ids() of every built-in concern, sorted: what a scan of this version measures. For a
// findings.json that does not record its checks.
std::vector<std::string> builtin_check_ids();

} // namespace checks
