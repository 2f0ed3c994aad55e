#pragma once
// Transfers: libcurl's multi interface drives every request from the crawl thread. The
// fetcher makes no decisions (what to fetch, when, retries): the crawl does.

#include <scanner/dns.hpp>
#include <scanner/frontier.hpp>
#include <scanner/options.hpp>
#include <scanner/page.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace scanner {

// A finished request: the job it served, its outcome and the body (pages only).
struct Transfer {
  Job job;
  FetchOutcome outcome;
  std::string body;
};

class Fetcher {
public:
  explicit Fetcher(const CrawlOptions& options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Starts the request of `job` (job.current_url), connecting to `addresses` (the resolver's
  // answer for its host: curl never resolves names itself, unless a proxy is used).
  void start(Job&& job, const HostAddresses& addresses);

  // Waits up to `wait` for network activity, the resolver's sockets `extra`, or wakeup(); then
  // drives the transfers. Returns the entries of `extra` that are ready (flags set as found).
  std::vector<ResolverSocket> poll(const std::vector<ResolverSocket>& extra,
                                   std::chrono::milliseconds wait);

  // The requests that finished since the last call.
  std::vector<Transfer> completed();

  std::size_t in_flight() const;

  // Abandons every request in flight (their jobs are dropped).
  void cancel_all();

  // Interrupts a poll() in progress. Safe from any thread.
  void wakeup();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace scanner
