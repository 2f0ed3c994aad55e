#include "../support/test_support.hpp"
#include "report_fixture.hpp"

#include <reports/gate.hpp>
#include <reports/writers.hpp>

#include <catch2/catch.hpp>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <set>

using nlohmann::json;

namespace {

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold commas, CRLF and
// doubled quotes. Returns the records; fails the test on malformed quoting.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      REQUIRE_FALSE(field_started); // a quote only opens a field
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\r') {
      REQUIRE(i + 1 < text.size());
      REQUIRE(text[i + 1] == '\n');
      records.back().push_back(std::move(field));
      field.clear();
      field_started = false;
      records.emplace_back();
      ++i;
    } else {
      REQUIRE(c != '\n'); // bare LF outside quotes is not RFC 4180
      field += c;
      field_started = true;
    }
  }
  REQUIRE_FALSE(quoted);
  if (records.back().empty() && field.empty()) records.pop_back();
  return records;
}

struct XmlDoc {
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc{nullptr, xmlFreeDoc};
};

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

std::vector<xmlNode*> children(xmlNode* node, const char* name) {
  std::vector<xmlNode*> found;
  for (xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE &&
        std::string(reinterpret_cast<const char*>(child->name)) == name) {
      found.push_back(child);
    }
  }
  return found;
}

} // namespace

TEST_CASE("reports::write_findings_json", "[reports]") {
  test_support::TempDir dir;
  auto data = report_fixture::make_data();
  scanner::Site site;
  site.complete = true;
  scanner::CrawlOptions options;
  reports::Audit audit{site, options, data.as_of, data.findings};
  // A keyed finding: one of several a check writes about the same url and page.
  audit.findings.push_back({"identity.footer",
                            checks::Severity::info,
                            report_fixture::k_home,
                            "",
                            "全部页面均显示主办单位",
                            {{"mark", "sponsor"}},
                            "sponsor"});
  audit.ruleset = {{"id", "gov-2019"}, {"version", "2019.1"}, {"title", "t"}};
  audit.score = reports::score_json(data.score);
  REQUIRE(reports::write_findings_json(dir.file("findings.json"), audit));
  json written = json::parse(test_support::read_file(dir.file("findings.json")));
  CHECK(written["schema"] == "govaudit.findings/1");
  for (const char* key : {"tool", "run", "sites", "summary", "findings", "ruleset", "score"}) {
    CHECK(written.contains(key));
  }
  CHECK(written["ruleset"]["id"] == "gov-2019");
  CHECK(written["score"]["passed"] == false);
  CHECK(written["score"]["score"].is_null()); // vetoed
  CHECK(written["score"]["subjects"][0]["vetoes"][0]["check"] == "home.stale");
  for (const auto& finding : written["findings"]) {
    for (const char* key : {"id", "check", "severity", "url", "page", "message", "evidence"}) {
      CHECK(finding.contains(key));
    }
    // "key" only when there is one.
    CHECK(finding.contains("key") == (finding["check"] == "identity.footer"));
  }
  CHECK(written["findings"].back()["key"] == "sponsor");
  // Read back by `report`, `diff` and --baseline.
  auto read = reports::read_findings_json(dir.file("findings.json"));
  REQUIRE(read);
  REQUIRE(read->findings.size() == audit.findings.size());
  for (std::size_t i = 0; i < audit.findings.size(); ++i) {
    CHECK(reports::finding_id(read->findings[i]) == reports::finding_id(audit.findings[i]));
    CHECK(read->findings[i].key == audit.findings[i].key);
  }
  CHECK(read->head["score"]["ruleset"] == "gov-2019");
}

TEST_CASE("reports::write_junit", "[reports]") {
  test_support::TempDir dir;
  auto data = report_fixture::make_data();
  REQUIRE(reports::write_junit(dir.file("junit.xml"), data));
  XmlDoc xml;
  xml.doc.reset(xmlReadFile(dir.file("junit.xml").c_str(), nullptr, XML_PARSE_NONET));
  REQUIRE(xml.doc);
  xmlNode* root = xmlDocGetRootElement(xml.doc.get());
  CHECK(std::string(reinterpret_cast<const char*>(root->name)) == "testsuites");
  auto suites = children(root, "testsuite");
  REQUIRE(suites.size() == 1);
  auto cases = children(suites[0], "testcase");
  // One test case per check scored for the site, plus one per item no check measures.
  CHECK(cases.size() == std::stoul(attribute(suites[0], "tests")));
  CHECK(cases.size() > 30);
  std::size_t failures = 0;
  std::set<std::string> skipped;
  for (xmlNode* testcase : cases) {
    if (!children(testcase, "skipped").empty()) skipped.insert(attribute(testcase, "name"));
    auto failed = children(testcase, "failure");
    if (failed.empty()) continue;
    ++failures;
    const std::string name = attribute(testcase, "name");
    CHECK((name == "links.broken" || name == "home.stale"));
    xmlChar* text = xmlNodeGetContent(failed[0]);
    const std::string content = reinterpret_cast<const char*>(text);
    xmlFree(text);
    if (name == "links.broken") {
      CHECK(attribute(failed[0], "message").rfind("4 finding(s)", 0) == 0);
      CHECK(content.find(report_fixture::k_injected) != std::string::npos); // escaped, parsed back
      CHECK(content.find("[explained]") != std::string::npos);
    }
  }
  CHECK(failures == 2);
  CHECK(attribute(suites[0], "failures") == "2");
  // Not measured is not passed: checks nobody wrote and items nobody scored are skipped.
  for (const char* name : {"interact.unanswered", "service.useless", "disclose.key_areas",
                           "item:service_guides", "item:page_tags"}) {
    CAPTURE(name);
    CHECK(skipped.count(name) == 1);
  }
  CHECK(skipped.count("links.broken") == 0);
  CHECK(skipped.count("identity.search") == 0);
  CHECK(std::stoul(attribute(suites[0], "skipped")) == skipped.size());
}

