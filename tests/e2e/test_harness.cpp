// Tests of the end-to-end harness itself: the fixture server and its routes, the fixture sites,
// dnsmasq, and running programs.

#include <ares.h>
#include <catch2/catch.hpp>
#include <curl/curl.h>
#include <zlib.h>

#include <iconv.h>
#include <netdb.h>
#include <unistd.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <netinet/in.h>
#include <regex>
#include <set>
#include <sys/select.h>
#include <sys/socket.h>
#include <tests/support/test_support.hpp>
#include <thread>

using namespace test_support;

namespace {

// Whether this machine lets a socket bind ::1 (what the server decides from, too).
bool loopback_v6_usable() {
  const int fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  const bool usable = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return usable;
}

// errno of a TCP connect to 127.0.0.1:`port` (0 when it connects).
int connect_errno(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const int result = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  const int error = result == 0 ? 0 : errno;
  close(fd);
  return error;
}

// A small site in a temporary directory for the server tests.
struct ScratchSite {
  TempDir dir;
  ScratchSite() {
    std::filesystem::create_directories(dir.file("sub"));
    write_file(dir.file("index.html"), "<p>port={{port}} closed={{closed_port}}</p>\n");
    write_file(dir.file("sub/index.html"), "<p>sub</p>\n");
    write_file(dir.file("gbk.html"), "<p>gbk</p>\n");
    write_file(dir.file("data.bin"), "{{port}}");
    write_file(dir.file("style.css"), "a{}");
    write_file(
        dir.file("_headers.json"),
        R"({"/gbk.html": {"Content-Type": "text/html; charset=gb2312", "X-Fixture": "yes"}})");
  }
};

HttpResponse head(const std::string& url) {
  HttpRequest request{url};
  request.head = true;
  return http_get(request);
}

HttpResponse get_following(const std::string& url, long max_redirects = 20) {
  HttpRequest request{url};
  request.follow_redirects = true;
  request.max_redirects = max_redirects;
  return http_get(request);
}

HttpResponse get_with_timeout(const std::string& url, long timeout_ms) {
  HttpRequest request{url};
  request.timeout_ms = timeout_ms;
  return http_get(request);
}

// Converts `text` from `charset` to UTF-8 with iconv; empty on failure.
std::string to_utf8(const std::string& text, const char* charset) {
  iconv_t converter = iconv_open("UTF-8", charset);
  if (converter == reinterpret_cast<iconv_t>(-1)) return {};
  std::string input = text;
  std::string output(text.size() * 4, '\0');
  char* in = input.data();
  char* out = output.data();
  std::size_t in_left = input.size();
  std::size_t out_left = output.size();
  const std::size_t result = iconv(converter, &in, &in_left, &out, &out_left);
  iconv_close(converter);
  if (result == static_cast<std::size_t>(-1)) return {};
  output.resize(output.size() - out_left);
  return output;
}

std::string gunzip(const std::string& data) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return {};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string output;
  char buffer[4096];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    output.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END ? output : std::string();
}

// The result of resolving a name with c-ares against one server.
struct AresResult {
  int status = -1;
  std::set<std::string> addresses;
};

void on_addrinfo(void* arg, int status, int /*timeouts*/, ares_addrinfo* info) {
  auto* result = static_cast<AresResult*>(arg);
  result->status = status;
  if (info == nullptr) return;
  for (ares_addrinfo_node* node = info->nodes; node != nullptr; node = node->ai_next) {
    char text[INET6_ADDRSTRLEN] = "";
    const void* address =
        node->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(node->ai_addr)->sin_addr)
            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(node->ai_addr)->sin6_addr);
    inet_ntop(node->ai_family, address, text, sizeof text);
    result->addresses.insert(text);
  }
  ares_freeaddrinfo(info);
}

