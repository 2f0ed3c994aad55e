// End-to-end: several sites in one config, each judged on its own pages (issue 15, item 4). A
// portal with every footer mark and a 政府信息公开 column, and a department without either
// (fixtures/sites/departments): the department's missing marks are its own failures, scored
// for it, and the portal keeps its full coverage. Once with the department in a folder of the
// portal's host, once on a port of its own.

#include <reports/scoring.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <tests/e2e/scan_helpers.hpp>

using nlohmann::json;
using test_support::TempDir;
using test_support::TestServer;

namespace {

// The built-in ruleset with the demo site's patch: the footer marks link to loopback stand-ins
// of the filing sites (http://localhost:PORT/ext/...), which the patch accepts.
std::string write_ruleset(const TempDir& dir) {
  const std::string root = test_support::source_dir();
  json ruleset = json::parse(test_support::read_file(root + "/rulesets/gov-2019.json"));
  ruleset.merge_patch(
      json::parse(test_support::read_file(root + "/fixtures/demo-site/ruleset-patch.json")));
  const std::string path = dir.file("ruleset.json");
  test_support::write_file(path, ruleset.dump(2));
  return path;
}

// The config the user of issue 15 wrote: a portal and a department, as JSONC.
std::string write_config(const TempDir& dir, const std::string& portal,
                         const std::string& department, const std::string& paths) {
  const std::string path = dir.file("audit.jsonc");
  test_support::write_file(path, R"({
  // Two sites, one crawl: each must be judged on its own pages.
  "as_of": "2026-11-01",
  "ruleset": ")" + write_ruleset(dir) +
                                     R"(",
  "sites": [
    {"name": "青石区人民政府", "start_urls": [")" +
                                     portal + R"("]},
    {
      "name": "青石区教育局",
      "start_urls": [")" + department +
                                     R"("],
      "paths": )" + paths + R"(  /* where it shares the portal's host */
    }
  ]
}
)");
  return path;
}

bool under(const std::string& url, const std::string& prefix) {
  return url.rfind(prefix, 0) == 0;
}

checks::Finding finding_of(const json& entry) {
  return {entry["check"], checks::Severity::info, entry["url"],
          entry["page"],  entry["message"],       entry["evidence"]};
}

// The checks that deduct points in a subject of findings.json's score.
std::set<std::string> deducted(const json& subject) {
  std::set<std::string> checks;
  for (const auto& group : subject["groups"]) {
    for (const auto& deduction : group["deductions"]) checks.insert(deduction["check"]);
  }
  return checks;
}

const std::vector<std::string> k_mark_checks = {"identity.site_code", "identity.icp",
                                                "identity.psb", "identity.dzjg", "identity.footer"};

