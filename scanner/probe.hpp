#pragma once
// Availability probes (avail.homepage): one timed request for a page, outside the crawl, with
// the resolver's answer, the status and whether the answer is an error page.

#include <scanner/options.hpp>

#include <string>
#include <vector>

namespace scanner {

struct ProbeSample {
  std::string at;        // UTC, ISO 8601
  std::string addresses; // what the resolver answered, e.g. "127.0.0.1 ::1" or "nxdomain"
  int status = 0;        // final HTTP status after redirects, 0 when none
  std::string error;     // error class name ("dns", "timeout", ...) or "" when answered
  std::string error_detail;
  std::string title;
  bool error_page = false; // the page says it is an error page (title phrases)
  double seconds = 0;      // until the whole page had loaded, or the failure
  bool ok = false;         // loaded within the limit with a status below 500, not an error page
};

// Fetches `url` once (GET, redirects followed, at most `limit_s` seconds in all) with the
// request settings of `options` (User-Agent, headers, proxy, DNS server ...). A title that
// contains one of `error_phrases` marks an error page. Never throws.
ProbeSample probe_page(const std::string& url, const CrawlOptions& options, double limit_s,
                       const std::vector<std::string>& error_phrases);

} // namespace scanner
