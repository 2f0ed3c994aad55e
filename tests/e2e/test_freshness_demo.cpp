// End-to-end: crawl the bundled demo site in-process and run the freshness checks with the
// shipped ruleset (the app does not load a ruleset yet), then compare with expected.json.

#include <checks/columns.hpp>
#include <checks/freshness.hpp>
#include <scanner/crawler.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <tests/support/test_support.hpp>

namespace {

nlohmann::json load_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::string path_of(const std::string& url) {
  std::size_t slash = url.find('/', url.find("://") + 3);
  return url.substr(slash);
}

} // namespace

TEST_CASE("freshness checks on the demo site", "[freshness][e2e]") {
  const std::string root = test_support::source_dir();
  test_support::TestServer server(root + "/fixtures/demo-site/www");
  const nlohmann::json expected = load_json(root + "/fixtures/demo-site/expected.json");
  const nlohmann::json ruleset = load_json(root + "/rulesets/gov-2019.json");

  scanner::CrawlOptions options;
  options.sites = {scanner::SiteConfig{"demo", {server.url("/")}, {}, {}, {}, {}}};
  options.as_of = "2026-11-01";
  options.rate = 0;
  options.per_host = 8;
  options.quiet = true;
  checks::CheckContext context{options.as_of, &options, &ruleset};
  checks::HomeStale home(context);
  checks::ColumnsStale stale(context);
  checks::ColumnsBlank blank(context);
  checks::NewmediaStale media(context);
  std::vector<const checks::Check*> all{&home, &stale, &blank, &media};

  std::mutex mutex; // guards facts (pages are checked on the crawler's workers)
  std::vector<checks::PageFacts> facts(all.size());
  scanner::CrawlHooks hooks;
  hooks.on_page = [&](const scanner::Page& page) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      auto report = all[i]->inspect(page);
      std::lock_guard lock(mutex);
      if (!report.facts.is_null()) facts[i].emplace_back(page.id, std::move(report.facts));
    }
  };
  scanner::global_init();
  auto site = scanner::crawl(options, hooks);
  scanner::global_cleanup();
  REQUIRE(site.has_value());
  std::vector<std::vector<checks::Finding>> found;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::sort(facts[i].begin(), facts[i].end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    found.push_back(all[i]->check_site(*site, facts[i]));
  }

  auto failed_paths = [](const std::vector<checks::Finding>& findings,
                         const std::string& state = {}) {
    std::set<std::string> paths;
    for (const auto& finding : findings) {
      // Site-level veto findings are not rows; an account's own finding carries its veto.
      if (finding.severity != checks::Severity::failure ||
          (finding.evidence.contains("veto") && !finding.evidence.contains("platform"))) {
        continue;
      }
      if (!state.empty() && finding.evidence.value("state", "") != state) continue;
      paths.insert(path_of(finding.url));
    }
    return paths;
  };

  SECTION("stale and blank columns") {
    CHECK(failed_paths(found[1]) == expected["stale_columns"].get<std::set<std::string>>());
    CHECK(failed_paths(found[2]) == expected["blank_columns"].get<std::set<std::string>>());
  }
  SECTION("every column gets a row") {
    std::set<std::string> rows;
    for (const auto& finding : found[1]) {
      if (finding.severity == checks::Severity::info) rows.insert(path_of(finding.url));
    }
    std::set<std::string> columns;
    for (const auto& column : expected["columns"]) columns.insert(column["url"].get<std::string>());
    CHECK(rows == columns);
  }
  SECTION("homepage and new media") {
    REQUIRE(found[0].size() == 1);
    CHECK(found[0][0].severity == checks::Severity::info);
    CHECK(found[0][0].evidence["last_date"] == expected["home"]["latest_item"]["date"]);
    CHECK(path_of(found[0][0].evidence["last_url"]) == expected["home"]["latest_item"]["url"]);
    CHECK(failed_paths(found[3], "stale") ==
          expected["new_media"]["stale"].get<std::set<std::string>>());
  }
}
