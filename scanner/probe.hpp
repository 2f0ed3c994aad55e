#pragma once
// Availability probes (avail.homepage): one timed request for a page, outside the crawl, with
// the resolver's answer, the status and whether the answer is an error page.

#include <scanner/options.hpp>
#include <scanner/page.hpp>

#include <string>
#include <vector>

namespace scanner {

struct ProbeSample {
  std::string url;       // what was sampled, as given to probe_page
  std::string at;        // UTC, ISO 8601
  std::string addresses; // what the resolver answered, e.g. "127.0.0.1 ::1" or "nxdomain"
  int status = 0;        // final HTTP status after redirects, 0 when none
  std::string error;     // error class name ("dns", "timeout", ...) or "" when answered
  std::string error_detail;
  std::string title;
  bool error_page = false; // the page says it is an error page (title phrases)
  double seconds = 0;      // until the whole page had loaded, or the failure
  bool ok = false;         // loaded within the limit with a status below 500, not an error page
  // Pinned samples (family 4 or 6; 0 = either family) also keep what the IPv6 checks compare.
  int family = 0;
  std::string remote_address;     // the address connected to
  std::string local_address;      // the source address used
  double dns_seconds = 0;         // the resolver's time for this family's query
  Timings timings;                // curl's connect, first byte and total times
  std::string text;               // visible text of the page
  std::vector<std::string> links; // distinct link targets (absolute)
};

// Fetches `url` once (GET, redirects followed, at most `limit_s` seconds in all) with the
// request settings of `options` (User-Agent, headers, proxy, DNS server ...). A title that
// contains one of `error_phrases` marks an error page. `family` 4 or 6 pins the request to that
// address family on a fresh connection (no fallback to the other); a host without an address of
// that family (for 6: a global one, see is_global_ipv6) fails with error "dns" unrequested.
// Never throws.
ProbeSample probe_page(const std::string& url, const CrawlOptions& options, double limit_s,
                       const std::vector<std::string>& error_phrases, int family = 0);

} // namespace scanner
