#include <scanner/dns.hpp>
#include <scanner/ipv6_plan.hpp>

#include <catch2/catch.hpp>

TEST_CASE("scanner::is_global_ipv6", "[scanner][ipv6]") {
  CHECK(scanner::is_global_ipv6("2400:3200::1", false));
  CHECK(scanner::is_global_ipv6("240e:1:2::3", false));
  CHECK_FALSE(scanner::is_global_ipv6("::1", false));
  CHECK(scanner::is_global_ipv6("::1", true));
  CHECK_FALSE(scanner::is_global_ipv6("2001:db8::1", false));
  CHECK_FALSE(scanner::is_global_ipv6("fe80::1", true));
  CHECK_FALSE(scanner::is_global_ipv6("fd12::1", true));
  CHECK_FALSE(scanner::is_global_ipv6("::ffff:1.2.3.4", true));
  CHECK_FALSE(scanner::is_global_ipv6("127.0.0.1", true));
}

TEST_CASE("scanner::ipv6_zones", "[scanner][ipv6]") {
  CHECK(
      scanner::ipv6_zones({"http://www.qingshi.gov.cn:8200/", "http://www.qingshi.gov.cn/x",
                           "https://xxgk.a.gov.cn/", "http://127.0.0.1:80/", "http://[::1]:80/"}) ==
      std::vector<std::string>{"qingshi.gov.cn", "xxgk.a.gov.cn"});
}

TEST_CASE("scanner::in_ipv6_scope", "[scanner][ipv6]") {
  const std::vector<std::string> zones{"qingshi.gov.cn"};
  CHECK(scanner::in_ipv6_scope("jyj.qingshi.gov.cn", false, zones));
  CHECK(scanner::in_ipv6_scope("qingshi.gov.cn", false, zones));
  CHECK_FALSE(scanner::in_ipv6_scope("xqingshi.gov.cn", false, zones));
  CHECK_FALSE(scanner::in_ipv6_scope("www.jiangnan.test", false, zones));
  CHECK(scanner::in_ipv6_scope("www.jiangnan.test", true, zones));
}

TEST_CASE("scanner::sample_indices", "[scanner][ipv6]") {
  CHECK(scanner::sample_indices(4, 0) == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(scanner::sample_indices(3, 5) == std::vector<std::size_t>{0, 1, 2});
  CHECK(scanner::sample_indices(10, 3) == std::vector<std::size_t>{0, 3, 6});
  CHECK(scanner::sample_indices(0, 2).empty());
}

TEST_CASE("scanner::ipv6_targets", "[scanner][ipv6]") {
  scanner::Site site;
  auto add = [&](std::string url, int depth, bool in_scope) {
    scanner::UrlRecord record;
    record.url = std::move(url);
    record.depth = depth;
    record.in_scope = in_scope;
    site.urls.push_back(std::move(record));
    return static_cast<std::uint32_t>(site.urls.size() - 1);
  };
  const auto home = add("http://www.a.gov.cn/", 0, true);
  const auto news = add("http://www.a.gov.cn/news/", 1, true);
  const auto dept = add("http://jyj.a.gov.cn/", 1, false);
  const auto other = add("http://www.other.test/", 1, false);
  const auto article = add("http://www.a.gov.cn/news/1.html", 2, true);
  const auto frame_only = add("http://www.a.gov.cn/frame.html", 1, true);
  const auto logo = add("http://www.a.gov.cn/logo.png", 1, true);
  using scanner::LinkKind;
  site.urls[news].referrers = {{home, 1, LinkKind::anchor, "要闻"}};
  site.urls[dept].referrers = {{home, 2, LinkKind::anchor, "教育局"}};
  site.urls[other].referrers = {{home, 3, LinkKind::anchor, "友情链接"}};
  site.urls[article].referrers = {{news, 4, LinkKind::anchor, "文章"}};
  site.urls[frame_only].referrers = {{home, 5, LinkKind::iframe, ""}};
  // Embedded by the homepage (depth 0: no level) and by the article (depth 2: level 3).
  site.urls[logo].embedded_at = (1u << 0) | (1u << 2);
  const auto targets = scanner::ipv6_targets(site, {"a.gov.cn"});
  REQUIRE(targets.size() == 4);
  CHECK((targets[0].url == news && targets[0].level == 2 && !targets[0].resource));
  CHECK((targets[1].url == dept && targets[1].level == 2 && !targets[1].resource));
  CHECK((targets[2].url == article && targets[2].level == 3 && !targets[2].resource));
  CHECK((targets[3].url == logo && targets[3].level == 3 && targets[3].resource));
}
