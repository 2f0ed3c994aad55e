#include <checks/catalogue.hpp>
#include <reports/gate.hpp>
#include <reports/writers.hpp>
#include <scanner/config.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

scanner::Expected<json> read_json_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return scanner::unexpected(std::string("cannot read ") + what + " \"" + path + "\"");
  std::stringstream text;
  text << in.rdbuf();
  json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) return scanner::unexpected(path + ": not valid JSON");
  return document;
}

std::optional<checks::Severity> parse_severity(const json& value) {
  if (!value.is_string()) return std::nullopt;
  for (auto severity :
       {checks::Severity::info, checks::Severity::warning, checks::Severity::failure}) {
    if (value.get<std::string>() == checks::severity_name(severity)) return severity;
  }
  return std::nullopt;
}

bool counts_for(const checks::Finding& finding, FailOn fail_on) {
  switch (fail_on) {
  case FailOn::none:
    return false;
  case FailOn::veto:
    return finding.severity == checks::Severity::failure && finding.evidence.is_object() &&
           finding.evidence.value("veto", "") == "confirmed";
  case FailOn::failure:
    return finding.severity == checks::Severity::failure;
  case FailOn::warning:
    return finding.severity != checks::Severity::info;
  }
  return false;
}

const char* fail_on_name(FailOn fail_on) {
  switch (fail_on) {
  case FailOn::veto:
    return "confirmed veto";
  case FailOn::failure:
    return "failure";
  case FailOn::warning:
    return "failure or warning";
  case FailOn::none:
    break;
  }
  return "none";
}

} // namespace

scanner::Expected<FindingsFile> read_findings_json(const std::string& path) {
  auto document = read_json_file(path, "findings file");
  if (!document) return scanner::unexpected(document.error());
  json& root = *document;
  if (!root.is_object() || root.value("schema", "") != k_findings_schema ||
      !root.contains("findings") || !root["findings"].is_array()) {
    return scanner::unexpected(path + ": not a findings.json (schema \"" +
                               std::string(k_findings_schema) + "\" with a \"findings\" array)");
  }
  FindingsFile file;
  for (std::size_t i = 0; i < root["findings"].size(); ++i) {
    const json& entry = root["findings"][i];
    auto severity =
        entry.is_object() ? parse_severity(entry.value("severity", json())) : std::nullopt;
    if (!severity || !entry.value("check", json()).is_string() ||
        !entry.value("url", json()).is_string()) {
      return scanner::unexpected(path + ": findings[" + std::to_string(i) +
                                 "]: needs \"check\", \"severity\" and \"url\"");
    }
    file.findings.push_back({entry["check"].get<std::string>(), *severity,
                             entry["url"].get<std::string>(), entry.value("page", ""),
                             entry.value("message", ""), entry.value("evidence", json::object())});
  }
  root.erase("findings");
  file.head = std::move(root);
  return file;
}

scanner::Expected<std::vector<ExceptionEntry>> parse_exceptions(const json& document,
                                                                const std::string& name) {
  const json* list = &document;
  if (document.is_object() && document.contains("exceptions")) list = &document["exceptions"];
  if (!list->is_array()) {
    return scanner::unexpected(name + ": must be {\"exceptions\": [...]} or an array of entries");
  }
  std::vector<ExceptionEntry> entries;
  std::string problems;
  auto problem = [&](std::size_t i, const std::string& key, const std::string& text) {
    problems += (problems.empty() ? "" : "\n") + name + ": exceptions[" + std::to_string(i) + "]" +
                (key.empty() ? "" : "." + key) + ": " + text;
  };
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    if (!item.is_object()) {
      problem(i, "", "must be an object {check, url, page, reason, owner, expires}");
      continue;
    }
    ExceptionEntry entry;
    const std::pair<const char*, std::string*> fields[] = {{"check", &entry.check},
                                                           {"url", &entry.url},
                                                           {"reason", &entry.reason},
                                                           {"owner", &entry.owner},
                                                           {"expires", &entry.expires}};
    for (const auto& [key, target] : fields) {
      const json value = item.value(key, json());
      if (!value.is_string() || value.get<std::string>().empty()) {
        problem(i, key,
                std::string("is missing or empty") +
                    (std::string(key) == "reason" ? " (say why the finding is accepted)" : ""));
        continue;
      }
      *target = value.get<std::string>();
    }
    if (item.contains("page")) {
      if (item["page"].is_string()) {
        entry.page = item["page"].get<std::string>();
      } else {
        problem(i, "page", "must be a string");
      }
    }
    if (!entry.check.empty() && checks::find_catalogue_entry(entry.check) == nullptr) {
      std::vector<std::string_view> known;
      for (const auto& check : checks::catalogue()) known.push_back(check.id);
      std::string text = "unknown check id \"" + entry.check + "\"";
      if (auto match = scanner::closest_match(entry.check, known)) {
        text += " (did you mean \"" + std::string(*match) + "\"?)";
      }
      problem(i, "check", text);
    }
    if (!entry.expires.empty() && scanner::validate_as_of(entry.expires)) {
      problem(i, "expires", "must be a date YYYY-MM-DD, got \"" + entry.expires + "\"");
    }
    for (const auto& [key, value] : item.items()) {
      if (key != "check" && key != "url" && key != "page" && key != "reason" && key != "owner" &&
          key != "expires") {
        problem(i, key, "unknown key");
      }
    }
    entries.push_back(std::move(entry));
  }
  if (!problems.empty()) return scanner::unexpected(problems);
  return entries;
}

