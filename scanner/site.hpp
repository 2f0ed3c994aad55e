#pragma once
// The whole crawl as the checks see it once it has ended: every distinct URL with its fetch
// outcome and the pages that link to it, the hosts with their DNS facts, and the crawl totals.

#include <scanner/page.hpp>
#include <scanner/probe.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace scanner {

// Where a URL was linked from. Only the first `k_max_referrers` are kept in detail per URL;
// `UrlRecord::referrer_count` counts them all.
struct Referrer {
  std::uint32_t page = 0; // id of the linking page in Site::urls
  std::uint32_t line = 0;
  LinkKind kind = LinkKind::anchor;
  std::string text; // anchor text, cut to 200 bytes
};

inline constexpr std::size_t k_max_referrers = 256;

// What the crawler did with a URL.
enum class UrlState : std::uint8_t {
  queued,    // known but never fetched (crawl stopped or limits reached)
  fetched,   // fetched (HTML pages were parsed and given to the checks)
  checked,   // external or non-HTML: checked for availability only
  skipped,   // out of limits, excluded by --exclude, or a crawl trap
  disallowed // robots.txt disallows it
};

std::string_view url_state_name(UrlState state);

// One distinct URL of the crawl.
struct UrlRecord {
  std::string url;
  bool in_scope = false; // host belongs to the audited site(s)
  bool is_page = false;  // an HTML document that was parsed
  int depth = -1;        // fewest link hops from a start URL, -1 when unknown (sitemap only)
  bool from_sitemap = false;
  UrlState state = UrlState::queued;
  std::string skip_reason; // why it was skipped, when it was
  FetchOutcome fetch;
  std::string charset;
  std::string title;
  bool like_not_found = false; // see Page::like_not_found
  // The first outcome when the URL failed and was looked at again at the end of the crawl
  // (`fetch` then holds the second look). Few URLs have one: a pointer, not a second inline
  // FetchOutcome in every record.
  std::shared_ptr<const FetchOutcome> first_look;
  std::uint32_t referrer_count = 0;
  std::vector<Referrer> referrers;
  // Bit d set: a page at depth d (d < 8) embeds this URL (image, script, style, frame, media).
  // Kept for every embedding page, unlike `referrers`, for the IPv6 level checks.
  std::uint8_t embedded_at = 0;
};

// DNS facts about one host, as c-ares answered.
struct DnsAnswer {
  std::string status; // "ok", "nodata", "nxdomain", "servfail", "timeout", "refused", "error"
  std::vector<std::string> addresses;
  double seconds = 0;
};

struct HostRecord {
  std::string name; // lower-case host name (punycode) or IP literal
  bool in_scope = false;
  DnsAnswer a;
  DnsAnswer aaaa;
  bool robots_fetched = false;
  int robots_status = 0; // HTTP status of /robots.txt, 0 if not fetched
  double crawl_delay = 0;
  std::vector<std::string> sitemaps;
  std::uint32_t requests = 0;
  std::uint32_t failures = 0;
  // What the host answers for a random path that cannot exist (crawled hosts only).
  std::string not_found_url;
  int not_found_status = 0;
  std::string not_found_title;
};

// A crawl trap that the frontier stopped, with an example URL.
struct TrapRecord {
  std::string kind; // "long_url", "repeated_segment", "query_variations", "calendar"
  std::string example;
  std::uint32_t dropped = 0;
};

struct CrawlTotals {
  std::uint32_t pages = 0;   // HTML pages parsed
  std::uint32_t fetched = 0; // requests that completed (any outcome)
  std::uint32_t errors = 0;  // URLs with a transport error or status >= 400
  std::uint64_t bytes = 0;   // body bytes received
  std::uint32_t retries = 0; // extra attempts
  double seconds = 0;        // wall time of the crawl
};

// The IPv6 checks: which URLs are the level-2 and level-3 links (二级/三级链接) of the site.
struct Ipv6Target {
  std::uint32_t url = 0; // id in Site::urls
  int level = 2;         // 2 = depth 1 (linked from the homepage), 3 = depth 2
  bool resource = false; // embedded by a page at that depth, not an <a> target
};

// One request of the IPv6 phase pinned to one address family, through the crawl's per-host
// limits.
struct FamilyFetch {
  std::string url;
  int family = 6;             // 4 or 6
  bool host_probe = false;    // the first URL of its origin: decides whether the rest is fetched
  bool fetched = false;       // false: not requested (no usable address, or its origin is down)
  std::string skip_reason;    // why it was not requested
  FetchOutcome fetch;         // status, error, redirects and timings
  std::string remote_address; // the address connected to
  std::string local_address;  // the source address used
};

// A name server of a zone and its addresses.
struct NameServerRecord {
  std::string name;
  DnsAnswer a;
  DnsAnswer aaaa;
};

// The delegation of a site's zone: the NS answer (walking up from the host name to the first
// name that has NS records) and each name server's addresses.
struct ZoneRecord {
  std::string host; // the start host the zone was looked up for
  std::string zone; // the name that answered NS ("" when none did)
  DnsAnswer ns;     // the last NS answer (its status tells why when `zone` is empty)
  std::vector<NameServerRecord> servers;
  std::string note; // why the delegation was not looked up (hosts file, IP literal)
};

// Facts for the IPv6 checks collected after the crawl.
struct Ipv6Facts {
  bool measured = false; // false when the phase did not run (`note` says why)
  std::string note;
  bool allow_loopback = false;    // ::1 counted as global (--allow-loopback-ipv6)
  std::vector<std::string> zones; // hosts under these zones are in IPv6 scope
  std::vector<Ipv6Target> targets;
  std::vector<FamilyFetch> fetches; // level URLs over IPv6, in request order
  std::vector<ZoneRecord> delegations;
};

// The merged result of one crawl over every configured site; SiteScope says whose each URL is.
struct Site {
  std::vector<std::string> start_urls;  // every site's, normalised, in config order
  std::vector<std::string> scope_hosts; // hosts crawled (the rest are external)
  // index = URL id; a deque grows without copying every record (and without a vector's
  // doubling slack) on a crawl of 100,000 URLs
  std::deque<UrlRecord> urls;
  std::vector<HostRecord> hosts;
  std::vector<TrapRecord> traps;
  CrawlTotals totals;
  bool complete = true;    // false when interrupted or cut short
  std::string stop_reason; // why it is incomplete ("interrupted", "max-pages", ...)
  std::string started_at;  // UTC, ISO 8601
  std::string finished_at;
  // Availability samples of each site's homepage (its first start URL; ProbeSample::url says
  // which), taken at the start and the end of the scan.
  std::vector<ProbeSample> homepage_samples;
  // Each homepage pinned to IPv4 and to IPv6, sampled with homepage_samples (family 4 or 6).
  std::vector<ProbeSample> family_samples;
  Ipv6Facts ipv6;
};

} // namespace scanner
