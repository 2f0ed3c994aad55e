// The machine formats: JUnit XML, SARIF 2.1.0, CSV (the rectification list) and Markdown.
#include <reports/report_data.hpp>
#include <reports/writers.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

core::Expected<bool> finish(std::ofstream& out, const std::string& path) {
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
  if (subject.verdict == Verdict::cannot_assess) return "not assessed";
  if (!subject.vetoes.empty()) return "vetoed";
  if (subject.score) return number_text(*subject.score);
  return number_text(subject.earned_points) + " of " + number_text(subject.assessed_points) +
         " points assessed (of " + number_text(subject.measurable_points) + ")";
}

// "合格（暂定）": the verdict as the reports print it.
std::string verdict_text(const SubjectScore& subject) {
  return std::string(verdict_zh(subject.verdict)) + (subject.provisional ? "（暂定）" : "");
}

// Whether the scan measured `check` for `subject`.
bool measured(const SubjectScore& subject, const std::string& check) {
  return std::find(subject.checks_not_measured.begin(), subject.checks_not_measured.end(), check) ==
         subject.checks_not_measured.end();
}

// Whether the rectification list shows `finding`: failures and warnings.
bool listed(const checks::Finding& finding) {
  return finding.severity != checks::Severity::info;
}

std::string status_of(const ReportData& data, std::size_t index) {
  return gate_status(data.gate, index);
}

} // namespace

