#include <app/cli.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using app::Command;

std::string fixture(const std::string& name) {
  return std::string(GOVAUDIT_SOURCE_DIR) + "/fixtures/config/" + name;
}

// Runs parse_command_line() on "govaudit" followed by `args`.
core::Expected<Command> parse(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"govaudit"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return app::parse_command_line(static_cast<int>(argv.size()), argv.data());
}

std::string error_of(const std::vector<std::string>& args) {
  auto result = parse(args);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

} // namespace

TEST_CASE("app::parse_command_line: commands", "[cli]") {
  SECTION("help in every spelling") {
    for (auto args : std::vector<std::vector<std::string>>{{"--help"},
                                                           {"-h"},
                                                           {"help"},
                                                           {"help", "scan"},
                                                           {"scan", "--help"},
                                                           {"scan", "-h", "--no-such-option"},
                                                           {"demo", "--help"}}) {
      CAPTURE(args);
      auto command = parse(args);
      REQUIRE(command.has_value());
      CHECK(command->kind == Command::Kind::help);
    }
  }

  SECTION("version") {
    auto command = parse({"--version"});
    REQUIRE(command.has_value());
    CHECK(command->kind == Command::Kind::version);
    CHECK(error_of({"--version", "x"}) ==
          R"(govaudit: error: --version takes no arguments, got "x")");
  }

  SECTION("demo takes options but no URLs and no config") {
    auto command = parse({"demo", "--out", "demo-out", "--quiet"});
    REQUIRE(command.has_value());
    CHECK(command->kind == Command::Kind::demo);
    CHECK(command->options.out_dir == "demo-out");
    CHECK(command->options.quiet);
    CHECK(command->options.sites.empty());
    CHECK(error_of({"demo", "http://127.0.0.1/", "--config", "x.json"}) ==
          "govaudit: error: demo does not read a config file (--config)\n"
          "govaudit: error: demo takes no URLs, got \"http://127.0.0.1/\"");
  }

  SECTION("no command, unknown commands, options before the command") {
    CHECK(error_of({}) == "govaudit: error: no command given (see govaudit --help)");
    CHECK(error_of({"scna"}) ==
          R"(govaudit: error: unknown command "scna" (did you mean "scan"?))");
    CHECK(error_of({"audit"}) ==
          R"(govaudit: error: unknown command "audit" (see govaudit --help))");
    CHECK(error_of({"--foo"}) ==
          R"(govaudit: error: unknown option "--foo" (see govaudit --help))");
    CHECK(
        error_of({"--max-depth=3", "scan"}) ==
        R"(govaudit: error: missing command before "--max-depth" (govaudit scan URL... [options]))");
  }
}

