// End-to-end: the link checks (links.broken, links.unverified, links.redirects,
// links.mixed_content, links.anchors) against loopback servers.

#include <catch2/catch.hpp>

#include <set>
#include <tests/e2e/scan_helpers.hpp>

using e2e::scan;
using test_support::TempDir;
using test_support::TestServer;

namespace {

std::set<std::string> urls_of(const e2e::ScanResult& result, const std::string& check,
                              const std::string& severity) {
  std::set<std::string> urls;
  for (const auto& finding : result.findings["findings"]) {
    if (finding["check"] == check && finding["severity"] == severity) urls.insert(finding["url"]);
  }
  return urls;
}

} // namespace

TEST_CASE("links: soft 404s, blocked hosts, second looks, redirects and anchors", "[e2e][links]") {
  TestServer server("links");
  TempDir out;
  auto result = scan({server.url("/"), "--retries", "1", "--recheck-after", "1"}, out.path());
  REQUIRE(result.run.exit_code == 0);
  const std::string external = "http://localhost:" + std::to_string(server.port());

  SECTION("exactly the broken links are broken") {
    CHECK(urls_of(result, "links.broken", "failure") ==
          std::set<std::string>{server.url("/soft/title.html"), server.url("/soft/text.html"),
                                server.url("/__/status/503")});
  }
  SECTION("soft 404s say why") {
    auto title = result.findings_for("links.broken", server.url("/soft/title.html"));
    REQUIRE(title.size() == 1);
    CHECK(title[0]["evidence"]["error"] == "soft_404");
    CHECK(title[0]["evidence"]["soft_404"]["soft_404"] == "title");
    CHECK(title[0]["page"] == server.url("/"));
    auto text = result.findings_for("links.broken", server.url("/soft/text.html"));
    REQUIRE(text.size() == 1);
    CHECK(text[0]["evidence"]["soft_404"]["phrase"] == "已被删除");
  }
  SECTION("a host that blocks crawlers is unverified, never broken") {
    auto waf = result.findings_for("links.unverified", server.url("/__/waf"));
    REQUIRE(waf.size() == 1);
    CHECK(waf[0]["severity"] == "warning");
    CHECK(waf[0]["evidence"]["review"] == true);
    // The retry used a browser's headers after a pause.
    const auto stats = server.stats();
    std::vector<std::string> agents;
    for (const auto& entry : stats["log"]) {
      if (entry["path"] == "/__/waf") agents.push_back(entry["user_agent"]);
    }
    REQUIRE(agents.size() == 2);
    CHECK(agents[0].find("govaudit/") == 0);
    CHECK(agents[1].find("Mozilla/5.0") == 0);
    // A host that only wants a browser is fine after that retry.
    CHECK(result.url(server.url("/__/block"))["fetch"]["status"] == 200);
  }
  SECTION("HEAD refused: GET decides") {
    const auto& nohead = result.url(external + "/__/nohead");
    CHECK(nohead["fetch"]["status"] == 200);
    CHECK(nohead["fetch"]["method"] == "GET");
  }
  SECTION("the second look at the end of the scan") {
    const auto& recovered = result.url(server.url("/__/fail-times/recover?n=3"));
    CHECK(recovered["fetch"]["status"] == 200);
    CHECK(result.findings_for("links.broken", server.url("/__/fail-times/recover?n=3")).empty());
    auto persistent = result.findings_for("links.broken", server.url("/__/status/503"));
    REQUIRE(persistent.size() == 1);
    CHECK(persistent[0]["evidence"]["first_look"]["status"] == 503);
    CHECK(persistent[0]["evidence"]["second_look"]["status"] == 503);
  }
  SECTION("long redirect chains warn") {
    auto chain = result.findings_for("links.redirects", server.url("/__/chain/5"));
    REQUIRE(chain.size() == 1);
    CHECK(chain[0]["evidence"]["hops"] == 5);
    CHECK(chain[0]["severity"] == "warning");
  }
  SECTION("fragments without a target warn") {
    CHECK(urls_of(result, "links.anchors", "warning") ==
          std::set<std::string>{server.url("/target.html#missing"), server.url("/#nowhere")});
  }
  SECTION("both counts of the spec: homepage and other pages") {
    bool found = false;
    for (const auto& finding : result.findings["findings"]) {
      if (finding["check"] != "links.broken" || finding["severity"] != "info") continue;
      found = true;
      CHECK(finding["evidence"]["homepage_links"] == 3);
      CHECK(finding["evidence"]["other_page_links"] == 0);
    }
    CHECK(found);
  }
}