// Resolves `name` (A and AAAA) with c-ares using only `server`, over TCP if `use_tcp`.
AresResult ares_resolve(const std::string& server, const std::string& name, bool use_tcp) {
  static const int initialized = ares_library_init(ARES_LIB_INIT_ALL);
  REQUIRE(initialized == ARES_SUCCESS);
  ares_options options{};
  options.flags = use_tcp ? ARES_FLAG_USEVC : 0;
  options.timeout = 2000;
  options.tries = 1;
  options.ndomains = 0;                     // no search domains from resolv.conf
  options.lookups = const_cast<char*>("b"); // DNS only, never /etc/hosts
  ares_channel channel = nullptr;
  REQUIRE(ares_init_options(&channel, &options,
                            ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
                                ARES_OPT_DOMAINS | ARES_OPT_LOOKUPS) == ARES_SUCCESS);
  REQUIRE(ares_set_servers_ports_csv(channel, server.c_str()) == ARES_SUCCESS);
  AresResult result;
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;
  ares_getaddrinfo(channel, name.c_str(), nullptr, &hints, on_addrinfo, &result);
  while (true) {
    fd_set readers;
    fd_set writers;
    FD_ZERO(&readers);
    FD_ZERO(&writers);
    const int count = ares_fds(channel, &readers, &writers);
    if (count == 0) break;
    timeval wait{};
    timeval* timeout = ares_timeout(channel, nullptr, &wait);
    select(count, &readers, &writers, nullptr, timeout);
    ares_process(channel, &readers, &writers);
  }
  ares_destroy(channel);
  return result;
}

} // namespace

TEST_CASE("test_support::TestServer", "[support]") {
  ScratchSite site;
  TestServer server(site.dir.path());
  REQUIRE(server.port() > 0);

  SECTION("listens on 127.0.0.1 and, when usable, on ::1 with the same port") {
    const HttpResponse v4 = http_get(server.url("/"));
    CHECK(v4.status == 200);
    CHECK(server.url("/x") == "http://127.0.0.1:" + std::to_string(server.port()) + "/x");
    CHECK(server.url("x", true) == "http://[::1]:" + std::to_string(server.port()) + "/x");
    CHECK(server.has_ipv6() == loopback_v6_usable());
    if (server.has_ipv6() || require_tool("::1", server.ipv6_note())) {
      const HttpResponse v6 = http_get(server.url("/", true));
      CHECK(v6.status == 200);
      CHECK(v6.body == v4.body);
    }
  }

  SECTION("substitutes {{port}} and {{closed_port}} in text files only") {
    CHECK(http_get(server.url("/index.html")).body ==
          "<p>port=" + std::to_string(server.port()) +
              " closed=" + std::to_string(server.closed_port()) + "</p>\n");
    CHECK(http_get(server.url("/data.bin")).body == "{{port}}");
  }

  SECTION("sets Content-Type by extension, overridden by _headers.json") {
    const HttpResponse html = http_get(server.url("/"));
    CHECK(html.header("Content-Type") == "text/html");
    CHECK(html.header("Content-Length") == std::to_string(html.body.size()));
    CHECK(http_get(server.url("/style.css")).header("Content-Type") == "text/css");
    CHECK(http_get(server.url("/data.bin")).header("Content-Type") == "application/octet-stream");
    const HttpResponse gbk = http_get(server.url("/gbk.html"));
    CHECK(gbk.header("Content-Type") == "text/html; charset=gb2312");
    CHECK(gbk.header("X-Fixture") == "yes");
    CHECK(http_get(server.url("/_headers.json")).status == 404);
  }

  SECTION("serves index.html for directories, 404 pages, and HEAD") {
    const HttpResponse moved = http_get(server.url("/sub"));
    CHECK(moved.status == 301);
    CHECK(moved.header("Location") == "/sub/");
    CHECK(http_get(server.url("/sub/")).body == "<p>sub</p>\n");
    const HttpResponse missing = http_get(server.url("/no/such/page.html"));
    CHECK(missing.status == 404);
    CHECK(missing.header("Content-Type") == "text/html");
    CHECK(missing.body.find("404 Not Found") != std::string::npos);
    CHECK(http_get(server.url("/../../etc/passwd")).status == 404);
    const HttpResponse headed = head(server.url("/index.html"));
    CHECK(headed.status == 200);
    CHECK(headed.body.empty());
    CHECK(headed.header("Content-Length") ==
          std::to_string(http_get(server.url("/index.html")).body.size()));
    CHECK(head(server.url("/missing")).status == 404);
  }

  SECTION("keeps connections alive across requests") {
    server.reset_stats();
    CURL* curl = curl_easy_init();
    REQUIRE(curl != nullptr);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION,
        +[](char*, std::size_t size, std::size_t count, void*) { return size * count; });
    long new_connections = 0;
    for (const char* path : {"/", "/sub/", "/missing", "/__/status/500"}) {
      curl_easy_setopt(curl, CURLOPT_URL, server.url(path).c_str());
      REQUIRE(curl_easy_perform(curl) == CURLE_OK);
      long connects = 0;
      curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
      new_connections += connects;
    }
    curl_easy_cleanup(curl);
    CHECK(new_connections == 1);
    CHECK(server.stats()["max_connections"] == 1);
  }

  SECTION("refuses connections on closed_port()") {
    CHECK(connect_errno(server.closed_port()) == ECONNREFUSED);
    CHECK(http_get("http://127.0.0.1:" + std::to_string(server.closed_port()) + "/").curl_code ==
          CURLE_COULDNT_CONNECT);
  }
}

