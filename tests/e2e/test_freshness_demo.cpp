// End-to-end: crawl the bundled demo site in-process and run the freshness checks with the
// shipped ruleset (the app does not load a ruleset yet), then compare with expected.json.

#include <checks/freshness/freshness.hpp>
#include <checks/rules.hpp>
#include <checks/runner.hpp>
#include <scanner/crawler.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
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
  options.rate = 0;
  options.recheck_after = 0; // the demo's failing links are looked at again at once
  options.per_host = 8;
  core::Problems problems;
  const checks::AuditRules rules = checks::load_rules(ruleset, &options.sites, problems);
  REQUIRE(problems.empty());
  const checks::AuditContext context{{2026, 11, 1}, &options.sites, &rules, false};
  std::vector<std::unique_ptr<checks::Check>> all;
  all.push_back(std::make_unique<checks::Freshness>(rules.freshness, context));
  checks::CheckRunner runner(std::move(all));

  scanner::CrawlHooks hooks;
  hooks.on_page = [&](const scanner::Page& page) { runner.check_page(page); };
  scanner::global_init();
  auto site = scanner::crawl(options, hooks);
  scanner::global_cleanup();
  REQUIRE(site.has_value());
  // Findings by check, in the order the checks were listed.
  std::vector<std::vector<checks::Finding>> found(4);
  const std::vector<std::string> ids = {"home.stale", "columns.stale", "columns.blank",
                                        "newmedia.stale"};
  for (auto& finding : runner.finish(*site, scanner::SiteScope(options.sites))) {
    const auto at = std::find(ids.begin(), ids.end(), finding.check);
    REQUIRE(at != ids.end());
    found[static_cast<std::size_t>(at - ids.begin())].push_back(std::move(finding));
  }

  auto failed_paths = [](const std::vector<checks::Finding>& findings,
                         const std::string& state = {}) {
    std::set<std::string> paths;
    for (const auto& finding : findings) {
      // Site-level veto findings are not rows; an account's own finding carries its veto.
      if (finding.severity != checks::Severity::failure ||
          (finding.veto != checks::VetoState::none && !finding.evidence.contains("platform"))) {
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
