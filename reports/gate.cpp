#include <reports/gate.hpp>
#include <reports/writers.hpp>
#include <scanner/config.hpp>

#include <filesystem>
#include <fstream>
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

scanner::Expected<FindingsFile> read_findings_json(const std::string& path_or_folder) {
  std::error_code error;
  const std::string path = std::filesystem::is_directory(path_or_folder, error)
                               ? (std::filesystem::path(path_or_folder) / "findings.json").string()
                               : path_or_folder;
  auto document = read_json_file(path, "findings file");
  if (!document) return scanner::unexpected(document.error());
  json& root = *document;
  const json schema = root.is_object() ? root.value("schema", json()) : json();
  if (schema != k_findings_schema || !root["findings"].is_array()) {
    return scanner::unexpected(path + ": not a findings.json (schema \"" +
                               std::string(k_findings_schema) + "\" with a \"findings\" array)");
  }
  // Every malformed finding is named, up to a few: a file broken throughout says so once.
  constexpr std::size_t k_max_listed = 10;
  std::vector<std::string> problems;
  std::size_t malformed = 0;
  FindingsFile file;
  for (std::size_t i = 0; i < root["findings"].size(); ++i) {
    const json& entry = root["findings"][i];
    const std::string where = path + ": findings[" + std::to_string(i) + "]";
    std::string problem;
    auto severity =
        entry.is_object() ? parse_severity(entry.value("severity", json())) : std::nullopt;
    if (!severity || !entry.value("check", json()).is_string() ||
        !entry.value("url", json()).is_string()) {
      problem = where + ": needs \"check\", \"severity\" and \"url\"";
    } else {
      for (const char* member : {"page", "message", "key"}) {
        if (entry.contains(member) && !entry[member].is_string()) {
          problem = where + "." + member + ": must be a string";
          break;
        }
      }
    }
    if (!problem.empty()) {
      if (++malformed <= k_max_listed) problems.push_back(std::move(problem));
      continue;
    }
    file.findings.push_back({entry["check"].get<std::string>(), *severity,
                             entry["url"].get<std::string>(), entry.value("page", ""),
                             entry.value("message", ""), entry.value("evidence", json::object()),
                             entry.value("key", "")});
  }
  if (malformed > 0) {
    std::string text;
    for (const auto& problem : problems) text += (text.empty() ? "" : "\n") + problem;
    if (malformed > k_max_listed) {
      text += "\n" + path + ": " + std::to_string(malformed - k_max_listed) +
              " more malformed finding(s)";
    }
    return scanner::unexpected(text);
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
                      const GateSettings& settings) {
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
  const AuditScore gate_score = score_audit(not_explained, subjects, ruleset);
  result.gate_score = gate_score.headline_score();
  if (settings.fail_under > 0) {
    for (const auto& subject : gate_score.subjects) {
      std::ostringstream reason;
      const std::string name = subject_label(subject);
      if (!subject.score) {
        reason << name << " is vetoed (no score), below --fail-under " << settings.fail_under;
      } else if (*subject.score < settings.fail_under) {
        reason << name << " scores " << *subject.score << ", below --fail-under "
               << settings.fail_under;
      } else {
        continue;
      }
      result.passed = false;
      result.reasons.push_back(reason.str());
    }
  }
  return result;
}

} // namespace reports