TEST_CASE("test_support::TestServer lifetime", "[support]") {
  SECTION("the destructor stops the server") {
    int port = 0;
    {
      TempDir root;
      TestServer server(root.path());
      port = server.port();
      CHECK(connect_errno(port) == 0);
    }
    CHECK(connect_errno(port) == ECONNREFUSED);
  }

  SECTION("a server that cannot start throws with its stderr") {
    try {
      TestServer server("/nonexistent/site");
      FAIL("no exception");
    } catch (const std::runtime_error& error) {
      CHECK_THAT(error.what(), Catch::Contains("did not start") &&
                                   Catch::Contains("/nonexistent/site is not a directory"));
    }
  }

  SECTION("--no-ipv6 serves 127.0.0.1 only") {
    TempDir root;
    ServerOptions options;
    options.ipv6 = false;
    TestServer server(root.path(), options);
    CHECK_FALSE(server.has_ipv6());
    CHECK(http_get(server.url("/")).status == 404);
    if (loopback_v6_usable()) {
      CHECK(http_get(server.url("/", true)).curl_code == CURLE_COULDNT_CONNECT);
    }
  }
}

TEST_CASE("test_support::TestServer dynamic routes", "[support]") {
  TempDir root;
  TestServer server(root.path());

  SECTION("/__/status/N") {
    for (int status : {200, 404, 410, 500, 503}) {
      const HttpResponse response = http_get(server.url("/__/status/" + std::to_string(status)));
      CHECK(response.status == status);
      CHECK_FALSE(response.body.empty());
    }
    CHECK(http_get(server.url("/__/status/204")).status == 204);
    CHECK(http_get(server.url("/__/status/abc")).status == 400);
  }

  SECTION("/__/redirect, /__/loop and /__/chain") {
    const HttpResponse redirect = http_get(server.url("/__/redirect?to=/__/status/201&code=301"));
    CHECK(redirect.status == 301);
    CHECK(redirect.header("Location") == "/__/status/201");
    CHECK(get_following(server.url("/__/redirect?to=/__/status/201")).status == 201);

    const HttpResponse loop = get_following(server.url("/__/loop/a"), 5);
    CHECK(loop.curl_code == CURLE_TOO_MANY_REDIRECTS);
    CHECK(http_get(server.url("/__/loop/a")).header("Location") == "/__/loop/b");
    CHECK(http_get(server.url("/__/loop/b")).header("Location") == "/__/loop/a");

    const HttpResponse chain = get_following(server.url("/__/chain/3"));
    CHECK(chain.status == 200);
    CHECK(chain.redirects == 3);
    CHECK(chain.effective_url == server.url("/__/chain/0"));
  }

  SECTION("/__/slow, /__/drip and /__/huge") {
    const auto start = std::chrono::steady_clock::now();
    CHECK(get_with_timeout(server.url("/__/slow/0.3"), 5000).status == 200);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    CHECK(get_with_timeout(server.url("/__/slow/5"), 300).curl_code == CURLE_OPERATION_TIMEDOUT);

    const HttpResponse drip = get_with_timeout(server.url("/__/drip"), 1500);
    CHECK(drip.curl_code == CURLE_OPERATION_TIMEDOUT);
    CHECK(drip.status == 200);
    CHECK(drip.body_bytes >= 1);
    CHECK(drip.body_bytes <= 3);
    // Let the server's next drip write hit the closed connection before stderr is checked below.
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));

    HttpRequest huge{server.url("/__/huge")};
    huge.max_body = 8u << 20;
    const HttpResponse response = http_get(huge);
    CHECK(response.curl_code == CURLE_WRITE_ERROR);
    CHECK(response.header("Content-Length") == "1073741824");
    CHECK(response.body_bytes > huge.max_body);
  }

  SECTION("/__/reset resets the connection without a response") {
    const HttpResponse reset = http_get(server.url("/__/reset"));
    CHECK((reset.curl_code == CURLE_RECV_ERROR || reset.curl_code == CURLE_GOT_NOTHING));
    CHECK(reset.status == 0);
    // The server survives it.
    CHECK(http_get(server.url("/__/status/200")).status == 200);
  }

  SECTION("/__/flaky and /__/retry-after fail once per key") {
    CHECK(http_get(server.url("/__/flaky/one")).status == 503);
    CHECK(http_get(server.url("/__/flaky/one")).status == 200);
    CHECK(http_get(server.url("/__/flaky/one")).status == 200);
    CHECK(http_get(server.url("/__/flaky/two")).status == 503);

    const HttpResponse limited = http_get(server.url("/__/retry-after/k?s=2"));
    CHECK(limited.status == 429);
    CHECK(limited.header("Retry-After") == "2");
    CHECK(http_get(server.url("/__/retry-after/k?s=2")).status == 200);
    CHECK(http_get(server.url("/__/retry-after/other")).header("Retry-After") == "1");
  }

  SECTION("/__/block and /__/nohead") {
    const HttpResponse blocked = http_get(server.url("/__/block"));
    CHECK(blocked.status == 403);
    CHECK(blocked.body.find("captcha") != std::string::npos);
    HttpRequest browser{server.url("/__/block")};
    browser.user_agent = "Mozilla/5.0 (X11; Linux x86_64)";
    CHECK(http_get(browser).status == 200);

    CHECK(head(server.url("/__/nohead")).status == 405);
    CHECK(http_get(server.url("/__/nohead")).status == 200);
    CHECK(head(server.url("/__/status/200")).status == 200);
  }

  SECTION("/__/calendar, /__/repeat, /__/deep and /__/fan generate linked pages") {
    CHECK_THAT(http_get(server.url("/__/calendar?month=3")).body,
               Catch::Contains("href=\"/__/calendar?month=4\""));
    CHECK_THAT(http_get(server.url("/__/repeat/a/a/")).body,
               Catch::Contains("href=\"/__/repeat/a/a/a/\""));
    CHECK_THAT(http_get(server.url("/__/deep/2")).body, Catch::Contains("href=\"/__/deep/3\""));
    CHECK_THAT(http_get(server.url("/__/deep/8")).body, !Catch::Contains("href="));
    const std::string fan = http_get(server.url("/__/fan")).body;
    CHECK_THAT(fan, Catch::Contains("href=\"/__/fan/1\"") &&
                        Catch::Contains("href=\"/__/fan/50\"") &&
                        !Catch::Contains("href=\"/__/fan/51\""));
    CHECK(http_get(server.url("/__/fan/50")).status == 200);
    CHECK(http_get(server.url("/__/nonexistent")).status == 404);
  }

  SECTION("/__/stats logs requests and /__/stats/reset clears them") {
    server.reset_stats();
    HttpRequest request{server.url("/__/status/200?x=1")};
    request.user_agent = "stats-agent";
    http_get(request);
    head(server.url("/missing"));
    const nlohmann::json stats = server.stats();
    CHECK(stats["total"] == 2);
    CHECK(stats["paths"]["/__/status/200?x=1"] == 1);
    CHECK(stats["paths"]["/missing"] == 1);
    REQUIRE(stats["log"].size() == 2);
    CHECK(stats["log"][0]["method"] == "GET");
    CHECK(stats["log"][0]["host"] == server.host());
    CHECK(stats["log"][0]["user_agent"] == "stats-agent");
    CHECK(stats["log"][1]["method"] == "HEAD");
    // The server counts a request done just after its last byte is sent: allow it a moment.
    nlohmann::json settled = stats;
    for (int i = 0; i < 40 && settled["in_flight"] != 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      settled = server.stats();
    }
    CHECK(settled["in_flight"] == 0);
    CHECK(stats["max_in_flight"] == 1);
    server.reset_stats();
    CHECK(server.stats()["total"] == 0);
  }

  SECTION("/__/stats counts concurrent requests and connections, overall and per host") {
    server.reset_stats();
    // Two hosts when ::1 is served: "127.0.0.1:P" and "[::1]:P".
    const bool v6 = server.has_ipv6();
    std::vector<std::jthread> clients;
    for (int i = 0; i < 4; ++i) {
      clients.emplace_back([&server, i, v6] {
        // Catch assertions are not thread-safe: only the main thread checks.
        get_with_timeout(server.url("/__/slow/1", v6 && i % 2 == 1), 10000);
      });
    }
    clients.clear();
    const nlohmann::json stats = server.stats();
    CHECK(stats["max_in_flight"] == 4);
    CHECK(stats["max_connections"] == 4);
    CHECK(stats["in_flight"] == 0);
    if (v6) {
      CHECK(stats["max_in_flight_per_host"][server.host()] == 2);
      CHECK(stats["max_in_flight_per_host"][server.host(true)] == 2);
      CHECK(stats["max_connections_per_host"][server.host(true)] == 2);
    } else {
      CHECK(stats["max_in_flight_per_host"][server.host()] == 4);
    }

    server.reset_stats();
    http_get(server.url("/__/slow/0.1"));
    http_get(server.url("/__/slow/0.1"));
    CHECK(server.stats()["max_in_flight"] == 1);
  }

  // Clients that time out, abort or get reset must not make the server print tracebacks.
  CHECK(server.stderr_text().empty());
}

