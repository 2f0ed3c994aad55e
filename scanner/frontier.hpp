#pragma once
// The frontier: the table of every distinct URL, the scope, and per-origin queues served
// breadth-first by depth, with robots.txt, crawl-trap guards and the crawl limits. Owned by the
// crawl thread alone: no locks.

#include <scanner/dns.hpp>
#include <scanner/not_found.hpp>
#include <scanner/options.hpp>
#include <scanner/robots.hpp>
#include <scanner/site.hpp>
#include <scanner/traps.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <tsl/robin_set.h>
#include <unordered_map>
#include <vector>

namespace scanner {

using Clock = std::chrono::steady_clock;

inline constexpr std::uint32_t k_no_url = UINT32_MAX;
inline constexpr std::size_t k_max_redirects = 10;

// One request to make (and its redirect hops).
struct Job {
  enum class Kind : std::uint8_t {
    page,            // GET an in-scope document; HTML is parsed
    check,           // availability of a link target (HEAD, GET without body on refusal)
    robots,          // /robots.txt of an origin
    sitemap,         // a sitemap named by robots.txt, or /sitemap.xml
    not_found_probe, // a random missing path, to learn the host's "not found" answer
    ipv6,            // a level URL fetched again pinned to one address family (Site::ipv6)
  };
  Kind kind = Kind::page;
  std::uint32_t url_id = k_no_url; // URL record the outcome belongs to
  std::uint32_t host = 0;          // origin of current_url
  std::string start_url;           // as first requested
  std::string current_url;         // the hop being fetched
  std::vector<std::string> chain;  // redirect targets so far
  int depth = 0;
  int attempt = 0;
  int sitemap_level = 0;
  bool head = false;
  bool body_wanted = true;      // false: stop at the first body byte (only the status matters)
  bool browser_like = false;    // the retry of a blocked request, with a browser's headers
  bool recheck = false;         // the second look at a failed URL, at the end of the crawl
  int family = 0;               // 4 or 6: connect over that address family only (fresh connection)
  std::uint32_t ipv6_index = 0; // Kind::ipv6: index in Site::ipv6.fetches
  // A check of an in-scope text attachment (.txt, .csv): downloaded with GET, body kept, so that
  // the privacy checks read its text. Queued with the pages, whose parser back-pressure it obeys.
  bool attachment = false;
};

// Crawl state of one origin (scheme://host:port).
struct HostState {
  enum class Dns : std::uint8_t { unresolved, resolving, resolved, failed };
  enum class Robots : std::uint8_t { unknown, fetching, ready };
  enum class Probe : std::uint8_t { unknown, fetching, ready };
  std::string origin;
  std::string name; // host name
  bool in_scope = false;
  Dns dns = Dns::unresolved;
  HostAddresses addresses;
  Robots robots_state = Robots::unknown;
  RobotsRules robots = RobotsRules::allow_all();
  int robots_status = 0;
  bool sitemaps_seeded = false;
  Probe probe_state = Probe::unknown;
  std::shared_ptr<const NotFoundSignature> not_found; // when the host answers 200 to it
  std::string not_found_url;
  int not_found_status = 0;
  std::string not_found_title;
  std::deque<Job> priority;           // redirect hops and retries with GET: first
  std::vector<std::deque<Job>> pages; // page jobs by depth
  std::deque<Job> checks;             // availability checks
  int in_flight = 0;
  std::uint32_t requests = 0;
  std::uint32_t failures = 0;
  Clock::time_point next_start{};
  Clock::time_point paused_until{};
};

// The hash the frontier indexes URLs by.
inline std::size_t url_hash(std::string_view url) {
  return std::hash<std::string_view>{}(url);
}

// What a worker found on a page, handed back to the frontier.
struct ParsedPage {
  std::uint32_t id = 0;
  bool probe = false;          // the host's not-found probe, not a page of the site
  bool attachment = false;     // a text attachment: no links, not a page
  std::uint32_t host = 0;      // origin of a probe
  bool like_not_found = false; // see Page::like_not_found
  std::shared_ptr<const NotFoundSignature> signature; // of a probe
  std::string title;
  std::string charset;
  std::vector<Link> links; // one per distinct target, first occurrence
  // url_hash() of each link's URL (one per link, in the same order), made by the parsing worker
  // so that the crawl thread, which looks up every link of every page, does not hash them again.
  std::vector<std::size_t> link_hashes;
  std::string handler_error; // set when the page handler (checks) threw
};

class Frontier {
public:
  Frontier(const CrawlOptions& options, Site& site);

  // Adds a start URL (normalised) at depth 0; its origin becomes part of the scope.
  void add_start(const std::string& url);
  // The crawled host names, sorted.
  std::vector<std::string> scope_hosts() const;

  // Hosts that have queued jobs, rotated on each call so that no host starves the others.
  std::vector<std::uint32_t> hosts_with_work();
  HostState& host(std::uint32_t id) { return m_hosts[id]; }
  // Seconds to wait between two requests to `host` (rate limit and robots Crawl-delay).
  double request_interval(const HostState& host) const;

