#include <scanner/options.hpp>
#include <scanner/work_pool.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace {

scanner::Page page_numbered(std::uint32_t id) {
  scanner::Page page;
  page.id = id;
  page.url = "http://www.a.gov.cn/p" + std::to_string(id) + ".html";
  return page;
}

std::string body_numbered(std::uint32_t id) {
  return "<title>p" + std::to_string(id) + "</title><a href=\"/next" + std::to_string(id) +
         ".html\">next</a><a href=\"/\">home</a>";
}

} // namespace

// The crawl thread is woken when a result is there and none was waiting: results that join
// others are taken with them, so one call per batch is all it needs, and it never misses one.
TEST_CASE("scanner::WorkPool calls for its results once per batch", "[scanner][work_pool]") {
  std::atomic<int> notifications{0};
  std::atomic<int> pages{0};
  const scanner::CrawlOptions options;
  scanner::WorkPool pool(
      options, [&](const scanner::Page&) { ++pages; }, [&] { ++notifications; });

  pool.submit(page_numbered(0), body_numbered(0), nullptr);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (notifications.load() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(notifications.load() == 1);
  std::vector<scanner::ParsedPage> first = pool.take_results();
  REQUIRE(first.size() == 1);
  CHECK(first[0].title == "p0");
  CHECK(first[0].links.size() == 2);
  CHECK(first[0].link_hashes.size() == 2);

  // Nothing takes these until the workers are done: the first result calls, the rest wait.
  constexpr std::uint32_t k_more = 40;
  for (std::uint32_t id = 1; id <= k_more; ++id)
    pool.submit(page_numbered(id), body_numbered(id), nullptr);
  pool.finish();
  CHECK(notifications.load() == 2);
  CHECK(pages.load() == static_cast<int>(k_more) + 1);
  std::vector<scanner::ParsedPage> rest = pool.take_results();
  CHECK(rest.size() == k_more);
  CHECK(pool.idle());
}
