#include <app/config.hpp>
#include <app/validate.hpp>

#include <catch2/catch.hpp>

#include <core/jsonc.hpp>
#include <core/problems.hpp>
#include <string>
#include <tests/support/test_support.hpp>
#include <tuple>
#include <vector>

namespace {

std::string fixture(const std::string& name) {
  return std::string(GOVAUDIT_SOURCE_DIR) + "/fixtures/config/" + name;
}

// The expected error text: `lines` joined by '\n', each prefixed with "PATH:".
std::string expected_problems(const std::string& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += '\n';
    text += path + ":" + line;
  }
  return text;
}

} // namespace

TEST_CASE("app::load_config", "[config]") {
  SECTION("every key is accepted and applied") {
    auto loaded = app::load_config(fixture("all_keys.jsonc"), {});
    REQUIRE(loaded.has_value());
    const app::Settings& options = *loaded;
    CHECK(options.out_dir == "reports/all-keys");
    CHECK(options.as_of == "2024-02-29");
    CHECK(options.max_pages == 10000000u);
    CHECK(options.max_depth == 0);
    CHECK(options.concurrency == 256);
    CHECK(options.per_host == 64);
    CHECK(options.rate == 0.5);
    CHECK(options.timeout == 3600);
    CHECK(options.connect_timeout == 2.5);
    CHECK(options.retries == 10);
    CHECK(options.max_body == 1024u);
    CHECK(options.user_agent == "govaudit-test/1.0 (+https://example.gov.cn/about)");
    CHECK(options.dns_server == "[::1]:5353");
    CHECK(options.ignore_robots);
    CHECK(options.include ==
          std::vector<std::string>{"^https://www\\.example\\.gov\\.cn/", "/xxgk/"});
    CHECK(options.exclude == std::vector<std::string>{"\\.pdf$"});
    CHECK(options.quiet);
    CHECK(options.headers == std::vector<std::string>{"X-Audit: yes", "Authorization: Bearer abc"});
    CHECK(options.cookie_jar == "cookies.txt");
    CHECK(options.user == "auditor:s3cret:with:colons");
    CHECK(options.proxy == "socks5h://127.0.0.1:1080");
    CHECK(options.insecure);

    REQUIRE(options.sites.size() == 2);
    const scanner::SiteConfig& site = options.sites[0];
    CHECK(site.name == "示例市人民政府");
    CHECK(site.start_urls == std::vector<std::string>{"https://www.example.gov.cn/",
                                                      "http://xxgk.example.gov.cn/index.html"});
    CHECK(site.hosts == std::vector<std::string>{"xxgk.example.gov.cn", "政务.example.gov.cn",
                                                 "127.0.0.1", "::1", "[::1]", "*.example.gov.cn"});
    CHECK(site.paths == std::vector<std::string>{"/", "/xxgk/jyj/"});
    CHECK(site.new_media == std::vector<std::string>{"https://weibo.com/examplegov",
                                                     "https://mp.weixin.qq.com/s/abc",
                                                     "http://www.douyin.com/user/example"});
    REQUIRE(site.new_media_accounts.size() == 3);
    CHECK(site.new_media_accounts[0].url == "https://weibo.com/examplegov");
    CHECK(site.new_media_accounts[0].name.empty());
    CHECK(site.new_media_accounts[0].platform.empty());
    CHECK(site.new_media_accounts[1].name == "示例发布");
    CHECK(site.new_media_accounts[1].platform == "wechat");
    CHECK(site.new_media_accounts[1].url == "https://mp.weixin.qq.com/s/abc");
    CHECK(site.new_media_accounts[2].name.empty());
    CHECK(site.new_media_accounts[2].url == "http://www.douyin.com/user/example");
    CHECK(options.sites[1].name.empty());
    CHECK(options.sites[1].start_urls == std::vector<std::string>{"http://127.0.0.1:8080/"});
    CHECK(options.sites[1].hosts.empty());
    CHECK(options.sites[1].paths.empty());
    CHECK(options.sites[1].new_media.empty());
    // Not a config key: keeps the value of the base.
    CHECK(options.allow_loopback);
  }

  SECTION("the documented example loads") {
    auto loaded = app::load_config(fixture("example.jsonc"), {});
    REQUIRE(loaded.has_value());
    CHECK(loaded->as_of == "2026-11-30");
    CHECK(loaded->exclude == std::vector<std::string>{"/search\\?", "\\.(zip|rar)$"});
    REQUIRE(loaded->sites.size() == 1);
    CHECK(loaded->sites[0].name == "示例市人民政府门户网站");
    CHECK(loaded->sites[0].new_media_accounts.size() == 2);
    CHECK(loaded->sites[0].new_media_accounts[0].platform == "wechat");
  }

  SECTION("keys that are absent keep the base values; present lists replace them") {
    app::Settings base;
    base.timeout = 99;
    base.max_depth = 7;
    base.include = {"^base"};
    base.exclude = {"kept"};
    base.sites = {
        scanner::SiteConfig{"base site", {"https://base.example.gov.cn/"}, {}, {}, {}, {}}};
    auto loaded = app::load_config(fixture("no_sites.jsonc"), base);
    REQUIRE(loaded.has_value());
    CHECK(loaded->timeout == 99);
    CHECK(loaded->max_depth == 5);
    CHECK(loaded->rate == 1);
    CHECK(loaded->include == std::vector<std::string>{"/from-config/"});
    CHECK(loaded->exclude == std::vector<std::string>{"kept"});
    CHECK(loaded->headers == std::vector<std::string>{"X-From: config"});
    REQUIRE(loaded->sites.size() == 1);
    CHECK(loaded->sites[0].name == "base site");
  }

  SECTION("every bad value is reported at once, with file, line and key") {
    std::string path = fixture("bad_values.jsonc");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(
        loaded.error() ==
        expected_problems(
            path,
            {
                R"(3: "out" must be a non-empty string without control characters, got "")",
                R"(4: "as_of" must be a valid date YYYY-MM-DD, got "2023-02-29")",
                R"(5: "max_pages" must be an integer between 1 and 10000000, got 0)",
                R"(6: "max_depth" must be an integer between 0 and 50, got 51)",
                R"(7: "concurrency" must be an integer between 1 and 256, got "16")",
                R"(8: "per_host" must be an integer between 1 and 64, got -3)",
                R"(9: "rate" must be a number >= 0 (requests per second, 0 = unlimited), got -1)",
                R"(10: "timeout" must be a number of seconds greater than 0 and at most 3600, got 0)",
                R"(11: "connect_timeout" must be a number of seconds greater than 0 and at most 3600, got 3601)",
                R"(12: "retries" must be an integer between 0 and 10, got 2.5)",
                R"(13: "max_body" must be an integer between 1024 and 1073741824, got 18446744073709551615)",
                R"(14: "user_agent" must be a non-empty string without control characters, got "bad\nagent")",
                R"(15: "dns_server" must be an IP address with an optional port (IP, IP:PORT or [IPv6]:PORT), got "8.8.8.8:0")",
                R"(16: "ignore_robots" must be true or false, got "yes")",
                R"(17: "include[1]" must be a valid ECMAScript regular expression (mismatched '(' and ')'), got "a(b")",
                R"(18: "exclude" must be an array of strings, got "\\.pdf$")",
                R"(19: "quiet" must be true or false, got 1)",
                R"(20: "headers[1]" must be "Name: value" (a header name, a colon, a value), got "No colon here")",
                R"(20: "headers[2]" must be a string, got 7)",
                R"(21: "cookie_jar" must be a string, got null)",
                R"(22: "user" must be USER:PASS, got "nopassword")",
                R"(23: "proxy" must be a proxy URL such as http://127.0.0.1:3128 (schemes http, https, socks4, socks4a, socks5, socks5h), got "ftp://127.0.0.1:21")",
                R"(24: "insecure" must be true or false, got [])",
                R"(26: "sites[0]" has no "start_urls" (each site needs at least one absolute http(s) URL))",
                R"(27: "sites[1].start_urls" must be a non-empty array of absolute http(s) URLs, got [])",
                R"(28: "sites[2].start_urls[0]" must be an absolute http(s) URL, got "/relative")",
                R"(28: "sites[2].start_urls[1]" must be an absolute http(s) URL, got "ftp://example.gov.cn/")",
                R"(29: "sites[2].hosts[0]" must be a host name such as www.example.gov.cn, or *.example.gov.cn for every name under it (no scheme, port or path), got "http://example.gov.cn")",
                R"(29: "sites[2].hosts[1]" must be a host name such as www.example.gov.cn, or *.example.gov.cn for every name under it (no scheme, port or path), got "bad host")",
                R"(29: "sites[2].paths[0]" must be a path prefix starting with '/' such as /jyj/ (no scheme, host, query or fragment), got "jyj/")",
                R"(29: "sites[2].paths[1]" must be a path prefix starting with '/' such as /jyj/ (no scheme, host, query or fragment), got "/a?b")",
                R"(30: "sites[2].new_media[0]" must be an absolute http(s) URL or an object {"name", "platform", "url"}, got 42)",
                R"(30: "sites[2].new_media[1]" has no "url" (the address of the account page))",
                R"(30: "sites[2].new_media[2].platform" must be a string, got 3)",
                R"(30: "sites[2].new_media[2].url" must be an absolute http(s) URL, got "mailto:a@b.cn")",
                R"(31: "sites[3]" must be an object with "start_urls", got "https://www.example.gov.cn/")",
            }));
  }

  SECTION("unknown keys are reported with a suggestion when one is close") {
    std::string path = fixture("unknown_keys.jsonc");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() ==
          expected_problems(
              path,
              {
                  R"(2: unknown key "timout" (did you mean "timeout"?))",
                  R"(3: unknown key "max-pages" (did you mean "max_pages"?))",
                  R"(4: unknown key "colour")",
                  R"(7: unknown key "sites[0].start_url" (did you mean "start_urls"?))",
                  R"(8: unknown key "sites[0].path" (did you mean "paths"?))",
                  R"(9: unknown key "sites[0].new_media[0].platfrom" (did you mean "platform"?))",
              }));
  }

  SECTION("comments and strings that look like comments do not shift lines") {
    std::string path = fixture("tricky_text.jsonc");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    // "a/b~c" checks the escaping of JSON pointers; "time\u006fut" the decoding of keys.
    CHECK(
        loaded.error() ==
        expected_problems(
            path,
            {
                R"(6: unknown key "a/b~c")",
                R"(7: "timeout" must be a number of seconds greater than 0 and at most 3600, got -1)",
                R"(13: "sites[1].start_urls[1]" must be an absolute http(s) URL, got "gopher://bad.example.gov.cn/")",
            }));
  }

  SECTION("a syntax error names its line") {
    std::string path = fixture("parse_error.jsonc");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() ==
          path + ":8: syntax error while parsing object - unexpected string literal; expected '}'");
  }

  SECTION("an empty file is a syntax error on line 1") {
    std::string path = fixture("empty.json");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() == path + ":1: syntax error while parsing value - unexpected end of "
                                   "input; expected '[', '{', or a literal");
  }

  SECTION("a number beyond a double is a problem on its line, not an exception") {
    // nlohmann throws out_of_range (406) for it, not parse_error: it once ended govaudit.
    const std::string text = "{\n  // too big\n  \"max_pages\": 1e400\n}\n";
    auto parsed = app::parse_config(text, "big.jsonc", {});
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error() == "big.jsonc:3: number overflow parsing '1e400'");
    auto document = core::parse_jsonc(text, "big.jsonc");
    REQUIRE_FALSE(document.has_value());
    CHECK(document.error() == "big.jsonc:3: number overflow parsing '1e400'");
  }

  SECTION("a NUL byte is a problem, not the end of the file") {
    using namespace std::string_literals;
    const std::string text = "{\"max_pages\": 5}\n\0 / \"x\"]"s;
    auto parsed = app::parse_config(text, "nul.jsonc", {});
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error() == "nul.jsonc:2: a NUL byte: not a text file");
    CHECK_FALSE(core::parse_jsonc(text, "nul.jsonc").has_value());
  }

  SECTION("the top level must be an object") {
    std::string path = fixture("not_object.json");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() ==
          path + R"(:1: the config must be a JSON object, got ["https://www.example.gov.cn/"])");
  }

  SECTION("sites must be an array") {
    std::string path = fixture("sites_not_array.json");
    auto loaded = app::load_config(path, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(
        loaded.error() ==
        path +
            R"(:2: "sites" must be an array of site objects, got {"start_urls":["https://www.example.gov.cn/"]})");
  }

  SECTION("a file that cannot be read") {
    std::string missing = fixture("does-not-exist.json");
    auto loaded = app::load_config(missing, {});
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() ==
          "cannot read config file \"" + missing + "\": No such file or directory");

    std::string directory = fixture("");
    auto from_directory = app::load_config(directory, {});
    REQUIRE_FALSE(from_directory.has_value());
    CHECK(from_directory.error() ==
          "cannot read config file \"" + directory + "\": Is a directory");
  }
}

