// End-to-end: `govaudit demo` over the bundled demo site, its content findings (maps, disclosure,
// identity, privacy) compared with fixtures/demo-site/expected.json, and no full personal number
// anywhere in the output folder.

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <tests/e2e/scan_helpers.hpp>

using test_support::TempDir;

namespace {

using Paths = std::set<std::string>;

// The path of `url` on the demo server ("/zwgk/index.html"); other origins keep the whole URL.
std::string path_of(const std::string& url, const std::string& origin) {
  return url.rfind(origin, 0) == 0 ? url.substr(origin.size()) : url;
}

// The start URL the demo printed ("... served at http://127.0.0.1:P/").
std::string origin_of(const std::string& err) {
  std::smatch match;
  REQUIRE(std::regex_search(err, match, std::regex("served at (http://127\\.0\\.0\\.1:[0-9]+)/")));
  return match[1];
}

struct Demo {
  TempDir out;
  test_support::RunResult run;
  nlohmann::json findings;
  std::string origin;

  Demo() {
    run = test_support::run_govaudit({"demo", "--out", out.path(), "--quiet"}, 180);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    findings =
        nlohmann::json::parse(test_support::read_file(out.file("findings.json")))["findings"];
    origin = origin_of(run.err);
  }

  // Findings of `check` with `severity` (any when empty).
  std::vector<nlohmann::json> of(const std::string& check, const std::string& severity) const {
    std::vector<nlohmann::json> found;
    for (const auto& finding : findings) {
      if (finding["check"] == check && (severity.empty() || finding["severity"] == severity)) {
        found.push_back(finding);
      }
    }
    return found;
  }
  std::string path(const nlohmann::json& url) const { return path_of(url, origin); }
};

Paths paths(const nlohmann::json& list) {
  Paths out;
  for (const auto& item : list) out.insert(item.get<std::string>());
  return out;
}

} // namespace

