#pragma once
// The worker pool: decodes and parses fetched pages off the network thread, runs the page
// handler (the checks) on them, and hands back what the frontier needs (the links).

#include <scanner/frontier.hpp>
#include <scanner/options.hpp>
#include <scanner/page.hpp>
#include <scanner/url.hpp>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace scanner {

class WorkPool {
public:
  // Starts one worker per core. `on_page` runs on the workers; `notify` is called (from a
  // worker) when a result is ready and none was waiting, to wake the crawl thread.
  WorkPool(const CrawlOptions& options, std::function<void(const Page&)> on_page,
           std::function<void()> notify);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `page` (fetch outcome filled in) with its raw `body` for parsing. `not_found` is
  // its host's not-found signature, if any. A `probe` (a host's answer to a missing path) is
  // parsed for its signature only: the page handler does not see it. A page marked
  // `attachment` is read as a text attachment (no HTML parsing, no links).
  void submit(Page&& page, std::string&& body, std::shared_ptr<const NotFoundSignature> not_found,
              bool probe = false, std::uint32_t host = 0);
  // The pages parsed since the last call. The notify callback is called when a result is there
  // and none was before: a caller that takes them all after each notification misses none.
  std::vector<ParsedPage> take_results();
  // Pages submitted whose results have not been taken yet.
  std::size_t backlog() const;
  // The backlog at which the crawl stops starting page downloads.
  std::size_t max_backlog() const { return m_max_backlog; }
  // True when nothing is queued, being parsed or waiting to be taken.
  bool idle() const { return backlog() == 0; }
  // Parses what is queued, then stops the workers.
  void finish();

private:
  struct Task {
    Page page;
    std::string body;
    std::shared_ptr<const NotFoundSignature> not_found;
    bool probe = false;
    std::uint32_t host = 0;
  };
  void work(const std::stop_token& stop);
  ParsedPage process(Task& task, UrlResolver& resolver) const;

  std::function<void(const Page&)> m_on_page;
  std::function<void()> m_notify;
  std::size_t m_max_backlog = 16;
  mutable std::mutex m_mutex; // guards m_tasks, m_results, m_backlog
  std::condition_variable_any m_wake;
  std::deque<Task> m_tasks;
  std::vector<ParsedPage> m_results;
  std::size_t m_backlog = 0;
  std::vector<std::jthread> m_threads;
};

} // namespace scanner