TEST_CASE("app::validate_dns_server", "[config]") {
  auto [text, ok] = GENERATE(table<std::string, bool>({
      {"8.8.8.8", true},
      {"8.8.8.8:53", true},
      {"127.0.0.1:65535", true},
      {"::1", true},
      {"2001:db8::53", true},
      {"[::1]", true},
      {"[::1]:5353", true},
      {"", false},
      {"8.8.8", false},
      {"8.8.8.8:0", false},
      {"8.8.8.8:65536", false},
      {"8.8.8.8:", false},
      {"8.8.8.8:dns", false},
      {"[::1]:", false},
      {"[::1", false},
      {"[8.8.8.8]:53", false},
      {"::1:53:", false},
      {"dns.example.cn", false},
      {"dns.example.cn:53", false},
  }));
  CAPTURE(text);
  if (ok) {
    CHECK_FALSE(app::validate_dns_server(text).has_value());
  } else {
    CHECK(app::validate_dns_server(text) ==
          "must be an IP address with an optional port (IP, IP:PORT or [IPv6]:PORT)");
  }
}

TEST_CASE("app::validate_as_of", "[config]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"2026-11-30", ""},
      {"2024-02-29", ""},
      {"2000-02-29", ""},
      {"1900-01-01", ""},
      {"2026-12-31", ""},
      {"2023-02-29", "must be a valid date YYYY-MM-DD"},
      {"1900-02-29", "must be a valid date YYYY-MM-DD"},
      {"2026-04-31", "must be a valid date YYYY-MM-DD"},
      {"2026-13-01", "must be a valid date YYYY-MM-DD"},
      {"2026-00-10", "must be a valid date YYYY-MM-DD"},
      {"2026-01-00", "must be a valid date YYYY-MM-DD"},
      {"1899-12-31", "must be a valid date YYYY-MM-DD"},
      {"2026-1-05", "must be a date written YYYY-MM-DD"},
      {"2026/11/30", "must be a date written YYYY-MM-DD"},
      {"20261130", "must be a date written YYYY-MM-DD"},
      {"2026-11-30T00:00", "must be a date written YYYY-MM-DD"},
      {"", "must be a date written YYYY-MM-DD"},
  }));
  CAPTURE(text);
  CHECK(app::validate_as_of(text).value_or("") == expected);
}

