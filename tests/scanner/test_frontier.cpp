#include <scanner/frontier.hpp>
#include <scanner/options.hpp>
#include <scanner/site.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

std::string page_url(int number) {
  return "http://www.qingshi.gov.cn/xwzx/" + std::to_string(number) + ".html";
}

// A parsed page of `parent` linking `urls`, with the hashes a worker makes.
scanner::ParsedPage parsed_page(std::uint32_t parent, const std::vector<std::string>& urls) {
  scanner::ParsedPage parsed;
  parsed.id = parent;
  for (const std::string& url : urls) {
    scanner::Link link;
    link.url = url;
    link.kind = scanner::LinkKind::anchor;
    parsed.link_hashes.push_back(scanner::url_hash(url));
    parsed.links.push_back(std::move(link));
  }
  return parsed;
}

} // namespace

// The URL index (a tsl::robin_set of ids over the records' URLs): each distinct URL gets one
// record, ids are dense and never change while the index grows, and a URL seen again finds its
// first id.
TEST_CASE("scanner::Frontier interns each URL once, with stable ids", "[scanner][frontier]") {
  scanner::CrawlOptions options;
  scanner::Site site;
  scanner::Frontier frontier(options, site);
  frontier.add_start("http://www.qingshi.gov.cn/");
  REQUIRE(site.urls.size() == 1);

  // Far more URLs than the index's first 1,024 buckets: it grows several times.
  constexpr int k_urls = 20'000;
  std::vector<std::string> urls;
  for (int i = 0; i < k_urls; ++i) urls.push_back(page_url(i));
  scanner::ParsedPage first = parsed_page(0, urls);
  frontier.add_links(first);
  REQUIRE(site.urls.size() == 1 + k_urls);
  for (int i = 0; i < k_urls; ++i) {
    const scanner::UrlRecord& record = site.urls[static_cast<std::size_t>(1 + i)];
    REQUIRE(record.url == urls[static_cast<std::size_t>(i)]);
    REQUIRE(record.referrer_count == 1);
  }

  // The same URLs in the reverse order, as new strings, and the start page again: no new
  // record, each link counted on the record its URL got first.
  std::vector<std::string> again(urls.rbegin(), urls.rend());
  again.push_back("http://www.qingshi.gov.cn/");
  scanner::ParsedPage second = parsed_page(1, again);
  frontier.add_links(second);
  CHECK(site.urls.size() == 1 + k_urls);
  for (int i = 0; i < k_urls; ++i) {
    const scanner::UrlRecord& record = site.urls[static_cast<std::size_t>(1 + i)];
    REQUIRE(record.url == urls[static_cast<std::size_t>(i)]);
    REQUIRE(record.referrer_count == 2);
    REQUIRE(record.referrers.back().page == 1);
  }
  CHECK(site.urls[0].referrer_count == 1);

  // A URL that differs in one byte is a new record after them.
  scanner::ParsedPage third = parsed_page(2, {page_url(7) + "?", page_url(7)});
  frontier.add_links(third);
  REQUIRE(site.urls.size() == 2 + k_urls);
  CHECK(site.urls.back().url == page_url(7) + "?");
  CHECK(site.urls[8].referrer_count == 3);
}