TEST_CASE("test_support::TestServer with TLS", "[support]") {
  TempDir dir;
  const auto cert = make_self_signed_cert(dir.path());
  if (!cert && !require_tool("openssl", "cannot make a certificate: " + cert.error())) return;
  ServerOptions options;
  options.tls_cert = cert->cert_file;
  options.tls_key = cert->key_file;
  TempDir root;
  write_file(root.file("index.html"), "secure {{port}}");
  TestServer server(root.path(), options);
  CHECK(server.url("/").rfind("https://127.0.0.1:", 0) == 0);
  CHECK(http_get(server.url("/")).body == "secure " + std::to_string(server.port()));
  HttpRequest verified{server.url("/")};
  verified.verify_tls = true;
  CHECK(http_get(verified).curl_code == CURLE_PEER_FAILED_VERIFICATION);
  // The failed handshake does not disturb the server.
  CHECK(server.stats()["total"] == 1);
  if (server.has_ipv6()) CHECK(http_get(server.url("/", true)).status == 200);
}

TEST_CASE("fixtures/sites", "[support]") {
  SECTION("linkkinds: every listed target exists") {
    TestServer server("linkkinds");
    const std::string index = http_get(server.url("/")).body;
    const auto comment_end = index.find("-->");
    REQUIRE(comment_end != std::string::npos);
    const std::string comment = index.substr(0, comment_end);
    const std::regex listed(R"((/[a-z0-9./-]+\.(html|png|webp|js|css|ico|swf|pdf|mp4|mp3)))");
    std::set<std::string> paths;
    for (auto it = std::sregex_iterator(comment.begin(), comment.end(), listed);
         it != std::sregex_iterator(); ++it) {
      paths.insert((*it)[1].str());
    }
    // 20 from index.html, 2 from frameset.html, 1 from refresh.html, 2 from base.html.
    CHECK(paths.size() == 25);
    for (const std::string& path : paths) {
      INFO(path);
      CHECK(http_get(server.url(path)).status == 200);
    }
    CHECK_THAT(index, Catch::Contains("http://127.0.0.1:" + std::to_string(server.port()) +
                                      "/page-abs.html"));
  }

  SECTION("charsets: titles decode from each declared encoding") {
    TestServer server("charsets");
    CHECK_THAT(http_get(server.url("/")).body, Catch::Contains("<title>青石区人民政府</title>"));
    const HttpResponse gbk = http_get(server.url("/gbk/"));
    CHECK(gbk.header("Content-Type") == "text/html");
    CHECK(gbk.body.find("青石区") == std::string::npos);
    CHECK_THAT(to_utf8(gbk.body, "GBK"), Catch::Contains("<title>青石区人民政府 通知公告</title>"));
    const HttpResponse gb2312 = http_get(server.url("/gb2312/index.html"));
    CHECK(gb2312.header("Content-Type") == "text/html; charset=gb2312");
    CHECK_THAT(to_utf8(gb2312.body, "GB2312"), Catch::Contains("<title>通知公告 青石区</title>"));
    CHECK_THAT(to_utf8(http_get(server.url("/gbk-equiv.html")).body, "GBK"),
               Catch::Contains("<title>政务公开 青石区人民政府</title>"));
    const HttpResponse bom = http_get(server.url("/bom.html"));
    CHECK(bom.body.rfind("\xEF\xBB\xBF<!DOCTYPE html>", 0) == 0);
    CHECK_THAT(http_get(server.url("/utf8-nometa.html")).body,
               Catch::Contains("<title>通知公告</title>") && !Catch::Contains("charset"));
  }

  SECTION("small: pages, broken links, robots.txt and external links") {
    TestServer server("small");
    for (const char* path :
         {"/", "/columns/notices/", "/columns/news/", "/articles/2024-03-01-notice.html",
          "/articles/2024-01-08-news.html", "/about.html", "/contact.html", "/private/secret.html",
          "/img/logo.png"}) {
      INFO(path);
      CHECK(http_get(server.url(path)).status == 200);
    }
    CHECK(http_get(server.url("/missing-page.html")).status == 404);
    CHECK(http_get(server.url("/img/missing.png")).status == 404);
    CHECK_THAT(http_get(server.url("/robots.txt")).body, Catch::Contains("Disallow: /private/"));
    const std::string index = http_get(server.url("/")).body;
    const std::string refused = "http://127.0.0.1:" + std::to_string(server.closed_port()) + "/";
    CHECK_THAT(index, Catch::Contains(refused) && Catch::Contains("/__/calendar?month=1"));
    CHECK(http_get(refused).curl_code == CURLE_COULDNT_CONNECT);
    CHECK(http_get("http://localhost:" + std::to_string(server.port()) + "/__/status/404").status ==
          404);
  }

  SECTION("sitemap: robots.txt, the index and a gzipped sitemap with the port") {
    TestServer server("sitemap");
    const std::string prefix = "http://127.0.0.1:" + std::to_string(server.port());
    CHECK_THAT(http_get(server.url("/robots.txt")).body,
               Catch::Contains("Sitemap: " + prefix + "/sitemap_index.xml"));
    CHECK_THAT(http_get(server.url("/sitemap_index.xml")).body,
               Catch::Contains(prefix + "/sitemap2.xml.gz"));
    const HttpResponse gz = http_get(server.url("/sitemap2.xml.gz"));
    CHECK(gz.header("Content-Type") == "application/gzip");
    CHECK_THAT(gunzip(gz.body), Catch::Contains("<loc>" + prefix + "/hidden/three.html</loc>"));
    for (const char* page :
         {"/hidden/one.html", "/hidden/two.html", "/hidden/three.html", "/hidden/four.html"}) {
      CHECK(http_get(server.url(page)).status == 200);
    }
  }

  SECTION("deep: the index starts the chain and the fan") {
    TestServer server("deep");
    CHECK_THAT(http_get(server.url("/")).body,
               Catch::Contains("href=\"/__/deep/1\"") && Catch::Contains("href=\"/__/fan\""));
  }
}

