#include <scanner/robots.hpp>

#include <catch2/catch.hpp>

using scanner::RobotsRules;

TEST_CASE("scanner::RobotsRules::allowed", "[scanner][robots]") {
  const char* text = "User-agent: *\n"
                     "Disallow: /private/\n"
                     "Allow: /private/open.html\n"
                     "Disallow: /*.php$\n"
                     "Disallow: /search?\n"
                     "Crawl-delay: 2\n"
                     "\n"
                     "User-agent: OtherBot\n"
                     "Disallow: /\n"
                     "Sitemap: http://example.gov.cn/sitemap.xml\n";
  const auto rules = RobotsRules::parse(text, "govaudit");
  auto [path, allowed] = GENERATE(table<const char*, bool>({
      {"/", true},
      {"/news/index.html", true},
      {"/private/", false},
      {"/private/a.html", false},
      {"/private/open.html", true}, // longer Allow wins
      {"/index.php", false},
      {"/index.php?x=1", true}, // '$' anchors at the end
      {"/search?q=1", false},
      {"/search", true},
  }));
  CAPTURE(path);
  CHECK(rules.allowed(path) == allowed);
  CHECK(rules.crawl_delay() == 2);
  REQUIRE(rules.sitemaps().size() == 1);
  CHECK(rules.sitemaps()[0] == "http://example.gov.cn/sitemap.xml");
}

TEST_CASE("scanner::RobotsRules::parse", "[scanner][robots]") {
  SECTION("a group naming govaudit wins over the * group") {
    const auto rules = RobotsRules::parse("User-agent: *\nDisallow: /\n\n"
                                          "User-agent: govaudit\nDisallow: /admin/\n",
                                          "govaudit");
    CHECK(rules.allowed("/news/"));
    CHECK_FALSE(rules.allowed("/admin/x"));
  }
  SECTION("several agents share one group") {
    const auto rules = RobotsRules::parse("User-agent: a\nUser-agent: GovAudit/1.0\n"
                                          "Disallow: /x\n",
                                          "govaudit");
    CHECK_FALSE(rules.allowed("/x/y"));
  }
  SECTION("empty Disallow allows everything, comments and CRLF are handled") {
    const auto rules =
        RobotsRules::parse("User-agent: * # all\r\nDisallow:\r\nDisallow: /tmp # x\r\n", "g");
    CHECK(rules.allowed("/"));
    CHECK_FALSE(rules.allowed("/tmp/a"));
  }
  SECTION("no robots.txt allows everything") {
    CHECK(RobotsRules::allow_all().allowed("/anything"));
  }
  SECTION("wildcards in the middle") {
    const auto rules = RobotsRules::parse("User-agent: *\nDisallow: /*/print/\n", "govaudit");
    CHECK_FALSE(rules.allowed("/news/print/1.html"));
    CHECK(rules.allowed("/news/1.html"));
  }
}