scanner::Expected<std::vector<ExceptionEntry>> load_exceptions(const std::string& path) {
  auto document = read_json_file(path, "exceptions file");
  if (!document) return scanner::unexpected(document.error());
  return parse_exceptions(*document, path);
}

std::vector<ExceptionEntry> expired_exceptions(const std::vector<ExceptionEntry>& entries,
                                               const std::string& as_of) {
  std::vector<ExceptionEntry> expired;
  for (const auto& entry : entries) {
    if (as_of > entry.expires) expired.push_back(entry); // ISO dates compare as text
  }
  return expired;
}

int match_exception(const checks::Finding& finding, const std::vector<ExceptionEntry>& entries,
                    const std::string& as_of) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ExceptionEntry& entry = entries[i];
    if (entry.check != finding.check || entry.url != finding.url) continue;
    if (!entry.page.empty() && entry.page != finding.page) continue;
    // ISO dates compare as text; the entry still holds on its expiry day.
    if (as_of > entry.expires) continue;
    return static_cast<int>(i);
  }
  return -1;
}

FailOn parse_fail_on(const std::string& text) {
  if (text == "veto") return FailOn::veto;
  if (text == "failure") return FailOn::failure;
  if (text == "warning") return FailOn::warning;
  return FailOn::none;
}

GateResult apply_gate(const std::vector<checks::Finding>& findings,
                      const std::vector<Subject>& subjects, const checks::Ruleset& ruleset,
                      const GateSettings& settings, const ScoringInputs& inputs) {
  GateResult result;
  std::vector<checks::Finding> not_explained;
  std::size_t over_bar = 0;
  for (const auto& finding : findings) {
    const int exception = match_exception(finding, settings.exceptions, settings.as_of);
    const bool baselined =
        settings.use_baseline && settings.baseline_ids.count(finding_id(finding)) > 0;
    result.exception_of.push_back(exception);
    result.in_baseline.push_back(baselined);
    if (exception >= 0) {
      ++result.explained;
      continue;
    }
    not_explained.push_back(finding);
    if (baselined) {
      ++result.baselined;
      continue;
    }
    ++result.counted;
    if (counts_for(finding, settings.fail_on)) ++over_bar;
  }
  if (over_bar > 0) {
    result.passed = false;
    result.reasons.push_back(std::to_string(over_bar) + " new " + fail_on_name(settings.fail_on) +
                             " finding(s) (--fail-on)");
  }
  const AuditScore gate_score = score_audit(not_explained, subjects, ruleset, inputs);
  result.gate_score =
      gate_score.subjects.empty() ? std::nullopt : gate_score.subjects.front().gate_score();
  if (settings.fail_under > 0) {
    for (const auto& subject : gate_score.subjects) {
      std::ostringstream reason;
      const std::string name = subject_label(subject);
      const std::optional<double> value = subject.gate_score();
      if (subject.verdict == Verdict::cannot_assess) {
        reason << name << " cannot be assessed (" << blocked_text(subject.subject.blocked, true)
               << "): no score to compare with --fail-under " << settings.fail_under;
      } else if (!subject.vetoes.empty() || !value) {
        reason << name << " is vetoed (no score), below --fail-under " << settings.fail_under;
      } else if (*value < settings.fail_under) {
        reason << name << (subject.score ? " scores " : " has a measured score of ") << *value
               << (subject.score
                       ? ""
                       : " (on the " +
                             std::to_string(static_cast<int>(subject.assessed_points + 0.5)) +
                             " points assessed)")
               << ", below --fail-under " << settings.fail_under;
      } else {
        continue;
      }
      result.passed = false;
      result.reasons.push_back(reason.str());
    }
  }
  return result;
}

FindingsDiff diff_findings(const std::vector<checks::Finding>& before,
                           const std::vector<checks::Finding>& after) {
  std::map<std::string, std::size_t> before_ids;
  for (std::size_t i = 0; i < before.size(); ++i) before_ids.emplace(finding_id(before[i]), i);
  std::set<std::string> after_ids;
  FindingsDiff diff;
  for (const auto& finding : after) {
    const std::string id = finding_id(finding);
    after_ids.insert(id);
    (before_ids.count(id) ? diff.unchanged : diff.added).push_back(finding);
  }
  for (const auto& finding : before) {
    if (after_ids.count(finding_id(finding)) == 0) diff.fixed.push_back(finding);
  }
  return diff;
}

} // namespace reports