TEST_CASE("test_support::Dnsmasq", "[support]") {
  if (!require_tool("dnsmasq", dnsmasq_unavailable())) return;
  Dnsmasq dns({{"www.gov.test", "127.0.0.1", "::1"}, {"v4only.gov.test", "127.0.0.1", ""}});
  CHECK(dns.server() == "127.0.0.1:" + std::to_string(dns.port()));

  SECTION("raw queries get the configured answers") {
    const auto a = dns_query(dns.port(), "www.gov.test", 1);
    REQUIRE(a);
    CHECK(a->rcode == 0);
    CHECK(a->addresses == std::vector<std::string>{"127.0.0.1"});
    const auto aaaa = dns_query(dns.port(), "www.gov.test", 28);
    REQUIRE(aaaa);
    CHECK(aaaa->addresses == std::vector<std::string>{"::1"});
    const auto no_aaaa = dns_query(dns.port(), "v4only.gov.test", 28);
    REQUIRE(no_aaaa);
    CHECK(no_aaaa->rcode == 0);
    CHECK(no_aaaa->addresses.empty());
    const auto missing = dns_query(dns.port(), "missing.gov.test", 1);
    REQUIRE(missing);
    CHECK(missing->rcode == 3);
    const auto failing = dns_query(dns.port(), "www.servfail.test", 1);
    REQUIRE(failing);
    CHECK(failing->rcode == 2);
    const auto outside = dns_query(dns.port(), "example.com", 1);
    REQUIRE(outside);
    CHECK(outside->rcode == 5);
  }

  SECTION("c-ares resolves against it over UDP and TCP") {
    for (bool tcp : {false, true}) {
      INFO("tcp " << tcp);
      const AresResult found = ares_resolve(dns.server(), "www.gov.test", tcp);
      CHECK(found.status == ARES_SUCCESS);
      CHECK(found.addresses == std::set<std::string>{"127.0.0.1", "::1"});
      CHECK(ares_resolve(dns.server(), "missing.gov.test", tcp).status == ARES_ENOTFOUND);
      // c-ares 1.18 treats a SERVFAIL or REFUSED answer as a failed server and, having no other,
      // reports ARES_ECONNREFUSED: that is what the crawler sees for these names.
      CHECK(ares_resolve(dns.server(), "a.servfail.test", tcp).status == ARES_ECONNREFUSED);
      CHECK(ares_resolve(dns.server(), "example.com", tcp).status == ARES_ECONNREFUSED);
    }
  }

  SECTION("a closed port gets no answer") {
    ClosedPort closed;
    CHECK_FALSE(dns_query(closed.port(), "www.gov.test", 1, 300));
  }
}

