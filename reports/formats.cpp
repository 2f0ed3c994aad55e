// The machine formats: JUnit XML, SARIF 2.1.0, CSV (the rectification list) and Markdown.
#include <reports/report_data.hpp>
#include <reports/writers.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

scanner::Expected<bool> finish(std::ofstream& out, const std::string& path) {
  out.flush();
  if (!out) return write_failed(path);
  return true;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string evidence_text(const json& evidence) {
  return evidence.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string score_text(const SubjectScore& subject) {
  return subject.score ? number_text(*subject.score) : std::string("vetoed");
}

// Whether the rectification list shows `finding`: failures and warnings.
bool listed(const checks::Finding& finding) {
  return finding.severity != checks::Severity::info;
}

std::string status_of(const ReportData& data, std::size_t index) {
  if (index < data.gate.exception_of.size() && data.gate.exception_of[index] >= 0) {
    return "explained";
  }
  if (index < data.gate.in_baseline.size() && data.gate.in_baseline[index]) return "baseline";
  return "new";
}

} // namespace

scanner::Expected<bool> write_junit(const std::string& path, const ReportData& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  // (subject, check) -> its failure findings: each pair is one test case.
  std::vector<std::map<std::string, std::vector<std::size_t>>> failing(data.subjects.size());
  const SubjectIndex subject_index(data.subjects);
  for (std::size_t i = 0; i < data.findings.size() && !data.subjects.empty(); ++i) {
    if (data.findings[i].severity != checks::Severity::failure) continue;
    failing[subject_index.of(data.findings[i])][data.findings[i].check].push_back(i);
  }
  std::ostringstream suites;
  std::size_t all_tests = 0;
  std::size_t all_failures = 0;
  for (std::size_t s = 0; s < data.score.subjects.size() && s < data.subjects.size(); ++s) {
    const SubjectScore& subject = data.score.subjects[s];
    const Subject::Kind kind = data.subjects[s].kind;
    std::map<std::string, std::vector<std::size_t>> cases = failing[s];
    for (const auto& [id, rule] : data.ruleset->checks) {
      if (applies_to(rule, kind, *data.ruleset)) cases[id]; // a passing case unless found
    }
    std::size_t failures = 0;
    std::ostringstream body;
    const std::string classname =
        std::string(kind == Subject::Kind::site ? "site." : "new_media.") + subject_label(subject);
    for (const auto& [check, list] : cases) {
      body << "  <testcase classname=\"" << markup_escape(classname) << "\" name=\""
           << markup_escape(check) << "\"";
      if (list.empty()) {
        body << "/>\n";
        continue;
      }
      ++failures;
      body << ">\n   <failure type=\"" << markup_escape(check) << "\" message=\"" << list.size()
           << " finding(s): " << markup_escape(check_name(check, true)) << "\">";
      for (std::size_t index : list) {
        const auto& finding = data.findings[index];
        body << markup_escape(finding.url)
             << (finding.page.empty() ? std::string() : " (on " + markup_escape(finding.page) + ")")
             << ": " << markup_escape(finding.message) << " [" << status_of(data, index) << "]\n";
      }
      body << "</failure>\n  </testcase>\n";
    }
    all_tests += cases.size();
    all_failures += failures;
    suites << " <testsuite name=\"" << markup_escape(classname) << "\" tests=\"" << cases.size()
           << "\" failures=\"" << failures << "\" errors=\"0\">\n"
           << "  <properties><property name=\"score\" value=\"" << score_text(subject)
           << "\"/><property name=\"verdict\" value=\"" << verdict_zh(subject.passed)
           << "\"/><property name=\"ruleset\" value=\"" << markup_escape(data.ruleset->id)
           << "\"/></properties>\n"
           << body.str() << " </testsuite>\n";
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"govaudit\" tests=\""
      << all_tests << "\" failures=\"" << all_failures << "\">\n"
      << suites.str() << "</testsuites>\n";
  return finish(out, path);
}

scanner::Expected<bool> write_sarif(const std::string& path, const ReportData& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  std::map<std::string, std::size_t> rule_index;
  json rules = json::array();
  json results = json::array();
  for (std::size_t i = 0; i < data.findings.size(); ++i) {
    const auto& finding = data.findings[i];
    if (!listed(finding)) continue;
    auto [it, added] = rule_index.emplace(finding.check, rules.size());
    if (added) {
      rules.push_back({{"id", finding.check},
                       {"name", check_name(finding.check, true)},
                       {"shortDescription", {{"text", check_name(finding.check, false)}}},
                       {"help", {{"text", check_advice(finding.check, true)}}}});
    }
    const std::string& location = finding.page.empty() ? finding.url : finding.page;
    json result = {
        {"ruleId", finding.check},
        {"ruleIndex", it->second},
        {"level", finding.severity == checks::Severity::failure ? "error" : "warning"},
        {"message", {{"text", finding.message}}},
        {"locations",
         json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", location}}}}}}})},
        {"partialFingerprints", {{"govauditFindingId/v1", finding_id(finding)}}},
        {"properties",
         {{"target", finding.url},
          {"status", status_of(data, i)},
          {"evidence", finding.evidence}}}};
    if (data.gate.exception_of.size() > i && data.gate.exception_of[i] >= 0) {
      const ExceptionEntry& entry = data.exceptions[data.gate.exception_of[i]];
      result["suppressions"] =
          json::array({{{"kind", "external"},
                        {"justification",
                         entry.reason + " (" + entry.owner + ", until " + entry.expires + ")"}}});
    }
    results.push_back(std::move(result));
  }
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({{{"tool",
                                      {{"driver",
                                        {{"name", "govaudit"},
                                         {"version", GOVAUDIT_VERSION},
                                         {"informationUri", "https://example.invalid/govaudit"},
                                         {"rules", std::move(rules)}}}}},
                                     {"results", std::move(results)},
                                     {"properties",
                                      {{"ruleset", data.ruleset->id},
                                       {"as_of", data.as_of},
                                       {"complete", data.complete}}}}})}};
  out << log.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
  return finish(out, path);
}

scanner::Expected<bool> write_csv(const std::string& path, const ReportData& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  out << "\xEF\xBB\xBF"; // the BOM: Excel then reads the file as UTF-8
  out << "id,check,check_name,severity,status,url,page,message,advice,evidence\r\n";
  for (std::size_t i = 0; i < data.findings.size(); ++i) {
    const auto& finding = data.findings[i];
    if (!listed(finding)) continue;
    const std::string fields[] = {finding_id(finding),
                                  finding.check,
                                  check_name(finding.check, false),
                                  std::string(checks::severity_name(finding.severity)),
                                  status_of(data, i),
                                  finding.url,
                                  finding.page,
                                  finding.message,
                                  check_advice(finding.check, false),
                                  evidence_text(finding.evidence)};
    bool first = true;
    for (const auto& field : fields) {
      out << (first ? "" : ",") << csv_field(field);
      first = false;
    }
    out << "\r\n";
  }
  return finish(out, path);
}

scanner::Expected<bool> write_markdown(const std::string& path, const ReportData& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  out << "# govaudit: " << data.site << "\n\n"
      << "- Audit date: " << data.as_of << "\n- Ruleset: " << data.ruleset->id << " ("
      << data.ruleset->version << ")\n"
      << "- Verdict: **" << verdict_zh(data.score.passed()) << "** ("
      << (data.score.passed() ? "pass" : "fail") << ")\n";
  if (!data.complete)
    out << "- **Scan incomplete** (" << data.stop_reason << "): not a clean result\n";
  out << "- Gate: " << (data.gate.passed ? "passed" : "FAILED") << "\n";
  for (const auto& reason : data.gate.reasons) out << "  - " << reason << "\n";
  out << "- Findings: " << data.findings.size() << " (" << data.gate.explained << " explained, "
      << data.gate.baselined << " in the baseline)\n";
  for (const auto& subject : data.score.subjects) {
    out << "\n## " << subject_label(subject) << ": " << verdict_zh(subject.passed) << ", score "
        << score_text(subject) << (subject.provisional ? " (provisional)" : "") << "\n\n";
    for (const auto& veto : subject.vetoes)
      out << "- VETO " << veto.check << ": " << veto.message << "\n";
    for (const auto& veto : subject.candidates)
      out << "- veto candidate (to review) " << veto.check << ": " << veto.message << "\n";
    for (const auto& note : subject.notes) out << "- " << note << "\n";
    out << "\n| group | points | lost | remaining | deductions |\n|---|---:|---:|---:|---|\n";
    for (const auto& group : subject.groups) {
      std::string lines;
      for (const auto& d : group.deductions) {
        lines += (lines.empty() ? "" : "; ") + d.check + " " + std::to_string(d.count) + " x " +
                 number_text(d.unit) + " = " + number_text(d.points);
      }
      if (group.cap_applied) lines += " (capped at " + number_text(group.points) + ")";
      out << "| " << group.name_en << " " << group.name_zh << " | " << group.points << " | "
          << (group.scored ? number_text(group.lost) : "not scored") << " | "
          << number_text(group.remaining()) << " | " << lines << " |\n";
    }
  }
  std::map<std::string, std::size_t> by_check;
  for (const auto& finding : data.findings) {
    if (listed(finding)) ++by_check[finding.check];
  }
  out << "\n## Rectification list by check\n\n| check | findings |\n|---|---:|\n";
  for (const auto& [check, count] : by_check) out << "| " << check << " | " << count << " |\n";
  return finish(out, path);
}

} // namespace reports