TEST_CASE("app::parse_command_line: scan", "[cli]") {
  SECTION("URLs form one site; the rest keeps its defaults") {
    auto command = parse({"scan", "https://www.example.gov.cn/", "http://127.0.0.1:8080/a"});
    REQUIRE(command.has_value());
    CHECK(command->kind == Command::Kind::scan);
    REQUIRE(command->options.sites.size() == 1);
    CHECK(command->options.sites[0].name.empty());
    CHECK(command->options.sites[0].start_urls ==
          std::vector<std::string>{"https://www.example.gov.cn/", "http://127.0.0.1:8080/a"});
    const app::Settings defaults;
    CHECK(command->options.max_pages == defaults.max_pages);
    CHECK(command->options.out_dir == defaults.out_dir);
    CHECK(command->options.rate == defaults.rate);
    CHECK(command->options.headers.empty());
  }

  SECTION("every option, as --opt value") {
    auto command = parse({"scan",
                          "--out",
                          "out-dir",
                          "--as-of",
                          "2026-11-30",
                          "--max-pages",
                          "500",
                          "--max-depth",
                          "3",
                          "--concurrency",
                          "8",
                          "--per-host",
                          "4",
                          "--rate",
                          "0",
                          "--timeout",
                          "12.5",
                          "--connect-timeout",
                          "3",
                          "--retries",
                          "0",
                          "--max-body",
                          "4096",
                          "--user-agent",
                          "test-agent/1",
                          "--dns-server",
                          "127.0.0.1:5353",
                          "--ignore-robots",
                          "--include",
                          "^http://127\\.0\\.0\\.1",
                          "--exclude",
                          "\\.pdf$",
                          "--quiet",
                          "--header",
                          "X-Audit: 1",
                          "--cookie-jar",
                          "jar.txt",
                          "--user",
                          "u:p",
                          "--proxy",
                          "http://127.0.0.1:3128",
                          "--insecure",
                          "http://127.0.0.1/"});
    REQUIRE(command.has_value());
    const app::Settings& options = command->options;
    CHECK(options.out_dir == "out-dir");
    CHECK(options.as_of == "2026-11-30");
    CHECK(options.max_pages == 500u);
    CHECK(options.max_depth == 3);
    CHECK(options.concurrency == 8);
    CHECK(options.per_host == 4);
    CHECK(options.rate == 0);
    CHECK(options.timeout == 12.5);
    CHECK(options.connect_timeout == 3);
    CHECK(options.retries == 0);
    CHECK(options.max_body == 4096u);
    CHECK(options.user_agent == "test-agent/1");
    CHECK(options.dns_server == "127.0.0.1:5353");
    CHECK(options.ignore_robots);
    CHECK(options.include == std::vector<std::string>{"^http://127\\.0\\.0\\.1"});
    CHECK(options.exclude == std::vector<std::string>{"\\.pdf$"});
    CHECK(options.quiet);
    CHECK(options.headers == std::vector<std::string>{"X-Audit: 1"});
    CHECK(options.cookie_jar == "jar.txt");
    CHECK(options.user == "u:p");
    CHECK(options.proxy == "http://127.0.0.1:3128");
    CHECK(options.insecure);
    REQUIRE(options.sites.size() == 1);
    CHECK(options.sites[0].start_urls == std::vector<std::string>{"http://127.0.0.1/"});
  }

  SECTION("every option, as --opt=value; a value may contain '='") {
    auto command = parse({"scan",
                          "--out=o",
                          "--as-of=2024-02-29",
                          "--max-pages=7",
                          "--max-depth=50",
                          "--concurrency=256",
                          "--per-host=64",
                          "--rate=2.5",
                          "--timeout=3600",
                          "--connect-timeout=0.5",
                          "--retries=10",
                          "--max-body=1024",
                          "--user-agent=a=b",
                          "--dns-server=[::1]:53",
                          "--include=q=1",
                          "--exclude=x",
                          "--header=X-Eq: a=b",
                          "--cookie-jar=c.txt",
                          "--user=u:p=q",
                          "--proxy=socks5://[::1]:1080",
                          "http://[::1]:8080/"});
    REQUIRE(command.has_value());
    const app::Settings& options = command->options;
    CHECK(options.out_dir == "o");
    CHECK(options.as_of == "2024-02-29");
    CHECK(options.max_pages == 7u);
    CHECK(options.max_depth == 50);
    CHECK(options.concurrency == 256);
    CHECK(options.per_host == 64);
    CHECK(options.rate == 2.5);
    CHECK(options.timeout == 3600);
    CHECK(options.connect_timeout == 0.5);
    CHECK(options.retries == 10);
    CHECK(options.max_body == 1024u);
    CHECK(options.user_agent == "a=b");
    CHECK(options.dns_server == "[::1]:53");
    CHECK(options.include == std::vector<std::string>{"q=1"});
    CHECK(options.exclude == std::vector<std::string>{"x"});
    CHECK(options.headers == std::vector<std::string>{"X-Eq: a=b"});
    CHECK(options.cookie_jar == "c.txt");
    CHECK(options.user == "u:p=q");
    CHECK(options.proxy == "socks5://[::1]:1080");
  }

  SECTION("repeatable options accumulate; other options: the last one wins") {
    auto command = parse({"scan", "--include", "a", "--include=b", "--exclude", "c", "--exclude",
                          "d", "--header", "X-A: 1", "--header=X-B: 2", "--max-depth", "1",
                          "--max-depth", "2", "http://127.0.0.1/"});
    REQUIRE(command.has_value());
    CHECK(command->options.include == std::vector<std::string>{"a", "b"});
    CHECK(command->options.exclude == std::vector<std::string>{"c", "d"});
    CHECK(command->options.headers == std::vector<std::string>{"X-A: 1", "X-B: 2"});
    CHECK(command->options.max_depth == 2);
  }

  SECTION("after --, every argument is a URL") {
    auto command = parse({"scan", "--quiet", "--", "http://127.0.0.1/"});
    REQUIRE(command.has_value());
    CHECK(command->options.sites[0].start_urls == std::vector<std::string>{"http://127.0.0.1/"});
    CHECK(error_of({"scan", "--", "--quiet"}) ==
          R"(govaudit: error: start URL "--quiet" must be an absolute http(s) URL)");
  }
}