TEST_CASE("app::validate_regex", "[config]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"^https://www\\.example\\.gov\\.cn/", ""},
      {"/(xxgk|zwgk)/", ""},
      {"", ""},
      {"a(b", "must be a valid ECMAScript regular expression (mismatched '(' and ')')"},
      {"a)", "must be a valid ECMAScript regular expression (mismatched '(' and ')')"},
      {"[a-", "must be a valid ECMAScript regular expression (invalid end of '[x-x]' range)"},
      {"a{2,1}", "must be a valid ECMAScript regular expression (invalid range in '{}')"},
      {"[z-a]",
       "must be a valid ECMAScript regular expression (invalid range in bracket expression)"},
      {"\\", "must be a valid ECMAScript regular expression (invalid escape at end of regular "
             "expression)"},
      {"[[:foo:]]", "must be a valid ECMAScript regular expression (invalid character class)"},
  }));
  CAPTURE(text);
  CHECK(app::validate_regex(text).value_or("") == expected);
}

TEST_CASE("app::validate_header", "[config]") {
  auto [text, ok] = GENERATE(table<std::string, bool>({
      {"X-Audit: yes", true},
      {"Authorization: Bearer abc:def", true},
      {"X-Empty:", true},
      {"X-Tab:\tvalue", true},
      {"no colon", false},
      {": value", false},
      {"Bad Name: value", false},
      {"X-Inject: a\r\nHost: evil", false},
      {"", false},
  }));
  CAPTURE(text);
  CHECK(app::validate_header(text).has_value() == !ok);
}

