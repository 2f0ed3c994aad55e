#include <scanner/url.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

using scanner::normalize_url;
using scanner::UrlResolver;

namespace {

// An expected URL of k_rejected means resolve() must return false.
constexpr const char* k_rejected = "<rejected>";

constexpr const char* k_base = "http://www.gov.cn/zwgk/2024/index.html?page=2";

} // namespace

TEST_CASE("scanner::normalize_url", "[scanner][url]") {
  SECTION("normalises valid URLs") {
    const auto [input, expected, expected_fragment] =
        GENERATE(table<std::string, std::string, std::string>({
            // scheme and host lower-cased, empty path made "/"
            {"HTTP://WWW.Gov.CN", "http://www.gov.cn/", ""},
            {"https://Example.COM/Path/File.HTML", "https://example.com/Path/File.HTML", ""},
            // default ports dropped, other ports kept
            {"http://www.gov.cn:80/a", "http://www.gov.cn/a", ""},
            {"https://www.gov.cn:443/a", "https://www.gov.cn/a", ""},
            {"http://www.gov.cn:443/a", "http://www.gov.cn:443/a", ""},
            {"https://www.gov.cn:8443/", "https://www.gov.cn:8443/", ""},
            {"http://www.gov.cn:/a", "http://www.gov.cn/a", ""},
            // dot segments, also when percent-encoded
            {"http://x.cn/a/b/../c/./d", "http://x.cn/a/c/d", ""},
            {"http://x.cn/a/../../../b", "http://x.cn/b", ""},
            {"http://x.cn/a/%2e%2E/b/%2E/c", "http://x.cn/b/c", ""},
            {"http://x.cn/a/b/..", "http://x.cn/a/", ""},
            // percent-encoding: unreserved decoded, hex upper-cased, reserved kept encoded
            {"http://x.cn/%7euser/%41%62%2d%5F", "http://x.cn/~user/Ab-_", ""},
            {"http://x.cn/a%2fb%2Fc?x=%2f%3d%26", "http://x.cn/a%2Fb%2Fc?x=%2F%3D%26", ""},
            {"http://x.cn/%e4%b8%ad", "http://x.cn/%E4%B8%AD", ""},
            {"http://x.cn/100%/a%zz%4", "http://x.cn/100%25/a%25zz%254", ""},
            // spaces, raw UTF-8 and characters not allowed by RFC 3986 encoded; '+' kept
            {"http://x.cn/新闻 中心/a.html?q=政务 公开+x",
             "http://x.cn/%E6%96%B0%E9%97%BB%20%E4%B8%AD%E5%BF%83/"
             "a.html?q=%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80+x",
             ""},
            {"http://x.cn/\"<>`{|}^", "http://x.cn/%22%3C%3E%60%7B%7C%7D%5E", ""},
            {"http://x.cn/a?b?c=d/e:f@g", "http://x.cn/a?b?c=d/e:f@g", ""},
            // backslashes in the path read as slashes, as browsers do
            {"http://x.cn/a\\b\\..\\c", "http://x.cn/a/c", ""},
            // IDN hosts to punycode, full-width letters and full stops mapped
            {"http://中国政府.政务/", "http://xn--fiqs8sirgfmh.xn--zfr164b/", ""},
            {"http://www.例子。测试/", "http://www.xn--fsqu00a.xn--0zwm56d/", ""},
            {"http://bücher.DE/", "http://xn--bcher-kva.de/", ""},
            {"http://ｗｗｗ．ＧＯＶ．cn/", "http://www.gov.cn/", ""},
            {"http://www.%47ov.cn/", "http://www.gov.cn/", ""},
            // IP literals
            {"http://[2001:DB8:0:0::1]:8080/x", "http://[2001:db8::1]:8080/x", ""},
            {"https://[::FFFF:1.2.3.4]:443/", "https://[::ffff:1.2.3.4]/", ""},
            {"http://127.0.0.1:80/", "http://127.0.0.1/", ""},
            // fragment split off, empty query and empty fragment dropped
            {"http://x.cn/a#Top", "http://x.cn/a", "Top"},
            {"http://x.cn/a?#", "http://x.cn/a", ""},
            {"http://x.cn/a?q#第 1 节", "http://x.cn/a?q", "%E7%AC%AC%201%20%E8%8A%82"},
            // credentials never kept
            {"http://user:secret@x.cn/a", "http://x.cn/a", ""},
            {"http://user@x.cn:8080/", "http://x.cn:8080/", ""},
            // surrounding whitespace and inner tab/CR/LF removed
            {"  http://x.cn/a\n/b\t \r\n", "http://x.cn/a/b", ""},
            // browsers skip any number of slashes after an http(s) scheme
            {"http:x.cn/a", "http://x.cn/a", ""},
            {"https:///x.cn/a", "https://x.cn/a", ""},
        }));
    CAPTURE(input);
    std::string fragment = "stale";
    const auto result = normalize_url(input, &fragment);
    REQUIRE(result.has_value());
    CHECK(*result == expected);
    CHECK(fragment == expected_fragment);
    // Normalising is idempotent.
    CHECK(normalize_url(*result).value() == expected);
  }

  SECTION("rejects what it cannot crawl, naming the problem") {
    const auto [input, expected_error] = GENERATE(table<std::string, std::string>({
        {"", "empty URL"},
        {" \t ", "empty URL"},
        {"/relative/path", "not an absolute URL: \"/relative/path\""},
        {"www.gov.cn", "not an absolute URL: \"www.gov.cn\""},
        {"ftp://x.cn/file", "not an http(s) URL: \"ftp://x.cn/file\""},
        {"mailto:a@x.cn", "not an http(s) URL: \"mailto:a@x.cn\""},
        {"javascript:void(0)", "not an http(s) URL: \"javascript:void(0)\""},
        {"http://", "no host: \"http://\""},
        {"http:///", "no host: \"http:///\""},
        {"http://user@/a", "no host: \"http://user@/a\""},
        {"http://x.cn:99999/", "bad port: \"http://x.cn:99999/\""},
        {"http://x.cn:8o/", "bad port: \"http://x.cn:8o/\""},
        {"http://a b.cn/", "bad host: \"http://a b.cn/\""},
        {"http://[1:2:3]/", "bad host: \"http://[1:2:3]/\""},
        {"http://[::1/", "bad host: \"http://[::1/\""},
        {"http://[fe80::1%25eth0]/", "bad host: \"http://[fe80::1%25eth0]/\""},
        {"http://\xff\xfe.cn/", "bad host: \"http://\xff\xfe.cn/\""},
        // a full-width delimiter in a host maps to one no host may hold: browsers refuse it
        {"http://a．？b/", "bad host: \"http://a．？b/\""},
        {"http://ｗｗｗ．ｇｏｖ／ｃｎ", "bad host: \"http://ｗｗｗ．ｇｏｖ／ｃｎ\""},
        // nor may a '%' that is no escape, or an escape that decodes to a delimiter
        {"http://a%/", "bad host: \"http://a%/\""},
        {"http://中eadf%2/", "bad host: \"http://中eadf%2/\""},
        {"http://a%2Fb.cn/", "bad host: \"http://a%2Fb.cn/\""},
    }));
    CAPTURE(input);
    const auto result = normalize_url(input);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error() == expected_error);
  }

  SECTION("the fragment argument is optional") {
    const auto result = normalize_url("http://x.cn/a#b", nullptr);
    REQUIRE(result.has_value());
    CHECK(*result == "http://x.cn/a");
  }
}