core::Expected<bool> write_junit(const std::string& path, const ReportData& data) {
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
  std::size_t all_skipped = 0;
  for (std::size_t s = 0; s < data.score.subjects.size() && s < data.subjects.size(); ++s) {
    const SubjectScore& subject = data.score.subjects[s];
    std::map<std::string, std::vector<std::size_t>> cases = failing[s];
    for (const auto& group : subject.groups) {
      for (const auto& item : group.items) {
        for (const auto& check : item.checks) cases[check]; // a passing case unless found
      }
    }
    for (const auto& check : subject.checks_not_measured) cases[check];
    std::size_t failures = 0;
    std::size_t skipped = 0;
    std::size_t item_cases = 0;
    std::ostringstream body;
    const std::string classname =
        std::string(subject.subject.kind == Subject::Kind::site ? "site." : "new_media.") +
        subject_label(subject);
    const auto open_case = [&](const std::string& name) {
      body << "  <testcase classname=\"" << markup_escape(classname) << "\" name=\""
           << markup_escape(name) << "\"";
    };
    for (const auto& [check, list] : cases) {
      open_case(check);
      if (!list.empty()) {
        ++failures;
        body << ">\n   <failure type=\"" << markup_escape(check) << "\" message=\"" << list.size()
             << " finding(s): " << markup_escape(check_name(check, true)) << "\">";
        for (std::size_t index : list) {
          const auto& finding = data.findings[index];
          body << markup_escape(finding.url)
               << (finding.page.empty() ? std::string()
                                        : " (on " + markup_escape(finding.page) + ")")
               << ": " << markup_escape(finding.message) << " [" << status_of(data, index) << "]\n";
        }
        body << "</failure>\n  </testcase>\n";
      } else if (!measured(subject, check)) {
        // Not measured is not passed: JUnit's skipped, never a green case.
        ++skipped;
        body << ">\n   <skipped message=\"未检查 (not assessed): "
             << (subject.subject.blocked.empty()
                     ? "no check of this scan measured it"
                     : markup_escape(blocked_text(subject.subject.blocked, true)))
             << "\"/>\n  </testcase>\n";
      } else {
        body << "/>\n";
      }
    }
    // Items of the score that nothing measured: skipped too, so that CI shows the gap.
    for (const auto& group : subject.groups) {
      if (!group.scored) continue;
      for (const auto& item : group.items) {
        if (item.assessed() || !item.checks.empty()) continue;
        open_case("item:" + item.id);
        ++skipped;
        ++item_cases;
        body << ">\n   <skipped message=\"未检查 (not assessed): " << markup_escape(group.name_zh)
             << " / " << markup_escape(item.name_zh) << ", " << item.points
             << " points: no check measures it and no reviewer scored it\"/>\n  </testcase>\n";
      }
    }
    const std::size_t tests = cases.size() + item_cases;
    all_tests += tests;
    all_failures += failures;
    all_skipped += skipped;
    suites << " <testsuite name=\"" << markup_escape(classname) << "\" tests=\"" << tests
           << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\">\n"
           << "  <properties><property name=\"score\" value=\""
           << markup_escape(score_text(subject)) << "\"/><property name=\"verdict\" value=\""
           << verdict_text(subject) << "\"/><property name=\"assessed_points\" value=\""
           << subject.assessed_points << "\"/><property name=\"measurable_points\" value=\""
           << subject.measurable_points << "\"/><property name=\"ruleset\" value=\""
           << markup_escape(data.ruleset->id) << "\"/></properties>\n"
           << body.str() << " </testsuite>\n";
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"govaudit\" tests=\""
      << all_tests << "\" failures=\"" << all_failures << "\" skipped=\"" << all_skipped << "\">\n"
      << suites.str() << "</testsuites>\n";
  return finish(out, path);
}

core::Expected<bool> write_sarif(const std::string& path, const ReportData& data) {
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
          {"evidence", evidence_json(finding)}}}};
    if (data.gate.exception_of.size() > i && data.gate.exception_of[i] >= 0) {
      const ExceptionEntry& entry = data.exceptions[data.gate.exception_of[i]];
      result["suppressions"] =
          json::array({{{"kind", "external"},
                        {"justification",
                         entry.reason + " (" + entry.owner + ", until " + entry.expires + ")"}}});
    }
    results.push_back(std::move(result));
  }
  // What was not assessed is stated, as SARIF allows: a result of kind "notApplicable" (level
  // "none") per check or item that measured nothing for a subject, never a silent pass.
  for (const auto& subject : data.score.subjects) {
    const std::string label = subject_label(subject);
    const std::string where = subject.subject.urls.empty() ? label : subject.subject.urls.front();
    auto not_assessed = [&](const std::string& rule_id, const std::string& name_en,
                            const std::string& why) {
      auto [it, added] = rule_index.emplace(rule_id, rules.size());
      if (added) {
        rules.push_back({{"id", rule_id},
                         {"name", name_en},
                         {"shortDescription", {{"text", name_en}}},
                         {"help", {{"text", "not assessed by this scan"}}}});
      }
      results.push_back(
          {{"ruleId", rule_id},
           {"ruleIndex", it->second},
           {"kind", "notApplicable"},
           {"level", "none"},
           {"message", {{"text", "未检查 (not assessed) for " + label + ": " + why}}},
           {"locations",
            json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", where}}}}}}})}});
    };
    for (const auto& check : subject.checks_not_measured) {
      not_assessed(check, check_name(check, true),
                   subject.subject.blocked.empty() ? "no check of this scan measured it"
                                                   : blocked_text(subject.subject.blocked, true));
    }
    for (const auto& group : subject.groups) {
      for (const auto& item : group.items) {
        if (!group.scored || item.assessed() || !item.checks.empty()) continue;
        not_assessed("item:" + item.id, item.name_en,
                     group.name_en + " / " + item.name_en +
                         ": no check measures it and no reviewer scored it");
      }
    }
  }
  json notifications = json::array();
  for (const auto& reason : data.incomplete_reasons) {
    notifications.push_back({{"level", "error"}, {"message", {{"text", reason}}}});
  }
  json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::array({{{"tool",
                      {{"driver",
                        {{"name", "govaudit"},
                         {"version", GOVAUDIT_VERSION},
                         {"informationUri", "https://example.invalid/govaudit"},
                         {"rules", std::move(rules)}}}}},
                     {"results", std::move(results)},
                     {"invocations",
                      json::array({{{"executionSuccessful", data.complete},
                                    {"toolExecutionNotifications", std::move(notifications)}}})},
                     {"properties",
                      {{"ruleset", data.ruleset->id},
                       {"as_of", data.as_of},
                       {"complete", data.complete}}}}})}};
  out << log.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
  return finish(out, path);
}

core::Expected<bool> write_csv(const std::string& path, const ReportData& data) {
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
                                  evidence_text(evidence_json(finding))};
    bool first = true;
    for (const auto& field : fields) {
      out << (first ? "" : ",") << csv_field(field);
      first = false;
    }
    out << "\r\n";
  }
  return finish(out, path);
}