TEST_CASE("app::validate_user", "[config]") {
  CHECK_FALSE(app::validate_user("auditor:secret").has_value());
  CHECK_FALSE(app::validate_user("auditor:").has_value());
  CHECK(app::validate_user("auditor") == "must be USER:PASS");
  CHECK(app::validate_user(":secret") == "must be USER:PASS");
  CHECK(app::validate_user("a:b\n") == "must be USER:PASS");
}

TEST_CASE("app::validate_proxy", "[config]") {
  for (const char* ok : {"http://127.0.0.1:3128", "https://proxy.example.cn", "socks4://[::1]:1080",
                         "socks4a://127.0.0.1", "socks5://127.0.0.1:1080", "SOCKS5H://127.0.0.1"}) {
    CAPTURE(ok);
    CHECK_FALSE(app::validate_proxy(ok).has_value());
  }
  for (const char* bad : {"ftp://127.0.0.1", "127.0.0.1:3128", "", "http://", "http://a b"}) {
    CAPTURE(bad);
    CHECK(app::validate_proxy(bad).has_value());
  }
}

TEST_CASE("app::validate_http_url", "[config]") {
  for (const char* ok : {"http://www.example.gov.cn/", "https://www.example.gov.cn/a?b=c#d",
                         "http://127.0.0.1:8080", "http://[::1]:8080/", "HTTPS://EXAMPLE.GOV.CN"}) {
    CAPTURE(ok);
    CHECK_FALSE(app::validate_http_url(ok).has_value());
  }
  for (const char* bad : {"www.example.gov.cn", "/relative", "ftp://example.gov.cn/",
                          "mailto:a@example.gov.cn", "http://", "", "http://exa mple.cn/"}) {
    CAPTURE(bad);
    CHECK(app::validate_http_url(bad) == "must be an absolute http(s) URL");
  }
}