TEST_CASE("demo: content findings match expected.json", "[e2e][demo][content]") {
  const std::string root = test_support::source_dir() + "/fixtures/demo-site";
  const auto expected = nlohmann::json::parse(test_support::read_file(root + "/expected.json"));
  // One scan for every section (Catch runs the body once per section).
  static const Demo demo;

  SECTION("maps") {
    Paths missing;
    for (const auto& finding : demo.of("map.review_number", "failure")) {
      missing.insert(demo.path(finding["url"]));
    }
    CHECK(missing == paths(expected["maps_missing_approval"]));
    Paths detected;
    for (const auto& finding : demo.of("map.detect", ""))
      detected.insert(demo.path(finding["url"]));
    Paths maps;
    for (const auto& map : expected["maps"]) maps.insert(map["image"].get<std::string>());
    CHECK(detected == maps);
  }
  SECTION("disclosure catalogue, 20 working days, annual reports, interpretations") {
    const auto& disclosure = expected["disclosure"];
    Paths missing_categories;
    Paths late_publication;
    for (const auto& finding : demo.of("disclose.catalogue", "")) {
      if (finding["severity"] == "failure") {
        missing_categories.insert(finding["evidence"]["category"].get<std::string>());
      }
      if (finding["evidence"].value("problem", "") == "late_publication") {
        late_publication.insert(demo.path(finding["url"]));
      }
    }
    CHECK(missing_categories == paths(disclosure["missing_categories"]));
    Paths over_20;
    for (const auto& delay : disclosure["publication_delay"]) {
      if (delay["over_20_working_days"] == true) over_20.insert(delay["url"].get<std::string>());
    }
    CHECK(late_publication == over_20);

    const auto& reports = disclosure["annual_reports"];
    Paths late;
    Paths missing_years;
    std::set<std::pair<std::string, std::string>> incomplete;
    for (const auto& finding : demo.of("disclose.annual_report", "failure")) {
      const auto& evidence = finding["evidence"];
      if (evidence["problem"] == "late") late.insert(demo.path(finding["url"]));
      if (evidence["problem"] == "missing") missing_years.insert(evidence["year"].dump());
      if (evidence["problem"] == "incomplete") {
        for (const auto& heading : evidence["headings_missing"]) {
          incomplete.emplace(demo.path(finding["url"]), heading);
        }
      }
    }
    CHECK(late == paths(reports["late"]));
    Paths expected_years;
    for (const auto& year : reports["missing_years"]) expected_years.insert(year.dump());
    CHECK(missing_years == expected_years);
    std::set<std::pair<std::string, std::string>> expected_incomplete;
    for (const auto& report : reports["incomplete"]) {
      for (const auto& heading : report["missing_headings"]) {
        expected_incomplete.emplace(report["url"], heading);
      }
    }
    CHECK(incomplete == expected_incomplete);

    const auto& policy = expected["policy_interpretation"];
    for (const std::string problem :
         {"no_interpretation", "doc_to_interp_only", "interp_to_doc_only"}) {
      Paths found;
      for (const auto& finding : demo.of("disclose.interpretation", "failure")) {
        if (finding["evidence"]["problem"] == problem) found.insert(demo.path(finding["url"]));
      }
      Paths planted;
      for (const auto& entry : policy[problem]) {
        planted.insert(entry.is_string() ? entry.get<std::string>()
                                         : entry["document"].get<std::string>());
      }
      INFO(problem);
      CHECK(found == planted);
    }
  }
  SECTION("identity marks: coverage and the pages without each") {
    const auto& identity = expected["identity"];
    for (const auto& [mark, pages] : identity["pages_missing"].items()) {
      INFO(mark);
      const nlohmann::json* row = nullptr;
      for (const auto& finding : demo.findings) {
        if (finding["check"].get<std::string>().rfind("identity.", 0) == 0 &&
            finding["evidence"].value("mark", "") == mark) {
          row = &finding;
        }
      }
      REQUIRE(row != nullptr);
      // The test server's own routes (/__/chain/0, /__/flaky/zwfw answer small HTML pages
      // without a footer) are pages to the scanner but not part of the demo's model.
      Paths lacking;
      int routes = 0;
      for (const auto& page : (*row)["evidence"]["pages_missing"]) {
        const std::string path = demo.path(page);
        if (path.rfind("/__/", 0) == 0) {
          ++routes;
        } else {
          lacking.insert(path);
        }
      }
      // Those pages lack the filing numbers too, so their missing links are not counted again.
      const bool link_mark = mark == "icp_link" || mark == "psb_link";
      CHECK(routes == (link_mark ? 0 : 2));
      CHECK(lacking == paths(pages));
      CHECK((*row)["evidence"]["pages"].get<int>() - 2 == identity["pages_checked"]);
      CHECK((*row)["evidence"]["excluded_pages"].size() == identity["excluded_pages"].size());
    }
  }
  SECTION("every finding has an id of its own") {
    // Checks that write several findings about one url and page (footer marks, catalogue
    // categories, a column's row beside its failure, masked numbers) set a key.
    CHECK(e2e::shared_ids({{"findings", demo.findings}}).empty());
    CHECK(demo.findings.size() > 60);
  }
  SECTION("privacy: every leak masked, no decoy") {
    std::set<std::tuple<std::string, std::string, std::string>> found;
    for (const std::string check : {"privacy.id_number", "privacy.phone"}) {
      for (const auto& finding : demo.of(check, "")) {
        found.emplace(demo.path(finding["url"]), finding["evidence"]["kind"],
                      finding["evidence"]["masked"]);
      }
    }
    std::set<std::tuple<std::string, std::string, std::string>> leaks;
    for (const auto& leak : expected["privacy"]["leaks"])
      leaks.emplace(leak["url"], leak["kind"], leak["masked"]);
    CHECK(found == leaks);
  }
  SECTION("no full ID or mobile number anywhere in the output folder") {
    // The full numbers behind the masked leaks, read from the page that shows them.
    std::vector<std::string> full_numbers;
    for (const auto& leak : expected["privacy"]["leaks"]) {
      const std::string masked = leak["masked"];
      const std::string text =
          test_support::read_file(root + "/www" + leak["url"].get<std::string>());
      const auto stars = masked.find('*');
      const auto kept_end = masked.size() - 1 - masked.rfind('*');
      const std::regex shape(masked.substr(0, stars) + "[0-9]{" +
                             std::to_string(masked.size() - stars - kept_end) + "}" +
                             masked.substr(masked.size() - kept_end));
      for (auto it = std::sregex_iterator(text.begin(), text.end(), shape);
           it != std::sregex_iterator(); ++it) {
        full_numbers.push_back(it->str());
      }
    }
    REQUIRE(full_numbers.size() >= expected["privacy"]["leaks"].size());
    CHECK(e2e::files_containing(demo.out.path(), full_numbers).empty());
  }
}
