#pragma once
// The crawl: one event loop (libcurl multi + c-ares) on the calling thread does all network
// I/O and owns the frontier; a pool of worker threads decodes and parses pages and hands each
// parsed Page to the caller's handler (where the checks run).

#include <scanner/options.hpp>
#include <scanner/page.hpp>
#include <scanner/site.hpp>

#include <atomic>
#include <core/expected.hpp>
#include <functional>

namespace scanner {

// A snapshot for progress lines.
struct CrawlProgress {
  std::uint32_t pages = 0;  // HTML pages parsed
  std::uint32_t done = 0;   // requests completed
  std::uint32_t queued = 0; // URLs waiting
  std::uint32_t errors = 0; // URLs failed
  std::uint32_t in_flight = 0;
  double seconds = 0; // since the crawl started
};

struct CrawlHooks {
  // Called once per parsed HTML page and once per in-scope text attachment (.txt, .csv; see
  // Page::attachment), on a worker thread, possibly on several at once. Must not throw (an
  // exception is caught, recorded in the page's URL record and ignored).
  std::function<void(const Page&)> on_page;
  // Called on the crawl thread every few hundred milliseconds.
  std::function<void(const CrawlProgress&)> on_progress;
  // Polled by the event loop; when it becomes true the crawl stops, cancels its transfers,
  // and returns what it has, marked incomplete.
  const std::atomic<bool>* stop = nullptr;
};

// Crawls the sites of `options` and returns the whole crawl. Fails only when the crawl cannot
// start (DNS resolver or libcurl set-up); unreachable sites are outcomes in the Site.
core::Expected<Site> crawl(const CrawlOptions& options, const CrawlHooks& hooks);

// Initialises libcurl, c-ares and libxml2 once, on the main thread, before any crawl.
void global_init();
void global_cleanup();

} // namespace scanner