TEST_CASE("app::validate_host_name", "[config]") {
  for (const char* ok : {"www.example.gov.cn", "example.gov.cn.", "localhost", "政务.example.cn",
                         "127.0.0.1", "::1", "[2001:db8::1]", "a-b.c9.cn"}) {
    CAPTURE(ok);
    CHECK_FALSE(app::validate_host_name(ok).has_value());
  }
  for (const char* bad : {"", "http://example.gov.cn", "example.gov.cn:80", "example.gov.cn/path",
                          "bad host", "a..b", "-a.cn", "a-.cn", ".", "[::1"}) {
    CAPTURE(bad);
    CHECK(app::validate_host_name(bad) ==
          "must be a host name such as www.example.gov.cn (no scheme, port or path)");
  }
}

TEST_CASE("app::validate_host_pattern", "[config]") {
  for (const char* ok :
       {"www.example.gov.cn", "*.example.gov.cn", "*.cn", "127.0.0.1", "[::1]", "*.政务.cn"}) {
    CAPTURE(ok);
    CHECK_FALSE(app::validate_host_pattern(ok).has_value());
  }
  for (const char* bad : {"*", "*.", "**.example.gov.cn", "a.*.example.gov.cn", "*example.gov.cn",
                          "*.::1", "*.[::1]", "*.example.gov.cn:80", "http://example.gov.cn"}) {
    CAPTURE(bad);
    CHECK(app::validate_host_pattern(bad) ==
          "must be a host name such as www.example.gov.cn, or *.example.gov.cn for every name "
          "under it (no scheme, port or path)");
  }
}

