// The IPv6 checks end to end: dnsmasq on a loopback port answers for a dual-stack host, an
// IPv4-only host, a host whose AAAA points where nothing listens, a name that does not exist
// and two name servers (one with AAAA, one without); fixture servers answer on 127.0.0.1 and
// ::1, one of them with a different page over IPv6.
#include "scan_helpers.hpp"

#include <catch2/catch.hpp>

#include <map>

using e2e::scan;
using test_support::Dnsmasq;
using test_support::TempDir;
using test_support::TestServer;

namespace {

const char* const k_png = "\x89PNG\r\n\x1a\n";

// The findings of `check`, by their url.
std::map<std::string, nlohmann::json> by_url(const e2e::ScanResult& result,
                                             const std::string& check) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& finding : result.findings["findings"]) {
    if (finding["check"] == check) out[finding["url"].get<std::string>()] = finding;
  }
  return out;
}

// The one finding of `check` about `url`; fails the test when there is not exactly one.
nlohmann::json only(const e2e::ScanResult& result, const std::string& check,
                    const std::string& url) {
  auto found = result.findings_for(check, url);
  REQUIRE(found.size() == 1);
  return found.front();
}

std::vector<std::string> unreachable_urls(const nlohmann::json& level_part) {
  std::vector<std::string> urls;
  for (const auto& entry : level_part["v6_unreachable"]) urls.push_back(entry["url"]);
  std::sort(urls.begin(), urls.end());
  return urls;
}

std::vector<test_support::DnsRecord> records() {
  return {{"www.v6.test", "127.0.0.1", "::1"},    {"v4only.v6.test", "127.0.0.1", ""},
          {"deadv6.v6.test", "127.0.0.1", "::1"}, {"diff.v6.test", "127.0.0.1", "::1"},
          {"ns1.v6.test", "127.0.0.1", "::1"},    {"ns2.v6.test", "127.0.0.1", ""}};
}

} // namespace