  // The next job for `host_id`, or none: the robots.txt request comes first for in-scope
  // origins; page jobs wait while `parsers_busy`. Jobs for URLs already claimed (fetched
  // through a redirect) and URLs that robots.txt disallows are dropped here.
  std::optional<Job> pop(std::uint32_t host_id, bool parsers_busy);
  void push_front(Job&& job);
  // Re-queues `job` for its next redirect hop (job.current_url), on that URL's origin.
  void follow(Job&& job);
  // Holds `job` back until `when`.
  void delay(Job&& job, Clock::time_point when);
  void release_delayed(Clock::time_point now);
  // How long the loop may sleep before a delayed job or a paused host is due (at most `max`).
  std::chrono::milliseconds next_wakeup(Clock::time_point now, std::chrono::milliseconds max) const;
  bool has_work() const;

  void record_dns(std::uint32_t host_id, const HostAddresses& addresses);
  // The origin of `url` (created when new), for jobs made outside the frontier.
  std::uint32_t host_of(const std::string& url) { return origin_of(url); }
  // Queues a Kind::ipv6 job on the origin of its URL, ahead of other work there.
  void add_ipv6(Job&& job);
  // Stores robots.txt rules for the origin and queues its sitemaps.
  void robots_done(std::uint32_t host_id, const FetchOutcome& outcome, const std::string& body);
  // Queues a sitemap (index entries: `level` > 0; nesting stops at 3).
  void add_sitemap(const std::string& url, int level);
  // A page listed in a sitemap: crawled if not found through links.
  void add_from_sitemap(const std::string& url);
  // Records the host's answer to its not-found probe; its page jobs may start.
  void not_found_done(std::uint32_t host_id, int status, const std::string& title,
                      std::shared_ptr<const NotFoundSignature> signature);
  // The second look at URL `id`, which failed (same method; pages parsed again if they now
  // answer). DNS failures are resolved again.
  Job recheck_job(std::uint32_t id);

  // Stores the final outcome of `job` on its URL record. Returns the id of the URL whose page
  // the body is (the redirect target when that is an unclaimed in-scope URL), or k_no_url when
  // the body is not to be parsed.
  std::uint32_t complete(const Job& job, const FetchOutcome& outcome, bool is_html);
  // Records the links of a parsed page and queues the new targets.
  void add_links(ParsedPage& parsed);
  // Ends the crawl: depth of every URL settled, unfetched URLs marked, host facts copied.
  void finish();

  std::uint32_t queued() const { return m_queued; }
  std::uint32_t errors() const { return m_errors; }

private:
  std::uint32_t intern(const std::string& url, bool& fresh) {
    return intern(url, url_hash(url), fresh);
  }
  std::uint32_t intern(const std::string& url, std::size_t hash, bool& fresh);
  std::uint32_t origin_of(const std::string& url);
  bool in_scope_host(std::string_view host) const;
  bool included(const std::string& url) const;
  void schedule(std::uint32_t id, bool navigational, int depth);
  void enqueue(Job&& job);
  Job make_job(Job::Kind kind, std::uint32_t url_id, int depth) const;
  void set_skipped(std::uint32_t id, UrlState state, std::string reason);

  const CrawlOptions& m_options;
  Site& m_site;
  // URL -> id: a tsl::robin_set of ids whose hash and equality read the records' own URLs
  // (m_site.urls is a deque, which never moves them), so that no URL is stored twice; links are
  // looked up by their URL with the hash the worker made (ParsedPage::link_hashes). StoreHash
  // keeps 32 bits of each hash beside the id (12 bytes a bucket, at most half full: ~3 MB at
  // 100,000 URLs), so that most probes compare no string and growing rehashes no URL.
  struct UrlIdHash {
    using is_transparent = void;
    const std::deque<UrlRecord>* urls;
    std::size_t operator()(std::uint32_t id) const { return url_hash((*urls)[id].url); }
    std::size_t operator()(std::string_view url) const { return url_hash(url); }
  };
  struct UrlIdEqual {
    using is_transparent = void;
    const std::deque<UrlRecord>* urls;
    bool operator()(std::uint32_t left, std::uint32_t right) const { return left == right; }
    bool operator()(std::uint32_t id, std::string_view url) const { return (*urls)[id].url == url; }
    bool operator()(std::string_view url, std::uint32_t id) const { return (*urls)[id].url == url; }
  };
  tsl::robin_set<std::uint32_t, UrlIdHash, UrlIdEqual, std::allocator<std::uint32_t>, true> m_index;
  std::vector<std::uint8_t> m_scheduled; // per URL: a job was made (or it was ruled out)
  std::vector<std::uint8_t> m_claimed;   // per URL: a fetch has started for it
  // Per URL: the depth it was scheduled at, which --max-depth limits (link hops without the
  // pager hops), and how many pager hops in a row led to it.
  std::vector<int> m_crawl_depth;
  std::vector<std::uint16_t> m_pager_run;
  std::vector<HostState> m_hosts;
  std::unordered_map<std::string, std::uint32_t> m_host_index; // origin -> id
  std::vector<std::string> m_scope;                            // exact host names
  std::vector<std::string> m_scope_suffix;                     // ".zone" for "*.zone" entries
  std::vector<std::regex> m_include;
  std::vector<std::regex> m_exclude;
  TrapGuard m_traps;
  std::vector<std::pair<Clock::time_point, Job>> m_delayed;
  std::vector<std::string> m_sitemaps_seen;
  std::uint32_t m_rotation = 0;
  std::uint32_t m_queued = 0;
  std::uint32_t m_errors = 0;
  std::uint32_t m_pages_scheduled = 0;
};

} // namespace scanner