// IDN hosts go through libidn2 (idn2_lookup_u8, UTS #46 non-transitional processing), label by
// label for labels with a non-ASCII character; ASCII labels stay as they were.
TEST_CASE("scanner::normalize_url converts IDN hosts as browsers do", "[scanner][url][idn]") {
  using scanner::normalize_url;

  SECTION("converted") {
    const auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"http://中国政府.政务/", "http://xn--fiqs8sirgfmh.xn--zfr164b/"},
        {"http://%E4%BE%8B%E5%AD%90.cn/", "http://xn--fsqu00a.cn/"},
        // the three full stops other than '.'
        {"http://例子。cn/", "http://xn--fsqu00a.cn/"},
        {"http://例子．cn/", "http://xn--fsqu00a.cn/"},
        {"http://例子｡cn/", "http://xn--fsqu00a.cn/"},
        // full-width ASCII, in a label of its own too
        {"http://ｘｎ－－ｆｓｑｕ００ａ.cn/", "http://xn--fsqu00a.cn/"},
        {"http://ｅｘａｍｐｌｅ．中国/", "http://example.xn--fiqs8s/"},
        // an A-label as it is, beside a U-label
        {"http://xn--fsqu00a.中国/", "http://xn--fsqu00a.xn--fiqs8s/"},
        // non-ASCII letters case-folded (the hand-written punycode wrote "BÜCHER" as
        // xn--bcher-2pa, a host no browser asks for) and compatibility forms mapped
        {"http://BÜCHER.de/", "http://xn--bcher-kva.de/"},
        {"http://Ⅻ.中国/", "http://xii.xn--fiqs8s/"},
        // non-transitional: ß kept, not "ss"; traditional characters not simplified
        {"http://straße.中国/", "http://xn--strae-oqa.xn--fiqs8s/"},
        {"http://中國.cn/", "http://xn--fiqz9s.cn/"},
        // ASCII labels next to a non-ASCII one are not checked by IDNA rules
        {"http://my_host.中国/", "http://my_host.xn--fiqs8s/"},
        {"http://ab--c.例子/", "http://ab--c.xn--fsqu00a/"},
        {"http://xn--abc.中国/", "http://xn--abc.xn--fiqs8s/"},
    }));
    CAPTURE(input);
    const auto result = normalize_url(input);
    REQUIRE(result.has_value());
    CHECK(*result == expected);
    CHECK(normalize_url(*result).value() == expected);
  }

  SECTION("labels IDNA2008 does not allow are bad hosts") {
    // The hand-written punycode encoded these too; no registry issues such names.
    const std::string input =
        GENERATE(as<std::string>{}, "http://😀.cn/", "http://☃.中国/", "http://中国-.cn/",
                 "http://-中国.cn/", "http://a\u200Cb.例子/");
    CAPTURE(input);
    const auto result = normalize_url(input);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error() == "bad host: \"" + input + "\"");
  }
}