TEST_CASE("scan: IPv6 checks", "[e2e][scan][ipv6]") {
  if (!test_support::require_tool("dnsmasq", test_support::dnsmasq_unavailable())) return;
  // The department site on IPv4 only: [::1] on its port refuses, although DNS gives ::1.
  TempDir dead_site;
  test_support::write_file(dead_site.file("c.html"), "<html><title>c</title><p>c</p></html>");
  test_support::ServerOptions v4_only;
  v4_only.ipv6 = false;
  TestServer dead_server(dead_site.path(), v4_only);

  TempDir site;
  const std::string dead_port = std::to_string(dead_server.port());
  test_support::write_file(site.file("index.html"),
                           "<html><head><title>青石区人民政府</title></head><body><h1>首页</h1>"
                           "<img src=\"/logo.png\">"
                           "<a href=\"/a.html\">要闻</a>"
                           "<a href=\"http://v4only.v6.test:{{port}}/b.html\">教育局</a>"
                           "<a href=\"http://deadv6.v6.test:" +
                               dead_port +
                               "/c.html\">政务服务</a>"
                               "<a href=\"/missing.html\">旧栏目</a>"
                               "<a href=\"http://gone.v6.test:{{port}}/\">已撤销</a>"
                               "<p>青石区人民政府门户网站首页，发布政务信息。</p></body></html>");
  test_support::write_file(site.file("a.html"),
                           "<html><head><title>要闻</title></head><body>"
                           "<img src=\"http://v4only.v6.test:{{port}}/pic.png\">"
                           "<img src=\"/ok.png\"><a href=\"/d.html\">文章</a></body></html>");
  test_support::write_file(site.file("d.html"), "<html><head><title>文章</title></head><body>"
                                                "<img src=\"/ok2.png\"><p>正文</p></body></html>");
  test_support::write_file(site.file("b.html"), "<html><title>b</title></html>");
  for (const char* image : {"logo.png", "ok.png", "ok2.png", "pic.png"}) {
    test_support::write_file(site.file(image), k_png);
  }
  TestServer server(site.path());
  if (!server.has_ipv6() && !test_support::require_tool("::1", server.ipv6_note())) return;
  Dnsmasq dns(records(), {"servfail.test"}, "test",
              {{"v6.test", "ns1.v6.test"}, {"v6.test", "ns2.v6.test"}});
  const std::string port = std::to_string(server.port());
  const std::string home = "http://www.v6.test:" + port + "/";
  const std::string site_url = "http://www.v6.test:" + port;

  SECTION("a dual-stack site with IPv4-only and dead-IPv6 department links") {
    TempDir out;
    auto result =
        scan({home, "--dns-server", dns.server(), "--allow-loopback-ipv6"}, out.path(), 180);
    REQUIRE(result.run.exit_code == 0);

    const auto aaaa = only(result, "ipv6.aaaa", home);
    CHECK(aaaa["severity"] == "info");
    CHECK(aaaa["evidence"]["state"] == "has_aaaa");
    CHECK(aaaa["evidence"]["aaaa"]["addresses"] == nlohmann::json::array({"::1"}));
    CHECK(aaaa["evidence"]["a"]["addresses"] == nlohmann::json::array({"127.0.0.1"}));

    // The zone's two name servers: ns2 has no AAAA.
    const auto auth = only(result, "ipv6.dns_auth", home);
    CHECK(auth["severity"] == "failure");
    CHECK(auth["evidence"]["zone"] == "v6.test");
    CHECK(auth["evidence"]["servers"].size() == 2);
    CHECK(auth["evidence"]["without_ipv6"] == nlohmann::json::array({"ns2.v6.test（nodata）"}));

    // The homepage over each family alone, before and after the crawl.
    const auto homepage = only(result, "ipv6.homepage", home);
    CHECK(homepage["severity"] == "info");
    CHECK(homepage["evidence"]["v6_samples"] == 2);
    for (const auto& sample : homepage["evidence"]["samples"]) {
      CHECK(sample["status"] == 200);
      CHECK(sample["remote_address"] == (sample["family"] == 6 ? "::1" : "127.0.0.1"));
      CHECK(sample["timings"]["total"].get<double>() > 0);
    }
    CHECK(only(result, "ipv6.homepage_rate", home)["evidence"]["value"] == 1.0);
    const auto consistency = only(result, "ipv6.consistency", home);
    CHECK(consistency["severity"] == "info");
    CHECK(consistency["evidence"]["text_similarity"] == 1.0);
    CHECK(consistency["evidence"]["link_similarity"] == 1.0);
    const auto perf = only(result, "ipv6.perf", home);
    CHECK(perf["evidence"]["pairs"] == 2);
    CHECK(perf["evidence"]["components"].contains("first_byte"));

    // Level 2: a.html over both families; b.html (no AAAA) and c.html (refused over IPv6) not;
    // missing.html and gone.v6.test are broken over IPv4 too and left out.
    const auto level2 = only(result, "ipv6.level2", home);
    CHECK(level2["severity"] == "failure");
    const auto& pages2 = level2["evidence"]["pages"];
    CHECK(pages2["total"] == 3);
    CHECK(pages2["v6_reachable"] == 1);
    CHECK(pages2["excluded_broken_over_ipv4"] == 2);
    CHECK(unreachable_urls(pages2) ==
          std::vector<std::string>{"http://deadv6.v6.test:" + dead_port + "/c.html",
                                   "http://v4only.v6.test:" + port + "/b.html"});
    const auto& resources2 = level2["evidence"]["resources"];
    CHECK(resources2["total"] == 2);
    CHECK(resources2["v6_reachable"] == 1);
    CHECK(unreachable_urls(resources2) ==
          std::vector<std::string>{"http://v4only.v6.test:" + port + "/pic.png"});
    CHECK(level2["evidence"]["value"].get<double>() == Approx(2.0 / 5));
    for (const auto& entry : pages2["v6_unreachable"]) {
      if (entry["url"].get<std::string>().find("deadv6") != std::string::npos) {
        CHECK(entry["v6_error"].get<std::string>().rfind("connect", 0) == 0);
      } else {
        CHECK(entry["reason"] == "no AAAA record (nodata)");
      }
    }
    const auto level3 = only(result, "ipv6.level3", home);
    CHECK(level3["severity"] == "info");
    CHECK(level3["evidence"]["pages"]["total"] == 1);
    CHECK(level3["evidence"]["resources"]["total"] == 1);
    CHECK(level3["evidence"]["value"] == 1.0);

    // The overall verdict and the per-host table.
    const auto support = only(result, "ipv6.support", home);
    CHECK(support["severity"] == "failure");
    CHECK(support["evidence"]["supports_ipv6"] == false);
    CHECK(support["evidence"]["items"] ==
          nlohmann::json{
              {"aaaa", "pass"}, {"homepage", "pass"}, {"level2", "fail"}, {"level3", "pass"}});
    const auto rows = by_url(result, "ipv6.support");
    const auto& www = rows.at(site_url)["evidence"];
    CHECK(www["v6_reachable"] == true);
    CHECK(www["v6_unreachable_urls"] == 0);
    const auto& v4only = rows.at("http://v4only.v6.test:" + port)["evidence"];
    CHECK(v4only["aaaa"] == "nodata");
    CHECK(v4only["v6_reachable"] == false);
    CHECK(v4only["v6_unreachable_urls"] == 2);
    CHECK(v4only["pages_affected"] == 2); // the homepage (b.html) and a.html (pic.png)
    const auto& dead = rows.at("http://deadv6.v6.test:" + dead_port)["evidence"];
    CHECK(dead["aaaa"] == "has_aaaa");
    CHECK(dead["v6_reachable"] == false);
    CHECK(dead["pages_affected_sample"] == nlohmann::json::array({home}));
    CHECK(rows.at("http://gone.v6.test:" + port)["evidence"]["aaaa"] == "nxdomain");
  }

  SECTION("without --allow-loopback-ipv6, ::1 is not a global address") {
    TempDir out;
    auto result = scan({home, "--dns-server", dns.server()}, out.path(), 180);
    REQUIRE(result.run.exit_code == 0);
    const auto aaaa = only(result, "ipv6.aaaa", home);
    CHECK(aaaa["severity"] == "failure");
    CHECK(aaaa["evidence"]["state"] == "non_global");
    const auto homepage = only(result, "ipv6.homepage", home);
    CHECK(homepage["severity"] == "failure");
    bool unrequested = false;
    for (const auto& sample : homepage["evidence"]["samples"]) {
      if (sample["family"] == 6) {
        unrequested = sample["error_detail"].get<std::string>().find("no global IPv6") == 0;
      }
    }
    CHECK(unrequested);
    CHECK(only(result, "ipv6.support", home)["severity"] == "failure");
  }

  SECTION("an IPv4-only site: no AAAA") {
    TempDir out;
    const std::string v4_home = "http://v4only.v6.test:" + port + "/b.html";
    auto result =
        scan({v4_home, "--dns-server", dns.server(), "--allow-loopback-ipv6"}, out.path(), 180);
    REQUIRE(result.run.exit_code == 0);
    const auto aaaa = only(result, "ipv6.aaaa", v4_home);
    CHECK(aaaa["severity"] == "failure");
    CHECK(aaaa["evidence"]["state"] == "nodata");
    const auto homepage = only(result, "ipv6.homepage", v4_home);
    CHECK(homepage["severity"] == "failure");
    CHECK(homepage["message"].get<std::string>().find("no AAAA record (nodata)") !=
          std::string::npos);
    CHECK(only(result, "ipv6.support", v4_home)["evidence"]["items"]["aaaa"] == "fail");
  }
}