TEST_CASE("app::parse_command_line: validation", "[cli]") {
  auto [args, expected] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"--max-depth", "-3"}, R"(--max-depth must be between 0 and 50, got "-3")"},
      {{"--max-depth=51"}, R"(--max-depth must be between 0 and 50, got "51")"},
      {{"--max-pages", "0"}, R"(--max-pages must be between 1 and 10000000, got "0")"},
      {{"--max-pages", "ten"},
       R"(--max-pages must be an integer between 1 and 10000000, got "ten")"},
      {{"--concurrency", "257"}, R"(--concurrency must be between 1 and 256, got "257")"},
      {{"--per-host", "1.5"}, R"(--per-host must be an integer between 1 and 64, got "1.5")"},
      {{"--retries", "11"}, R"(--retries must be between 0 and 10, got "11")"},
      {{"--max-body", "1023"}, R"(--max-body must be between 1024 and 1073741824, got "1023")"},
      {{"--rate", "-1"},
       R"(--rate must be a number >= 0 (requests per second, 0 = unlimited), got "-1")"},
      {{"--timeout", "0"},
       R"(--timeout must be a number of seconds greater than 0 and at most 3600, got "0")"},
      {{"--connect-timeout=3601"},
       R"(--connect-timeout must be a number of seconds greater than 0 and at most 3600, got "3601")"},
      {{"--as-of", "2026-02-30"}, R"(--as-of must be a valid date YYYY-MM-DD, got "2026-02-30")"},
      {{"--as-of", "30/11/2026"}, R"(--as-of must be a date written YYYY-MM-DD, got "30/11/2026")"},
      {{"--dns-server", "localhost"},
       R"(--dns-server must be an IP address with an optional port (IP, IP:PORT or [IPv6]:PORT), got "localhost")"},
      {{"--include", "("},
       R"(--include must be a valid ECMAScript regular expression (mismatched '(' and ')'), got "(")"},
      {{"--exclude", "[a"},
       R"(--exclude must be a valid ECMAScript regular expression (unexpected character within '[...]'), got "[a")"},
      {{"--header", "NoColon"},
       R"(--header must be "Name: value" (a header name, a colon, a value), got "NoColon")"},
      {{"--user", "nopass"}, R"(--user must be USER:PASS, got "nopass")"},
      {{"--proxy", "127.0.0.1:3128"},
       R"(--proxy must be a proxy URL such as http://127.0.0.1:3128 (schemes http, https, socks4, socks4a, socks5, socks5h), got "127.0.0.1:3128")"},
      {{"--out="}, R"(--out must be a non-empty string without control characters, got "")"},
      {{"--user-agent", ""},
       R"(--user-agent must be a non-empty string without control characters, got "")"},
      {{"--cookie-jar="},
       R"(--cookie-jar must be a non-empty string without control characters, got "")"},
      {{"--quiet=yes"}, R"(--quiet takes no value, got "yes")"},
      {{"--insecure="}, R"(--insecure takes no value, got "")"},
      {{"--timout=3"}, R"(unknown option "--timout" (did you mean "--timeout"?))"},
      {{"--foo=1"}, R"(unknown option "--foo" (see govaudit --help))"},
      {{"-q"}, R"(unknown option "-q" (see govaudit --help))"},
      {{"ftp://www.example.gov.cn/"},
       R"(start URL "ftp://www.example.gov.cn/" must be an absolute http(s) URL)"},
      {{"www.example.gov.cn"}, R"(start URL "www.example.gov.cn" must be an absolute http(s) URL)"},
  }));
  CAPTURE(args);
  std::vector<std::string> full{"scan", "http://127.0.0.1/"};
  full.insert(full.end(), args.begin(), args.end());
  CHECK(error_of(full) == "govaudit: error: " + expected);
}