TEST_CASE("links: a site that serves its not-found page with 200", "[e2e][links]") {
  TempDir site;
  const std::string footer =
      "<div class=\"footer\"><p>青石区人民政府 主办</p><p>联系电话：0571-1234567</p>"
      "<p>网站标识码 3399010001</p></div>";
  auto page = [&](const std::string& title, const std::string& main) {
    return "<html><head><meta charset=\"utf-8\"><title>" + title +
           "</title></head><body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a.html\">"
           "动态</a></div>" +
           main + footer + "</body></html>";
  };
  test_support::write_file(
      site.file("_notfound.html"),
      page("青石区人民政府", "<p>抱歉！</p><p>您要查看的内容暂时无法显示。</p>"));
  test_support::write_file(site.file("index.html"),
                           page("青石区人民政府", "<p><a href=\"/a.html\">工作动态</a></p>"
                                                  "<p><a href=\"/gone.html\">旧文章</a></p>"));
  test_support::write_file(site.file("a.html"),
                           page("青石区人民政府",
                                "<p>区政府召开常务会议。</p><p>会议研究了三项工作。</p>"
                                "<p>一是营商环境。</p><p>二是民生实事。</p>"));
  test_support::ServerOptions options;
  options.extra_args = {"--soft-404"};
  TestServer server(site.path(), options);
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  REQUIRE(result.run.exit_code == 0);
  // The host's answer to a random path was learned...
  REQUIRE(result.crawl["hosts"].size() == 1);
  CHECK(result.crawl["hosts"][0]["not_found"]["status"] == 200);
  // ...and the missing article matches it, while the real pages do not.
  auto gone = result.findings_for("links.broken", server.url("/gone.html"));
  REQUIRE(gone.size() == 1);
  CHECK(gone[0]["evidence"]["soft_404"]["soft_404"] == "like_not_found_page");
  CHECK(urls_of(result, "links.broken", "failure") ==
        std::set<std::string>{server.url("/gone.html")});
}

TEST_CASE("links: TLS failures and mixed content", "[e2e][links]") {
  TempDir certs;
  auto cert = test_support::make_self_signed_cert(certs.path());
  if (!cert && !test_support::require_tool("openssl", cert.error())) return;
  TempDir plain_site;
  test_support::write_file(plain_site.file("pic.png"), "not really a png");
  TestServer plain(plain_site.path());
  TempDir tls_site;
  test_support::write_file(
      tls_site.file("index.html"),
      "<html><head><title>https</title></head><body><img src=\"http://127.0.0.1:" +
          std::to_string(plain.port()) + "/pic.png\"></body></html>");
  test_support::ServerOptions options;
  options.tls_cert = cert->cert_file;
  options.tls_key = cert->key_file;
  TestServer secure(tls_site.path(), options);

  SECTION("a bad certificate is a TLS failure") {
    TempDir out;
    auto result = scan({secure.url("/")}, out.path());
    CHECK(result.run.exit_code == 3);
    CHECK(result.url(secure.url("/"))["fetch"]["error"] == "tls");
  }
  SECTION("--insecure accepts it, and the http image is mixed content") {
    TempDir out;
    auto result = scan({secure.url("/"), "--insecure"}, out.path());
    REQUIRE(result.run.exit_code == 0);
    const std::string image = "http://127.0.0.1:" + std::to_string(plain.port()) + "/pic.png";
    auto mixed = result.findings_for("links.mixed_content", image);
    REQUIRE(mixed.size() == 1);
    CHECK(mixed[0]["page"] == secure.url("/"));
    CHECK(mixed[0]["evidence"]["element"] == "image");
  }
}
