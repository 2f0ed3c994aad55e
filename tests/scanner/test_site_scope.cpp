#include <scanner/site_scope.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

using scanner::SiteBounds;
using scanner::SiteScope;

namespace {

constexpr std::size_t k_none = SiteScope::k_no_site;

SiteScope scope_of(const std::vector<SiteBounds>& sites) {
  return SiteScope(sites);
}

} // namespace

TEST_CASE("scanner::SiteScope::owner", "[scanner][site_scope]") {
  SECTION("a department in a folder of the portal's host") {
    const SiteScope scope = scope_of({
        {{"http://www.example.gov.cn/"}, {"xxgk.example.gov.cn"}, {}},
        {{"http://www.example.gov.cn/jyj/index.html"}, {}, {}},
    });
    const auto [url, owner] = GENERATE(table<std::string, std::size_t>({
        // the department owns the folder of its start URL, the portal the rest of the host
        {"http://www.example.gov.cn/", 0},
        {"http://www.example.gov.cn/xxgk/2026/a.html", 0},
        {"http://www.example.gov.cn/jyj/", 1},
        {"http://www.example.gov.cn/jyj/index.html", 1},
        {"http://www.example.gov.cn/jyj/tzgg/202611/t1.html?page=2", 1},
        // the folder without its slash (the server redirects it), but not a longer name
        {"http://www.example.gov.cn/jyj", 1},
        {"http://www.example.gov.cn/jyjxxgk/", 0},
        // the scheme does not count: http and https of a host are one site
        {"https://www.example.gov.cn/jyj/a.html", 1},
        {"https://www.example.gov.cn/a.html", 0},
        // only the portal claims its xxgk host: all of it, /jyj/ included
        {"http://xxgk.example.gov.cn/jyj/a.html", 0},
        // another port of a host two sites start on is neither's; other hosts are nobody's
        {"http://www.example.gov.cn:8080/jyj/", k_none},
        {"http://www.other.gov.cn/jyj/", k_none},
    }));
    CAPTURE(url);
    CHECK(scope.owner(url) == owner);
  }

  SECTION("paths, hosts and zones") {
    const SiteScope scope = scope_of({
        {{"http://www.example.gov.cn/"}, {"xxgk.example.gov.cn", "*.example.gov.cn"}, {}},
        {{"http://www.example.gov.cn/jyj/"}, {"XXGK.Example.gov.cn"}, {"/jyj/", "/gk/jyj/"}},
        {{"http://wsj.example.gov.cn/"}, {}, {}},
    });
    const auto [url, owner] = GENERATE(table<std::string, std::size_t>({
        // a department's paths hold on its start host and on its hosts entries
        {"http://www.example.gov.cn/gk/jyj/a.html", 1},
        {"http://www.example.gov.cn/gk/wsj/a.html", 0},
        {"http://xxgk.example.gov.cn/jyj/a.html", 1},
        {"http://xxgk.example.gov.cn/gk/jyj/", 1},
        // with paths, a hosts entry does not take the rest of that host
        {"http://xxgk.example.gov.cn/", 0},
        {"http://xxgk.example.gov.cn/gk/", 0},
        // a zone entry covers the names under it; a site starting on one of them owns it
        {"http://jtj.example.gov.cn/", 0},
        {"http://a.b.example.gov.cn/x", 0},
        {"http://wsj.example.gov.cn/", 2},
        {"http://wsj.example.gov.cn/jyj/", 2},
        {"http://example.gov.cn/", k_none},
    }));
    CAPTURE(url);
    CHECK(scope.owner(url) == owner);
  }

  SECTION("the longest prefix wins; a shared host's rest goes to the first site") {
    const SiteScope scope = scope_of({
        {{"http://h.gov.cn/jyj/"}, {}, {}},
        {{"http://h.gov.cn/jyj/xx/index.html"}, {}, {}},
        {{"http://h.gov.cn/wsj/"}, {}, {}},
        // a start URL without an extension names a folder without its slash
        {{"http://h.gov.cn/mzj"}, {}, {}},
        {{"http://h.gov.cn/col/col12/index.html?x=1"}, {}, {}},
    });
    const auto [url, owner] = GENERATE(table<std::string, std::size_t>({
        {"http://h.gov.cn/jyj/a.html", 0},
        {"http://h.gov.cn/jyj/xx/a.html", 1},
        {"http://h.gov.cn/wsj/a/b.html", 2},
        {"http://h.gov.cn/mzj", 3},
        {"http://h.gov.cn/mzj/a.html", 3},
        {"http://h.gov.cn/mzjx/a.html", 0},
        {"http://h.gov.cn/col/col12/a.html", 4},
        {"http://h.gov.cn/col/col13/a.html", 0},
        // nobody starts at the root: the first site in config order
        {"http://h.gov.cn/", 0},
        {"http://h.gov.cn/other/", 0},
    }));
    CAPTURE(url);
    CHECK(scope.owner(url) == owner);
  }

  SECTION("one site alone owns its whole host, at every port") {
    const SiteScope scope =
        scope_of({{{"http://www.example.gov.cn/index/index.html"}, {}, {"/index/"}}});
    const auto [url, owner] = GENERATE(table<std::string, std::size_t>({
        {"http://www.example.gov.cn/index/a.html", 0},
        {"http://www.example.gov.cn/xxgk/2026/a.html", 0},
        {"http://www.example.gov.cn/", 0},
        {"https://www.example.gov.cn:8443/xxgk/", 0},
        {"http://jyj.example.gov.cn/", k_none},
    }));
    CAPTURE(url);
    CHECK(scope.owner(url) == owner);
  }

  SECTION("two sites on two ports of one loopback host") {
    const SiteScope scope = scope_of({
        {{"http://127.0.0.1:8001/"}, {}, {}},
        {{"http://127.0.0.1:8002/jyj/"}, {}, {}},
    });
    const auto [url, owner] = GENERATE(table<std::string, std::size_t>({
        {"http://127.0.0.1:8001/", 0},
        {"http://127.0.0.1:8001/jyj/a.html", 0},
        {"http://127.0.0.1:8002/jyj/a.html", 1},
        // the only site on that origin owns all of it
        {"http://127.0.0.1:8002/", 1},
        {"http://127.0.0.1:8003/", k_none},
        {"http://127.0.0.1/", k_none},
        {"http://[::1]:8001/", k_none},
    }));
    CAPTURE(url);
    CHECK(scope.owner(url) == owner);
  }

  SECTION("hosts entries as the config writes them") {
    const SiteScope scope = scope_of({
        {{"http://www.example.gov.cn/"}, {"[::1]", "127.0.0.2", "政务.example.cn"}, {}},
        {{"http://localhost:8080/"}, {}, {}},
        {{"http://localhost:8080/zw/"}, {}, {"/教育局/"}},
    });
    const auto [url, owner] = GENERATE(table<std::string, std::size_t>({
        {"http://[::1]:9000/a", 0},
        {"http://127.0.0.2/a", 0},
        {"http://xn--zfr164b.example.cn/", 0}, // punycode of 政务
        // paths and start URLs compare as normalised URLs (percent-encoded)
        {"http://localhost:8080/%E6%95%99%E8%82%B2%E5%B1%80/a.html", 2},
        {"http://localhost:8080/zw/a.html", 2},
        {"http://localhost:8080/a.html", 1},
    }));
    CAPTURE(url);
    CHECK(scope.owner(url) == owner);
  }

  SECTION("no sites, no owner") {
    const SiteScope scope;
    CHECK(scope.size() == 0);
    CHECK(scope.owner("http://www.example.gov.cn/") == k_none);
    CHECK(scope.owner("not a url") == k_none);
  }
}

TEST_CASE("scanner::SiteScope from the config", "[scanner][site_scope]") {
  scanner::SiteConfig portal;
  portal.start_urls = {"HTTP://WWW.Example.gov.cn:80/"};
  scanner::SiteConfig department;
  department.start_urls = {"http://www.example.gov.cn/jyj/index.html", "not a URL"};
  department.paths = {"/xxgk/jyj/"};
  const SiteScope scope(std::vector<scanner::SiteConfig>{portal, department});
  REQUIRE(scope.size() == 2);
  CHECK(scope.start_urls(0) == std::vector<std::string>{"http://www.example.gov.cn/"});
  CHECK(scope.start_urls(1) ==
        std::vector<std::string>{"http://www.example.gov.cn/jyj/index.html"});
  CHECK(scope.owner("http://www.example.gov.cn/xxgk/jyj/a.html") == 1);
  CHECK(scope.owner("http://www.example.gov.cn/xxgk/a.html") == 0);
}