TEST_CASE("app::parse_command_line: problems", "[cli]") {
  SECTION("an option at the end without its value") {
    CHECK(error_of({"scan", "http://127.0.0.1/", "--out"}) ==
          "govaudit: error: --out needs a value (--out DIR)");
    CHECK(error_of({"scan", "http://127.0.0.1/", "--config"}) ==
          "govaudit: error: --config needs a value (--config FILE)");
  }

  SECTION("scan without URLs or sites") {
    const std::string message = "govaudit: error: scan needs at least one URL, or a config file "
                                "(--config) with \"sites\" (see govaudit --help)";
    CHECK(error_of({"scan"}) == message);
    CHECK(error_of({"scan", "--quiet"}) == message);
    CHECK(error_of({"scan", "--config", fixture("no_sites.jsonc")}) == message);
  }

  SECTION("every problem is reported at once, in command-line order") {
    CHECK(error_of({"scan", "--max-depth", "-3", "--foo", "ftp://x", "--rate=abc",
                    "http://127.0.0.1/", "--quiet=1"}) ==
          "govaudit: error: unknown option \"--foo\" (see govaudit --help)\n"
          "govaudit: error: --quiet takes no value, got \"1\"\n"
          "govaudit: error: --max-depth must be between 0 and 50, got \"-3\"\n"
          "govaudit: error: --rate must be a number >= 0 (requests per second, 0 = unlimited), "
          "got \"abc\"\n"
          "govaudit: error: start URL \"ftp://x\" must be an absolute http(s) URL");
  }

  SECTION("config file problems come first, one line each, together with the flags'") {
    std::string path = fixture("unknown_keys.jsonc");
    CHECK(error_of({"scan", "--config", path, "--retries", "11"}) ==
          "govaudit: error: " + path + ":2: unknown key \"timout\" (did you mean \"timeout\"?)\n" +
              "govaudit: error: " + path +
              ":3: unknown key \"max-pages\" (did you mean \"max_pages\"?)\n" +
              "govaudit: error: " + path + ":4: unknown key \"colour\"\n" + "govaudit: error: " +
              path + ":7: unknown key \"sites[0].start_url\" (did you mean \"start_urls\"?)\n" +
              "govaudit: error: " + path +
              ":8: unknown key \"sites[0].path\" (did you mean \"paths\"?)\n" +
              "govaudit: error: " + path +
              ":9: unknown key \"sites[0].new_media[0].platfrom\" (did you mean \"platform\"?)\n" +
              "govaudit: error: --retries must be between 0 and 10, got \"11\"");
  }

  SECTION("a config file that cannot be read") {
    std::string path = fixture("missing.json");
    CHECK(error_of({"scan", "--config=" + path}) ==
          "govaudit: error: cannot read config file \"" + path + "\": No such file or directory");
  }
}