TEST_CASE("scanner::url_host", "[scanner][url]") {
  const auto [url, host, origin, path_query] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"http://www.gov.cn/", "www.gov.cn", "http://www.gov.cn", "/"},
          {"https://www.gov.cn:8443/a/b?c=d", "www.gov.cn", "https://www.gov.cn:8443", "/a/b?c=d"},
          {"http://[2001:db8::1]:8080/x", "2001:db8::1", "http://[2001:db8::1]:8080", "/x"},
          {"http://[::1]/", "::1", "http://[::1]", "/"},
          {"http://x.cn", "x.cn", "http://x.cn", "/"},
          {"http://x.cn/p#frag", "x.cn", "http://x.cn", "/p"},
          {"not a url", "", "", ""},
      }));
  CAPTURE(url);
  CHECK(scanner::url_host(url) == host);
  CHECK(scanner::url_origin(url) == origin);
  CHECK(scanner::url_path_query(url) == path_query);
}

TEST_CASE("scanner::url_port, url_extension, url_folder, is_ip_literal", "[scanner][url]") {
  CHECK(scanner::url_port("http://www.qingshi.gov.cn/a.html") == "80");
  CHECK(scanner::url_port("https://www.qingshi.gov.cn/") == "443");
  CHECK(scanner::url_port("http://www.qingshi.gov.cn:8080/") == "8080");
  // An IPv6 literal's colons are not a port.
  CHECK(scanner::url_port("http://[::1]/") == "80");
  CHECK(scanner::url_port("https://[::1]:8443/x") == "8443");

  CHECK(scanner::url_extension("http://h.gov.cn/files/a.PDF?v=2") == "pdf");
  CHECK(scanner::url_extension("http://h.gov.cn/list.csv") == "csv");
  CHECK(scanner::url_extension("http://h.gov.cn/v1.2/page") == "");
  CHECK(scanner::url_extension("http://h.gov.cn/") == "");
  CHECK(scanner::url_extension("http://h.gov.cn/a?file=b.txt") == "");

  CHECK(scanner::url_folder("http://h.gov.cn/tzgg/index_2.html?x=1") == "http://h.gov.cn/tzgg/");
  CHECK(scanner::url_folder("http://h.gov.cn/tzgg/?page=3") == "http://h.gov.cn/tzgg/");
  CHECK(scanner::url_folder("http://h.gov.cn/a?next=/b/c") == "http://h.gov.cn/");
  CHECK(scanner::url_folder("http://h.gov.cn/") == "http://h.gov.cn/");

  CHECK(scanner::is_ip_literal("127.0.0.1"));
  CHECK(scanner::is_ip_literal("::1"));
  CHECK_FALSE(scanner::is_ip_literal("www.qingshi.gov.cn"));
}