TEST_CASE("app::validate_path_prefix", "[config]") {
  for (const char* ok : {"/", "/jyj/", "/xxgk/jyj", "/教育局/", "/a%20b/"}) {
    CAPTURE(ok);
    CHECK_FALSE(app::validate_path_prefix(ok).has_value());
  }
  for (const char* bad : {"", "jyj/", "//cdn.example.gov.cn/", "/a?b", "/a#b", "/a b/",
                          "http://www.example.gov.cn/jyj/", "/a\tb"}) {
    CAPTURE(bad);
    CHECK(app::validate_path_prefix(bad) == "must be a path prefix starting with '/' such as "
                                            "/jyj/ (no scheme, host, query or fragment)");
  }
}

TEST_CASE("app::validate_plain_text", "[config]") {
  CHECK_FALSE(app::validate_plain_text("govaudit/1.0 (+https://example.org)").has_value());
  CHECK_FALSE(app::validate_plain_text("报告/输出").has_value());
  CHECK(app::validate_plain_text("") == "must be a non-empty string without control characters");
  CHECK(app::validate_plain_text("a\tb").has_value());
  CHECK(app::validate_plain_text("a\x7f").has_value());
}

TEST_CASE("app::apply_setting_text", "[config]") {
  app::Settings options;

  SECTION("integers: syntax and range give different wording") {
    CHECK_FALSE(app::apply_setting_text(options, "max_depth", "0").has_value());
    CHECK(options.max_depth == 0);
    CHECK(app::apply_setting_text(options, "max_depth", "-3") == "must be between 0 and 50");
    CHECK(app::apply_setting_text(options, "max_depth", "3x") ==
          "must be an integer between 0 and 50");
    CHECK(app::apply_setting_text(options, "max_depth", "") ==
          "must be an integer between 0 and 50");
    CHECK(app::apply_setting_text(options, "max_depth", "+3") ==
          "must be an integer between 0 and 50");
    CHECK(app::apply_setting_text(options, "max_pages", "99999999999999999999") ==
          "must be between 1 and 10000000");
    CHECK(options.max_depth == 0);
    CHECK_FALSE(app::apply_setting_text(options, "max_body", "1073741824").has_value());
    CHECK(options.max_body == 1073741824u);
    CHECK_FALSE(app::apply_setting_text(options, "max_pages", "10000000").has_value());
    CHECK(options.max_pages == 10000000u);
  }

  SECTION("numbers") {
    CHECK_FALSE(app::apply_setting_text(options, "rate", "0").has_value());
    CHECK(options.rate == 0);
    CHECK_FALSE(app::apply_setting_text(options, "timeout", "0.25").has_value());
    CHECK(options.timeout == 0.25);
    const std::string seconds = "must be a number of seconds greater than 0 and at most 3600";
    CHECK(app::apply_setting_text(options, "timeout", "0") == seconds);
    CHECK(app::apply_setting_text(options, "timeout", "3600.5") == seconds);
    CHECK(app::apply_setting_text(options, "timeout", "inf") == seconds);
    CHECK(app::apply_setting_text(options, "connect_timeout", "nan") == seconds);
    CHECK(app::apply_setting_text(options, "rate", "-0.5") ==
          "must be a number >= 0 (requests per second, 0 = unlimited)");
    CHECK(app::apply_setting_text(options, "rate", "1/s") ==
          "must be a number >= 0 (requests per second, 0 = unlimited)");
    CHECK(options.timeout == 0.25);
  }

  SECTION("flags, texts and lists") {
    CHECK_FALSE(app::apply_setting_text(options, "insecure", "").has_value());
    CHECK(options.insecure);
    CHECK_FALSE(app::apply_setting_text(options, "out", "reports").has_value());
    CHECK(options.out_dir == "reports");
    CHECK_FALSE(app::apply_setting_text(options, "exclude", "a").has_value());
    CHECK_FALSE(app::apply_setting_text(options, "exclude", "b").has_value());
    CHECK(options.exclude == std::vector<std::string>{"a", "b"});
    CHECK(app::apply_setting_text(options, "exclude", "(") ==
          "must be a valid ECMAScript regular expression (mismatched '(' and ')')");
    CHECK(options.exclude.size() == 2);
    CHECK(app::apply_setting_text(options, "sites", "x") == "is not a setting");
  }
}