TEST_CASE("scan: IPv6 homepage that differs from IPv4", "[e2e][scan][ipv6]") {
  if (!test_support::require_tool("dnsmasq", test_support::dnsmasq_unavailable())) return;
  TempDir v4_site;
  TempDir v6_site;
  test_support::write_file(v4_site.file("index.html"),
                           "<html><head><title>青石区人民政府</title></head><body>"
                           "<a href=\"/news.html\">要闻</a><a href=\"/gk.html\">政务公开</a>"
                           "<p>欢迎访问青石区人民政府门户网站。本站发布政务信息和办事服务。</p>"
                           "</body></html>");
  test_support::write_file(v6_site.file("index.html"),
                           "<html><head><title>IPv6 测试页</title></head><body>"
                           "<p>This host answers over IPv6 with a placeholder page.</p>"
                           "</body></html>");
  for (const char* page : {"news.html", "gk.html"}) {
    test_support::write_file(v4_site.file(page), "<html><title>p</title><p>p</p></html>");
    test_support::write_file(v6_site.file(page), "<html><title>p</title><p>p</p></html>");
  }
  test_support::ServerOptions options;
  options.extra_args = {"--ipv6-root", v6_site.path()};
  TestServer server(v4_site.path(), options);
  if (!server.has_ipv6() && !test_support::require_tool("::1", server.ipv6_note())) return;
  Dnsmasq dns(records());
  TempDir out;
  const std::string home = "http://diff.v6.test:" + std::to_string(server.port()) + "/";
  auto result =
      scan({home, "--dns-server", dns.server(), "--allow-loopback-ipv6"}, out.path(), 180);
  REQUIRE(result.run.exit_code == 0);
  // The homepage loads over IPv6, but another page: a person reviews both versions.
  CHECK(only(result, "ipv6.homepage", home)["severity"] == "info");
  const auto consistency = only(result, "ipv6.consistency", home);
  CHECK(consistency["severity"] == "failure");
  CHECK(consistency["evidence"]["review"] == true);
  CHECK(consistency["evidence"]["same_title"] == false);
  CHECK(consistency["evidence"]["v4"]["title"] == "青石区人民政府");
  CHECK(consistency["evidence"]["v6"]["title"] == "IPv6 测试页");
  CHECK(consistency["evidence"]["v4"]["links"] == 2);
  CHECK(consistency["evidence"]["v6"]["links"] == 0);
  CHECK(consistency["evidence"]["text_similarity"].get<double>() < 0.9);
  CHECK(consistency["evidence"]["links_only_v4"].size() == 2);
  // No zone delegation in this DNS: the name servers cannot be judged.
  const auto auth = only(result, "ipv6.dns_auth", home);
  CHECK(auth["severity"] == "warning");
  CHECK(auth["evidence"]["measured"] == false);
}