TEST_CASE("scanner::UrlResolver::resolve", "[scanner][url]") {
  SECTION("resolves references as a browser does") {
    const auto [base, href, expected, expected_fragment] =
        GENERATE(table<std::string, std::string, std::string, std::string>({
            // RFC 3986 5.4.1 normal examples, on an http base
            {"http://a/b/c/d;p?q", "g", "http://a/b/c/g", ""},
            {"http://a/b/c/d;p?q", "./g", "http://a/b/c/g", ""},
            {"http://a/b/c/d;p?q", "g/", "http://a/b/c/g/", ""},
            {"http://a/b/c/d;p?q", "/g", "http://a/g", ""},
            {"http://a/b/c/d;p?q", "//g", "http://g/", ""},
            {"http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y", ""},
            {"http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y", ""},
            {"http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q", "s"},
            {"http://a/b/c/d;p?q", "g#s", "http://a/b/c/g", "s"},
            {"http://a/b/c/d;p?q", "g?y#s", "http://a/b/c/g?y", "s"},
            {"http://a/b/c/d;p?q", ";x", "http://a/b/c/;x", ""},
            {"http://a/b/c/d;p?q", "g;x?y#s", "http://a/b/c/g;x?y", "s"},
            {"http://a/b/c/d;p?q", ".", "http://a/b/c/", ""},
            {"http://a/b/c/d;p?q", "./", "http://a/b/c/", ""},
            {"http://a/b/c/d;p?q", "..", "http://a/b/", ""},
            {"http://a/b/c/d;p?q", "../", "http://a/b/", ""},
            {"http://a/b/c/d;p?q", "../g", "http://a/b/g", ""},
            {"http://a/b/c/d;p?q", "../..", "http://a/", ""},
            {"http://a/b/c/d;p?q", "../../g", "http://a/g", ""},
            // RFC 3986 5.4.2 abnormal examples
            {"http://a/b/c/d;p?q", "../../../g", "http://a/g", ""},
            {"http://a/b/c/d;p?q", "/./g", "http://a/g", ""},
            {"http://a/b/c/d;p?q", "/../g", "http://a/g", ""},
            {"http://a/b/c/d;p?q", "g.", "http://a/b/c/g.", ""},
            {"http://a/b/c/d;p?q", "..g", "http://a/b/c/..g", ""},
            {"http://a/b/c/d;p?q", "./../g", "http://a/b/g", ""},
            {"http://a/b/c/d;p?q", "g/./h", "http://a/b/c/g/h", ""},
            {"http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h", ""},
            {"http://a/b/c/d;p?q", "g?y/./x", "http://a/b/c/g?y/./x", ""},
            {"http://a/b/c/d;p?q", "g#s/../x", "http://a/b/c/g", "s/../x"},
            // absolute references ignore the base, and are normalised
            {k_base, "HTTPS://Other.GOV.cn:443/A", "https://other.gov.cn/A", ""},
            {k_base, "//Other.gov.cn:80/x?", "http://other.gov.cn/x", ""},
            {"https://x.cn/", "//y.cn/", "https://y.cn/", ""},
            // the base is normalised too
            {"HTTP://WWW.GOV.CN:80/a/b#frag", "c", "http://www.gov.cn/a/c", ""},
            {"http://www.gov.cn", "c", "http://www.gov.cn/c", ""},
            {"http://www.gov.cn", "#top", "http://www.gov.cn/", "top"},
            // typical links of a government site
            {k_base, "../2023/list.html", "http://www.gov.cn/zwgk/2023/list.html", ""},
            {k_base, "./content_1.htm#p2", "http://www.gov.cn/zwgk/2024/content_1.htm", "p2"},
            {k_base, "/index.html", "http://www.gov.cn/index.html", ""},
            {k_base, "?page=3", "http://www.gov.cn/zwgk/2024/index.html?page=3", ""},
            {k_base, "#", "http://www.gov.cn/zwgk/2024/index.html?page=2", ""},
            {k_base, "附件/通知 2024.pdf",
             "http://www.gov.cn/zwgk/2024/%E9%99%84%E4%BB%B6/%E9%80%9A%E7%9F%A5%202024.pdf", ""},
            {k_base, "%2E%2E/a%2fb", "http://www.gov.cn/zwgk/a%2Fb", ""},
            {k_base, "..\\..\\images\\logo.gif", "http://www.gov.cn/images/logo.gif", ""},
            {k_base, "\\\\cdn.gov.cn\\a.js", "http://cdn.gov.cn/a.js", ""},
            {k_base, "http://政府.政务/", "http://xn--mxtq1m.xn--zfr164b/", ""},
            {k_base, "http://user:pw@x.cn/", "http://x.cn/", ""},
            // whitespace as browsers handle it
            {k_base, "  \t/a.html \n", "http://www.gov.cn/a.html", ""},
            {k_base, "/a\n/b\r\n.ht\tml", "http://www.gov.cn/a/b.html", ""},
            // "http:path" is relative to an http base (browsers), absolute to another scheme
            {k_base, "http:a.html", "http://www.gov.cn/zwgk/2024/a.html", ""},
            {k_base, "http:/a.html", "http://www.gov.cn/a.html", ""},
            {k_base, "https:x.cn/a", "https://x.cn/a", ""},
            // not http(s) links, or nothing to resolve
            {k_base, "", k_rejected, ""},
            {k_base, "   ", k_rejected, ""},
            {k_base, "mailto:zwgk@gov.cn", k_rejected, ""},
            {k_base, "javascript:void(0);", k_rejected, ""},
            {k_base, "JavaScript:history.back()", k_rejected, ""},
            {k_base, "tel:12345", k_rejected, ""},
            {k_base, "data:image/png;base64,AAAA", k_rejected, ""},
            {k_base, "ftp://ftp.gov.cn/a.zip", k_rejected, ""},
            {k_base, "weixin://dl/chat", k_rejected, ""},
            {k_base, "http://x.cn:70000/", k_rejected, ""},
            {k_base, "http://a b/", k_rejected, ""},
            {k_base, "http://", k_rejected, ""},
            // without a usable base only absolute references resolve
            {"", "a.html", k_rejected, ""},
            {"", "#top", k_rejected, ""},
            {"not a base", "http://x.cn/", "http://x.cn/", ""},
        }));
    CAPTURE(base, href);
    UrlResolver resolver;
    resolver.set_base(base);
    std::string url = "stale";
    std::string fragment = "stale";
    const bool resolved = resolver.resolve(href, url, fragment);
    if (expected == k_rejected) {
      CHECK_FALSE(resolved);
    } else {
      REQUIRE(resolved);
      CHECK(url == expected);
      CHECK(fragment == expected_fragment);
      // A cache hit gives the same answer as the miss that filled it.
      std::string hit_url;
      std::string hit_fragment;
      REQUIRE(resolver.resolve(href, hit_url, hit_fragment));
      CHECK(hit_url == url);
      CHECK(hit_fragment == fragment);
    }
    // A rejection is remembered too.
    std::string again;
    CHECK(resolver.resolve(href, again, again) == resolved);
  }

  SECTION("the same reference under different bases") {
    UrlResolver resolver;
    std::string url;
    std::string fragment;
    const auto resolve = [&](std::string_view base, std::string_view href) {
      resolver.set_base(base);
      REQUIRE(resolver.resolve(href, url, fragment));
      return url;
    };
    CHECK(resolve("http://x.cn/a/page.html", "next.html") == "http://x.cn/a/next.html");
    CHECK(resolve("http://x.cn/b/page.html", "next.html") == "http://x.cn/b/next.html");
    CHECK(resolve("http://y.cn/a/page.html", "/top.html") == "http://y.cn/top.html");
    CHECK(resolve("https://x.cn/a/page.html", "/top.html") == "https://x.cn/top.html");
    CHECK(resolve("http://x.cn/a/page.html", "/top.html") == "http://x.cn/top.html");
    // Same directory, different document: a query-only reference keeps the document.
    CHECK(resolve("http://x.cn/a/one.html", "?p=2") == "http://x.cn/a/one.html?p=2");
    CHECK(resolve("http://x.cn/a/two.html", "?p=2") == "http://x.cn/a/two.html?p=2");
    CHECK(resolve("https://x.cn/", "//cdn.cn/a.js") == "https://cdn.cn/a.js");
    CHECK(resolve("http://x.cn/", "//cdn.cn/a.js") == "http://cdn.cn/a.js");
    CHECK(resolve("http://x.cn/a/", "http:b") == "http://x.cn/a/b");
    CHECK(resolve("http://x.cn/c/", "http:b") == "http://x.cn/c/b");
    CHECK(resolve("https://x.cn/c/", "http:b") == "http://b/");
    CHECK(resolve("http://x.cn/a/one.html", "#f") == "http://x.cn/a/one.html");
    CHECK(resolve("http://x.cn/a/two.html", "#f") == "http://x.cn/a/two.html");
  }

  SECTION("a hit returns the answer of the miss, also after many references") {
    UrlResolver resolver;
    resolver.set_base("http://x.cn/dir/page.html");
    std::string url;
    std::string fragment;
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < 60'000; i += 997) {
        const std::string href = "item_" + std::to_string(i) + ".html#s" + std::to_string(i);
        REQUIRE(resolver.resolve(href, url, fragment));
        CHECK(url == "http://x.cn/dir/item_" + std::to_string(i) + ".html");
        CHECK(fragment == "s" + std::to_string(i));
      }
    }
  }

  SECTION("long references are resolved without being cached") {
    UrlResolver resolver;
    resolver.set_base("http://x.cn/a/");
    const std::string query(3000, 'q');
    std::string url;
    std::string fragment;
    for (int round = 0; round < 2; ++round) {
      REQUIRE(resolver.resolve("b?" + query + "#f", url, fragment));
      CHECK(url == "http://x.cn/a/b?" + query);
      CHECK(fragment == "f");
      CHECK_FALSE(resolver.resolve("http://x.cn:99999/?" + query, url, fragment));
    }
  }

  SECTION("the cache stays correct when it is cleared at its bound") {
    UrlResolver resolver;
    resolver.set_base("http://x.cn/");
    std::string url;
    std::string fragment;
    // Entries are reused after a clear: every third one had a fragment, or failed, before.
    for (int i = 0; i < 50'100; ++i) {
      const std::string path = "/p" + std::to_string(i);
      const std::string expected_fragment = i % 3 == 1 ? "f" + std::to_string(i) : "";
      if (i % 3 == 2) {
        REQUIRE_FALSE(resolver.resolve("http://x.cn:99999" + path, url, fragment));
        continue;
      }
      const std::string href = expected_fragment.empty() ? path : path + "#" + expected_fragment;
      REQUIRE(resolver.resolve(href, url, fragment));
      REQUIRE(url == "http://x.cn" + path);
      REQUIRE(fragment == expected_fragment);
    }
    REQUIRE(resolver.resolve("/p7", url, fragment));
    CHECK(url == "http://x.cn/p7");
    REQUIRE(resolver.resolve("/p50099", url, fragment));
    CHECK(url == "http://x.cn/p50099");
  }
}
