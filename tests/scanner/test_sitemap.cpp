#include <scanner/sitemap.hpp>

#include <catch2/catch.hpp>
#include <zlib.h>

#include <string>

namespace {

std::string gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

} // namespace

TEST_CASE("scanner::parse_sitemap", "[scanner][sitemap]") {
  const std::string urlset =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
      "  <url><loc> http://www.a.gov.cn/a.html </loc><lastmod>2026-11-01</lastmod></url>\n"
      "  <url><loc>http://www.a.gov.cn/b.html?x=1&amp;y=2</loc></url>\n"
      "</urlset>\n";
  SECTION("urlset") {
    const auto entries = scanner::parse_sitemap(urlset);
    CHECK(entries.error.empty());
    CHECK_FALSE(entries.is_index);
    REQUIRE(entries.locations.size() == 2);
    CHECK(entries.locations[0] == "http://www.a.gov.cn/a.html");
    CHECK(entries.locations[1] == "http://www.a.gov.cn/b.html?x=1&y=2");
  }
  SECTION("gzip") {
    const auto entries = scanner::parse_sitemap(gzip(urlset));
    CHECK(entries.locations.size() == 2);
  }
  SECTION("index") {
    const auto entries = scanner::parse_sitemap(
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        "<sitemap><loc>http://www.a.gov.cn/s1.xml</loc></sitemap></sitemapindex>");
    CHECK(entries.is_index);
    REQUIRE(entries.locations.size() == 1);
  }
  SECTION("not a sitemap") {
    CHECK_FALSE(scanner::parse_sitemap("<html><body>404</body></html>").error.empty());
    CHECK_FALSE(scanner::parse_sitemap("not xml at all").error.empty());
    CHECK(scanner::parse_sitemap(std::string("\x1f\x8b garbage", 10)).error == "bad gzip data");
  }
  SECTION("entities are not expanded from outside") {
    const auto entries = scanner::parse_sitemap(
        "<?xml version=\"1.0\"?><!DOCTYPE u [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<urlset><url><loc>http://a.gov.cn/&x;</loc></url></urlset>");
    for (const auto& location : entries.locations)
      CHECK(location.find("root:") == std::string::npos);
  }
}