TEST_CASE("app::reset_setting", "[config]") {
  app::Settings options;
  options.headers = {"X-A: 1"};
  options.per_host = 9;
  app::reset_setting(options, "headers");
  app::reset_setting(options, "per_host");
  app::reset_setting(options, "no_such_key");
  CHECK(options.headers.empty());
  CHECK(options.per_host == app::Settings{}.per_host);
}

TEST_CASE("app::setting_keys", "[config]") {
  auto keys = app::setting_keys();
  CHECK(keys.size() == 35);
  for (std::string_view key : keys) {
    CAPTURE(key);
    CHECK(app::setting_type(key).has_value());
  }
  CHECK(app::setting_type("max_pages") == app::SettingType::integer);
  CHECK(app::setting_type("rate") == app::SettingType::number);
  CHECK(app::setting_type("proxy") == app::SettingType::text);
  CHECK(app::setting_type("quiet") == app::SettingType::flag);
  CHECK(app::setting_type("headers") == app::SettingType::text_list);
  CHECK_FALSE(app::setting_type("sites").has_value());
}

TEST_CASE("core::closest_match", "[config]") {
  const std::vector<std::string_view> words{"timeout", "connect_timeout", "scan", "demo"};
  CHECK(core::closest_match("timout", words) == "timeout");
  CHECK(core::closest_match("scna", words) == "scan");
  CHECK(core::closest_match("connect-timeout", words) == "connect_timeout");
  CHECK_FALSE(core::closest_match("colour", words).has_value());
  CHECK_FALSE(core::closest_match("", words).has_value());
}

TEST_CASE("app::setting_text", "[config]") {
  app::Settings options;
  options.rate = 0.5;
  options.include = {"a", "b"};
  options.quiet = true;
  CHECK(app::setting_text(options, "max_pages") == "100000");
  CHECK(app::setting_text(options, "max_body") == "20971520");
  CHECK(app::setting_text(options, "rate") == "0.5");
  CHECK(app::setting_text(options, "timeout") == "30");
  CHECK(app::setting_text(options, "out") == "govaudit-out");
  CHECK(app::setting_text(options, "include") == "a, b");
  CHECK(app::setting_text(options, "exclude").empty());
  CHECK(app::setting_text(options, "quiet") == "true");
  CHECK(app::setting_text(options, "insecure") == "false");
  CHECK(app::setting_text(options, "sites").empty());
}

TEST_CASE("app::load_config columns", "[freshness][config]") {
  test_support::TempDir dir;
  std::string path = dir.file("audit.json");
  test_support::write_file(path, R"({"sites": [{"start_urls": ["http://h.gov.cn/"],
  "columns": [{"url": "http://h.gov.cn/zt/", "name": "重点专栏", "class": "dynamic", "level": 1}]}]})");
  auto loaded = app::load_config(path, {});
  REQUIRE(loaded.has_value());
  REQUIRE(loaded->sites[0].columns.size() == 1);
  CHECK(loaded->sites[0].columns[0].url == "http://h.gov.cn/zt/");
  CHECK(loaded->sites[0].columns[0].name == "重点专栏");
  CHECK(loaded->sites[0].columns[0].column_class == "dynamic");
  CHECK(loaded->sites[0].columns[0].level == 1);

  test_support::write_file(path, R"({"sites": [{"start_urls": ["http://h.gov.cn/"],
  "columns": [{"name": "x"}, {"url": "http://h.gov.cn/a/", "clas": "dynamic"}]}]})");
  loaded = app::load_config(path, {});
  REQUIRE_FALSE(loaded.has_value());
  CHECK(loaded.error() == path +
                              ":2: \"sites[0].columns[0]\" has no \"url\" (the column's first "
                              "list page)\n" +
                              path +
                              ":2: unknown key \"sites[0].columns[1].clas\" (did you mean "
                              "\"class\"?)");
}