TEST_CASE("test_support::run_program", "[support]") {
  SECTION("captures the exit code, stdout and stderr") {
    const RunResult result = run_program({"sh", "-c", "echo out; echo err >&2; exit 3"});
    CHECK(result.exit_code == 3);
    CHECK(result.out == "out\n");
    CHECK(result.err == "err\n");
    CHECK_FALSE(result.timed_out);
  }

  SECTION("sends a signal after a delay") {
    const auto start = std::chrono::steady_clock::now();
    const RunResult result = run_program({"sleep", "30"}, 20, 200, SIGINT);
    CHECK(result.exit_code == 128 + SIGINT);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  }

  SECTION("kills the program at the timeout") {
    const RunResult result = run_program({"sleep", "30"}, 0.3);
    CHECK(result.timed_out);
    CHECK(result.exit_code == -1);
    CHECK_THAT(result.err, Catch::Contains("killed after"));
  }

  SECTION("reports a program that cannot be executed") {
    CHECK_THROWS_WITH(run_program({"/nonexistent/program"}),
                      Catch::Contains("cannot execute /nonexistent/program"));
  }

  SECTION("run_govaudit starts the built binary") {
    const RunResult result = run_govaudit({"--version"}, 30);
    CHECK_FALSE(result.timed_out);
    CHECK(result.exit_code >= 0);
  }
}