TEST_CASE("app::parse_command_line: config file and flags", "[cli]") {
  std::string path = fixture("all_keys.jsonc");

  SECTION("the config file alone") {
    auto command = parse({"scan", "--config", path});
    REQUIRE(command.has_value());
    CHECK(command->options.sites.size() == 2);
    CHECK(command->options.max_depth == 0);
    CHECK(command->options.proxy == "socks5h://127.0.0.1:1080");
  }

  SECTION("flags override the file, wherever --config stands") {
    auto command = parse({"scan", "--max-depth", "7", "--config=" + path, "--rate", "9", "--proxy",
                          "http://127.0.0.1:3128", "--user-agent", "cli"});
    REQUIRE(command.has_value());
    const app::Settings& options = command->options;
    CHECK(options.max_depth == 7);
    CHECK(options.rate == 9);
    CHECK(options.proxy == "http://127.0.0.1:3128");
    CHECK(options.user_agent == "cli");
    // Not given on the command line: from the file.
    CHECK(options.per_host == 64);
    CHECK(options.out_dir == "reports/all-keys");
    CHECK(options.include ==
          std::vector<std::string>{"^https://www\\.example\\.gov\\.cn/", "/xxgk/"});
    CHECK(options.sites.size() == 2);
  }

  SECTION("a repeatable flag replaces the file's list") {
    auto command = parse({"scan", "--config", path, "--header", "X-1: a", "--header", "X-2: b"});
    REQUIRE(command.has_value());
    CHECK(command->options.headers == std::vector<std::string>{"X-1: a", "X-2: b"});
    CHECK(command->options.include.size() == 2);
  }

  SECTION("command-line URLs replace the file's sites") {
    auto command = parse({"scan", "--config", path, "http://127.0.0.1:9/"});
    REQUIRE(command.has_value());
    REQUIRE(command->options.sites.size() == 1);
    CHECK(command->options.sites[0].name.empty());
    CHECK(command->options.sites[0].start_urls == std::vector<std::string>{"http://127.0.0.1:9/"});
    CHECK(command->options.sites[0].hosts.empty());
  }

  SECTION("a config without sites plus URLs") {
    auto command = parse({"scan", "--config", fixture("no_sites.jsonc"), "http://127.0.0.1/"});
    REQUIRE(command.has_value());
    CHECK(command->options.max_depth == 5);
    CHECK(command->options.sites.size() == 1);
  }
}

TEST_CASE("app::help_text", "[cli]") {
  std::string help = app::help_text();
  CHECK(help.starts_with("govaudit " GOVAUDIT_VERSION " - "));
  CHECK(help.ends_with("\n"));
  for (const char* expected : {"govaudit scan URL... [options]",
                               "govaudit demo",
                               "govaudit --version",
                               "--help",
                               "--config FILE",
                               "--out DIR",
                               "--as-of YYYY-MM-DD",
                               "--max-pages N",
                               "--max-depth N",
                               "--concurrency N",
                               "--per-host N",
                               "--rate N",
                               "--timeout S",
                               "--connect-timeout S",
                               "--retries N",
                               "--max-body BYTES",
                               "--user-agent S",
                               "--dns-server IP[:PORT]",
                               "--ignore-robots",
                               "--include REGEX",
                               "--exclude REGEX",
                               "--quiet",
                               "--header 'NAME: VALUE'",
                               "--cookie-jar FILE",
                               "--user USER:PASS",
                               "--proxy URL",
                               "--insecure",
                               "[default: govaudit-out]",
                               "[default: 100000]",
                               "[default: 16]",
                               "[default: 2]",
                               "[default: 4]",
                               "(1-10000000)",
                               "(0-50)",
                               "(1-256)",
                               "(1-64)",
                               "(0-10)",
                               "(1024-1073741824)",
                               "(at most 3600)",
                               "[default: 30]",
                               "[default: 20971520]",
                               "replace the \"sites\" of the config file",
                               "0  the audit passed its gate",
                               "1  the audit failed its gate",
                               "2  bad usage or config",
                               "3  the scan could not be completed"}) {
    CAPTURE(expected);
    CHECK(help.find(expected) != std::string::npos);
  }
  // Fits an 100-column terminal.
  std::size_t start = 0;
  while (start < help.size()) {
    std::size_t end = help.find('\n', start);
    CAPTURE(help.substr(start, end - start));
    CHECK(end - start <= 100);
    start = end + 1;
  }
}

TEST_CASE("app::version_text", "[cli]") {
  CHECK(app::version_text() == "govaudit " GOVAUDIT_VERSION "\n");
  CHECK(std::string(GOVAUDIT_VERSION).find('.') != std::string::npos);
}