TEST_CASE("reports::write_sarif", "[reports]") {
  test_support::TempDir dir;
  auto data = report_fixture::make_data();
  REQUIRE(reports::write_sarif(dir.file("results.sarif"), data));
  json log = json::parse(test_support::read_file(dir.file("results.sarif")));
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "govaudit");
  const json& rules = run["tool"]["driver"]["rules"];
  const json& results = run["results"];
  std::size_t suppressed = 0;
  std::size_t not_assessed = 0;
  std::size_t found = 0;
  for (const auto& result : results) {
    if (result.value("kind", "") == "notApplicable") {
      // What no check measured is stated as not assessed, never passed.
      CHECK(result["level"] == "none");
      CHECK(result["message"]["text"].get<std::string>().rfind("未检查", 0) == 0);
      ++not_assessed;
      continue;
    }
    ++found;
    const std::size_t index = result["ruleIndex"];
    REQUIRE(index < rules.size());
    CHECK(rules[index]["id"] == result["ruleId"]);
    CHECK((result["level"] == "error" || result["level"] == "warning"));
    CHECK(result["message"]["text"].is_string());
    const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    if (result["ruleId"] == "links.broken") {
      // The page where the link was seen, not the broken target.
      CHECK((uri == report_fixture::k_home || uri == report_fixture::k_home + "p.html"));
      CHECK(result["properties"]["target"] != uri);
    }
    suppressed += result.contains("suppressions") ? 1 : 0;
  }
  CHECK(suppressed == 1);
  CHECK(found == 6); // failures and warnings, not info
  CHECK(not_assessed > 0);
  bool service_guides = false;
  for (const auto& result : results) service_guides |= result["ruleId"] == "item:service_guides";
  CHECK(service_guides);
  REQUIRE(run["invocations"].size() == 1);
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("reports::write_csv", "[reports]") {
  test_support::TempDir dir;
  auto data = report_fixture::make_data();
  REQUIRE(reports::write_csv(dir.file("list.csv"), data));
  const std::string text = test_support::read_file(dir.file("list.csv"));
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
  auto records = parse_csv(text.substr(3));
  REQUIRE(records.size() == 7); // header + 6 failures and warnings
  CHECK(records[0][0] == "id");
  CHECK(records[0][1] == "check");
  for (const auto& record : records) CHECK(record.size() == records[0].size());
  bool found_awkward = false;
  for (const auto& record : records) {
    if (record[1] == "identity.https") {
      CHECK(record[7] == "未启用HTTPS, \"quoted\"\nsecond line");
      found_awkward = true;
    }
    if (record[1] == "links.broken" && record[5] == report_fixture::k_home + "gone") {
      CHECK(record[4] == "explained");
    }
  }
  CHECK(found_awkward);
}

TEST_CASE("reports::write_markdown", "[reports]") {
  test_support::TempDir dir;
  auto data = report_fixture::make_data();
  REQUIRE(reports::write_markdown(dir.file("summary.md"), data));
  const std::string text = test_support::read_file(dir.file("summary.md"));
  CHECK(text.find("- Verdict: **不合格** (fail)") != std::string::npos);
  CHECK(text.find("- VETO home.stale: 首页最新信息距监测时间点30天") != std::string::npos);
  CHECK(text.find("links.broken 3 x 1 = 3; links.broken 1 x 0.1 = 0.1") != std::string::npos);
  CHECK(text.find("- Gate: FAILED") != std::string::npos);
}

TEST_CASE("reports: a finding worse than in the baseline", "[reports][gate]") {
  test_support::TempDir dir;
  auto data = report_fixture::make_data();
  // Last month the homepage was 12 days behind: a warning.
  checks::Finding last_month{"home.stale",
                             checks::Severity::warning,
                             report_fixture::k_home,
                             "",
                             "首页最新信息距监测时间点12天",
                             {{"value", 12}, {"threshold", 14}, {"warn_threshold", 10}}};
  reports::GateSettings gate;
  gate.fail_on = reports::FailOn::veto;
  gate.baseline = reports::Baseline{{last_month}, {}};
  gate.exceptions = data.exceptions;
  gate.as_of = data.as_of;
  data.gate = reports::apply_gate(data.findings, data.subjects, *data.ruleset, gate);
  REQUIRE_FALSE(data.gate.passed);
  CHECK(data.gate.worse == 1);

  REQUIRE(reports::write_csv(dir.file("list.csv"), data));
  bool found = false;
  for (const auto& record : parse_csv(test_support::read_file(dir.file("list.csv")).substr(3))) {
    if (record.size() > 4 && record[1] == "home.stale") {
      CHECK(record[4] == "worsened");
      found = true;
    }
  }
  CHECK(found);
  REQUIRE(reports::write_markdown(dir.file("summary.md"), data));
  const std::string summary = test_support::read_file(dir.file("summary.md"));
  CHECK(summary.find("1 worse than in the baseline)") != std::string::npos);
  CHECK(summary.find("  - worse than in the baseline: home.stale http://www.qingshi.gov.cn/ "
                     "(severity warning -> failure; veto none -> confirmed; value 12 -> 30 "
                     "(threshold 14)) (--fail-on veto)") != std::string::npos);
  REQUIRE(reports::write_html(dir.file("report.html"), data));
  const std::string html = test_support::read_file(dir.file("report.html"));
  CHECK(html.find(R"("status":"worsened")") != std::string::npos);
  CHECK(html.find(R"("change":"severity warning -> failure; veto none -> confirmed)") !=
        std::string::npos);
}