// What both layouts must show. `portal` and `department` are the homepages; the department's
// pages are those under `department`.
void check_judged_apart(const e2e::ScanResult& result, const std::string& portal,
                        const std::string& department) {
  INFO("govaudit stderr: " << result.run.err);
  REQUIRE(result.run.exit_code == 0);
  const json& findings = result.findings["findings"];
  const json& score = result.findings["score"];
  REQUIRE(score["subjects"].size() == 2);
  const json& portal_score = score["subjects"][0];
  const json& department_score = score["subjects"][1];
  CHECK(department_score["name"] == "青石区教育局");
  // Attributed as `govaudit report` would, from what findings.json recorded.
  const auto subjects = reports::subjects_from_json(score);
  REQUIRE(subjects.size() == 2);

  // The department's missing marks and platform are its own failures.
  {
    std::set<std::string> failed;
    for (const auto& entry : findings) {
      if (entry["severity"] != "failure" || !under(entry["url"], department)) continue;
      failed.insert(entry["check"]);
      CHECK(reports::subject_of(finding_of(entry), subjects) == 1);
      for (const auto& page : entry["evidence"].value("pages_missing", json::array())) {
        CHECK(under(page, department));
      }
    }
    for (const auto& check : k_mark_checks) {
      INFO(check);
      CHECK(failed.count(check) == 1);
    }
    CHECK(failed.count("disclose.platform") == 1);
    // The department's pages are listed under its own verdict.
    for (const auto& entry : result.findings_for("identity.site_code", department)) {
      CHECK(entry["evidence"]["pages_missing"].size() == 3);
      CHECK(entry["evidence"]["coverage"] == 0.0);
    }
  }
  // The portal keeps full coverage: the department's pages are not its.
  {
    std::size_t rows = 0;
    for (const auto& check : k_mark_checks) {
      for (const auto& entry : result.findings_for(check, portal)) {
        INFO(entry.dump());
        ++rows;
        CHECK(entry["severity"] == "info");
        CHECK(entry["evidence"]["pages_missing"].empty());
        CHECK(entry["evidence"]["pages"] == 5);
        CHECK(reports::subject_of(finding_of(entry), subjects) == 0);
      }
    }
    CHECK(rows == 9); // every mark of the five checks
    const auto platform = result.findings_for("disclose.platform", portal + "zwgk/index.html");
    REQUIRE(platform.size() == 1);
    CHECK(platform[0]["severity"] != "failure");
  }
  // Each site is scored for its own findings.
  {
    const auto lost = deducted(department_score);
    for (const auto& check : k_mark_checks) {
      INFO(check);
      CHECK(lost.count(check) == 1);
      CHECK(deducted(portal_score).count(check) == 0);
    }
    CHECK(lost.count("disclose.platform") == 1);
    CHECK(deducted(portal_score).count("disclose.platform") == 0);
    // It keeps fewer of the points the checks assess than the portal does.
    CHECK(department_score["earned_points"] < portal_score["earned_points"]);
    CHECK(department_score["measured_score"] < portal_score["measured_score"]);
  }
  // Each site has its own verdict card in the report, the department's with its own deductions.
  {
    const std::string dom = test_support::chromium_dom(result.out_dir + "/report.html");
    const auto portal_card = dom.find("<section class=\"card subject\"");
    REQUIRE(portal_card != std::string::npos);
    const auto department_card = dom.find("<section class=\"card subject\"", portal_card + 1);
    REQUIRE(department_card != std::string::npos);
    CHECK(dom.find("青石区教育局", department_card) != std::string::npos);
    const std::string card =
        dom.substr(department_card, dom.find("</section>", department_card) - department_card);
    CHECK(card.find("identity.site_code") != std::string::npos);
  }
  // Each homepage sampled, searched and judged apart.
  {
    for (const std::string& home : {portal, department}) {
      INFO(home);
      const auto avail = result.findings_for("avail.homepage", home);
      REQUIRE(avail.size() == 1);
      CHECK(avail[0]["evidence"]["samples"] == 2);
      CHECK(result.findings_for("home.stale", home).size() == 1);
      CHECK(result.findings_for("identity.search", home).size() == 1);
    }
    CHECK(result.findings_for("identity.search", portal)[0]["severity"] == "info");
    CHECK(result.findings_for("identity.search", department)[0]["severity"] == "warning");
  }
  // The department is not told it is a badly named portal.
  {
    const auto domain = result.findings_for("identity.domain", department);
    REQUIRE(domain.size() == 1);
    CHECK(domain[0]["message"].get<std::string>().find("门户网站") == std::string::npos);
  }
  // The portal's link to the department is internal and works.
  {
    const json& entry = result.url(department);
    CHECK(entry["in_scope"] == true);
    CHECK(entry["state"] == "fetched");
    CHECK(entry["fetch"]["status"] == 200);
    for (const auto& finding : findings) {
      if (finding["check"].get<std::string>().rfind("links.", 0) != 0) continue;
      CHECK(finding["url"] != department);
    }
  }
}

} // namespace

TEST_CASE("sites: a department in a folder of the portal's host", "[e2e][sites]") {
  TestServer server("departments");
  TempDir dir;
  const std::string config =
      write_config(dir, server.url("/"), server.url("/jyj/"), R"(["/jyj/"])");
  const auto result = e2e::scan({"--config", config}, dir.file("out"));
  check_judged_apart(result, server.url("/"), server.url("/jyj/"));
}

TEST_CASE("sites: a department on another port of the portal's host", "[e2e][sites]") {
  // The department on a server of its own; the portal's copy links to it there.
  TestServer department("departments");
  TempDir dir;
  const std::string copy = dir.file("portal");
  std::filesystem::copy(test_support::source_dir() + "/fixtures/sites/departments", copy,
                        std::filesystem::copy_options::recursive);
  const std::string link = "href=\"/jyj/\"";
  for (const auto& file : std::filesystem::recursive_directory_iterator(copy)) {
    if (file.path().extension() != ".html") continue;
    std::string html = test_support::read_file(file.path().string());
    for (std::size_t at = html.find(link); at != std::string::npos; at = html.find(link, at)) {
      html.replace(at, link.size(), "href=\"" + department.url("/jyj/") + "\"");
    }
    test_support::write_file(file.path().string(), html);
  }
  TestServer portal(copy);
  const std::string config = write_config(dir, portal.url("/"), department.url("/jyj/"), "[]");
  const auto result = e2e::scan({"--config", config}, dir.file("out"));
  check_judged_apart(result, portal.url("/"), department.url("/jyj/"));
}
