#include <scanner/options.hpp>
#include <scanner/work_pool.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

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

// The links handed to the frontier: one per distinct URL, the first occurrence, in page order,
// each with its url_hash (the robin_set of link indices that finds the repeats).
TEST_CASE("scanner::WorkPool keeps the first link to each URL", "[scanner][work_pool]") {
  const scanner::CrawlOptions options;
  scanner::WorkPool pool(
      options, [](const scanner::Page&) {}, [] {});
  std::string body = "<title>links</title>";
  std::vector<std::string> expected;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 700; ++i) {
      // Round 0 writes each link; later rounds repeat them with other texts and kinds.
      const std::string path = "/p" + std::to_string(i) + ".html";
      body += round == 1 ? "<img src=\"" + path + "\">"
                         : "<a href=\"" + path + "\">" + std::to_string(round) + "</a>";
      if (round == 0) expected.push_back("http://www.a.gov.cn" + path);
    }
  }
  body += "<a href=\"/p5.html#x\">again</a><a href=\"/last.html\">last</a>";
  expected.push_back("http://www.a.gov.cn/last.html");
  pool.submit(page_numbered(0), std::move(body), nullptr);
  pool.finish();
  std::vector<scanner::ParsedPage> results = pool.take_results();
  REQUIRE(results.size() == 1);
  const scanner::ParsedPage& parsed = results[0];
  REQUIRE(parsed.links.size() == expected.size());
  REQUIRE(parsed.link_hashes.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    REQUIRE(parsed.links[i].url == expected[i]);
    REQUIRE(parsed.link_hashes[i] == scanner::url_hash(expected[i]));
    if (i + 1 < expected.size()) REQUIRE(parsed.links[i].text == "0");
  }
}