core::Expected<bool> write_markdown(const std::string& path, const ReportData& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  const char* verdict = !data.score.assessable() ? "无法评估"
                        : data.score.passed()    ? "合格"
                                                 : "不合格";
  const bool provisional =
      std::any_of(data.score.subjects.begin(), data.score.subjects.end(),
                  [](const SubjectScore& subject) { return subject.provisional; });
  out << "# govaudit: " << data.site << "\n\n"
      << "- Audit date: " << data.as_of << "\n- Ruleset: " << data.ruleset->id << " ("
      << data.ruleset->version << ")"
      << (data.ruleset_source.empty() ? "" : ", from " + data.ruleset_source) << "\n"
      << "- Verdict: **" << verdict << (provisional ? "（暂定）" : "") << "** ("
      << (!data.score.assessable() ? "cannot be assessed"
          : data.score.passed()    ? "pass"
                                   : "fail")
      << (provisional ? ", provisional" : "") << ")\n";
  if (!data.complete) {
    out << "- **Scan incomplete** (" << data.stop_reason << "): never a pass\n";
    for (const auto& reason : data.incomplete_reasons) out << "  - " << reason << "\n";
  }
  for (const auto& entry : data.expired) {
    out << "- Expired exception (explains nothing): " << entry.check << " " << entry.url << " ("
        << entry.owner << ", expired " << entry.expires << ")\n";
  }
  out << "- Gate: " << (data.gate.passed ? "passed" : "FAILED") << "\n";
  for (const auto& reason : data.gate.reasons) out << "  - " << reason << "\n";
  out << "- Findings: " << data.findings.size() << " (" << data.gate.explained << " explained, "
      << data.gate.baselined << " in the baseline";
  if (data.gate.worse > 0) out << ", " << data.gate.worse << " worse than in the baseline";
  out << ")\n";
  for (const auto& subject : data.score.subjects) {
    out << "\n## " << subject_label(subject) << ": " << verdict_text(subject) << ", score "
        << score_text(subject) << "\n\n";
    if (subject.verdict == Verdict::cannot_assess) {
      out << "- cannot be assessed: " << blocked_text(subject.subject.blocked, true)
          << (subject.subject.blocked_detail.empty() ? ""
                                                     : " (" + subject.subject.blocked_detail + ")")
          << "\n";
    }
    for (const auto& veto : subject.vetoes)
      out << "- VETO " << veto.check << ": " << veto.message
          << (veto.by_reviewer ? " (confirmed by " + veto.by_reviewer->assessor + ")" : "") << "\n";
    for (const auto& veto : subject.candidates)
      out << "- veto candidate (to review) " << veto.check << ": " << veto.message << "\n";
    if (!subject.vetoes_not_assessed.empty()) {
      out << "- veto checks not assessed:";
      for (const auto& check : subject.vetoes_not_assessed) out << ' ' << check;
      out << "\n";
    }
    for (const auto& note : subject.notes) out << "- " << note << "\n";
    out << "\n| group | points | assessed | lost | kept | deductions |\n"
        << "|---|---:|---:|---:|---:|---|\n";
    for (const auto& group : subject.groups) {
      std::string lines;
      for (const auto& item : group.items) {
        if (!item.assessed() && group.scored) {
          lines += (lines.empty() ? "" : "; ") + item.name_zh + " not assessed";
        }
        for (const auto& d : item.deductions) {
          lines += (lines.empty() ? "" : "; ") + d.check + " " + std::to_string(d.count) + " x " +
                   number_text(d.unit) + " = " + number_text(d.points);
        }
        if (item.by_reviewer) {
          lines += (lines.empty() ? "" : "; ") + item.name_zh + " reviewer -" +
                   number_text(item.by_reviewer->lost) + " (" + item.by_reviewer->assessor + ")";
        }
        if (item.cap_applied)
          lines += " (" + item.name_zh + " capped at " + number_text(item.points) + ")";
      }
      out << "| " << group.name_en << " " << group.name_zh << " | " << group.points << " | "
          << (group.scored ? number_text(group.assessed_points()) : "not scored") << " | "
          << number_text(group.lost) << " | " << number_text(group.remaining()) << " | " << lines
          << " |\n";
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
