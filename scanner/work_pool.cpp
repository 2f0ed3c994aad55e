#include <scanner/attachment.hpp>
#include <scanner/html.hpp>
#include <scanner/url.hpp>
#include <scanner/work_pool.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <tsl/robin_set.h>

namespace scanner {

WorkPool::WorkPool(const CrawlOptions&, std::function<void(const Page&)> on_page,
                   std::function<void()> notify)
    : m_on_page(std::move(on_page)), m_notify(std::move(notify)) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  m_max_backlog = std::max<std::size_t>(16, 4 * cores);
  for (unsigned i = 0; i < cores; ++i) {
    m_threads.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
}

WorkPool::~WorkPool() {
  finish();
}

void WorkPool::submit(Page&& page, std::string&& body,
                      std::shared_ptr<const NotFoundSignature> not_found, bool probe,
                      std::uint32_t host) {
  {
    std::lock_guard lock(m_mutex);
    m_tasks.push_back({std::move(page), std::move(body), std::move(not_found), probe, host});
    m_backlog++;
  }
  m_wake.notify_one();
}

std::vector<ParsedPage> WorkPool::take_results() {
  std::lock_guard lock(m_mutex);
  m_backlog -= m_results.size();
  return std::exchange(m_results, {});
}

std::size_t WorkPool::backlog() const {
  std::lock_guard lock(m_mutex);
  return m_backlog;
}

void WorkPool::finish() {
  // Workers drain the queue before they look at the stop request.
  for (auto& thread : m_threads) thread.request_stop();
  m_wake.notify_all();
  m_threads.clear(); // joins
}

void WorkPool::work(const std::stop_token& stop) {
  UrlResolver resolver;
  while (true) {
    Task task;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, stop, [this] { return !m_tasks.empty(); });
      if (m_tasks.empty()) return; // stop requested and nothing left
      task = std::move(m_tasks.front());
      m_tasks.pop_front();
    }
    ParsedPage result = process(task, resolver);
    bool first = false;
    {
      std::lock_guard lock(m_mutex);
      first = m_results.empty();
      m_results.push_back(std::move(result));
    }
    // take_results() takes them all, so a result that joins others waiting is taken with them:
    // only the first one calls for the crawl thread (a wakeup costs it a send, a poll and a
    // read, and a worker finishes a page every few hundred microseconds).
    if (first && m_notify) m_notify();
  }
}

ParsedPage WorkPool::process(Task& task, UrlResolver& resolver) const {
  Page& page = task.page;
  ParsedPage result;
  result.id = page.id;
  result.probe = task.probe;
  result.host = task.host;
  result.attachment = page.attachment;
  // No exception may leave a worker: a failure is recorded on the page's URL.
  try {
    if (page.attachment) {
      if (read_text_attachment(task.body, page) && m_on_page) m_on_page(page);
      result.charset = page.charset;
      return result;
    }
    parse_document(std::move(task.body), page.header("content-type"), page, resolver);
    if (task.probe) {
      result.title = page.title;
      result.signature =
          std::make_shared<const NotFoundSignature>(NotFoundSignature::from_page(page));
      return result;
    }
    page.like_not_found = task.not_found && task.not_found->matches(page);
    result.like_not_found = page.like_not_found;
    if (m_on_page) m_on_page(page);
  } catch (const std::exception& error) {
    result.handler_error = error.what();
  } catch (...) {
    result.handler_error = "unknown error";
  }
  result.title = page.title;
  result.charset = page.charset;
  // One link per distinct target, in page order: the frontier needs no more. A robin_set of
  // link indices finds the repeats without a node per link or a copy of a URL: an index hashes
  // as the hash already made for its link (link_hashes) and compares by the link's URL.
  const std::size_t count = page.links.size();
  const std::vector<Link>& links = page.links;
  std::vector<std::size_t>& hashes = result.link_hashes;
  hashes.reserve(count);
  struct IndexHash {
    const std::vector<std::size_t>* hashes;
    std::size_t operator()(std::uint32_t index) const { return (*hashes)[index]; }
    std::size_t operator()(std::string_view url) const { return url_hash(url); }
  };
  struct IndexEqual {
    using is_transparent = void;
    const std::vector<Link>* links;
    bool operator()(std::uint32_t left, std::uint32_t right) const { return left == right; }
    bool operator()(std::uint32_t index, std::string_view url) const {
      return (*links)[index].url == url;
    }
    bool operator()(std::string_view url, std::uint32_t index) const {
      return (*links)[index].url == url;
    }
  };
  tsl::robin_set<std::uint32_t, IndexHash, IndexEqual, std::allocator<std::uint32_t>, true> seen(
      0, IndexHash{&hashes}, IndexEqual{&links});
  seen.reserve(count); // no rehash while the page's links go in
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t hash = url_hash(page.links[i].url);
    if (seen.find(std::string_view(page.links[i].url), hash) != seen.end())
      continue; // a repeat: the first occurrence is kept
    // Moved down in place, behind the distinct links before it: the order stays the page's.
    if (distinct != i) page.links[distinct] = std::move(page.links[i]);
    hashes.push_back(hash);
    seen.insert(static_cast<std::uint32_t>(distinct));
    ++distinct;
  }
  page.links.resize(distinct);
  result.links = std::move(page.links);
  return result;
}

} // namespace scanner
