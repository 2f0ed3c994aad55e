#include <reports/gate.hpp>
#include <reports/writers.hpp>

#include <cmath>
#include <core/civil_date.hpp>
#include <core/jsonc.hpp>
#include <core/problems.hpp>
#include <filesystem>
#include <fstream>
#include <rules/catalogue.hpp>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

core::Expected<json> read_json_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::unexpected(std::string("cannot read ") + what + " \"" + path + "\"");
  std::stringstream text;
  text << in.rdbuf();
  json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) return core::unexpected(path + ": not valid JSON");
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
    return finding.severity == checks::Severity::failure &&
           finding.veto == checks::VetoState::confirmed;
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

// The --fail-on value that names `fail_on`, for reasons that point at the option.
const char* fail_on_flag(FailOn fail_on) {
  switch (fail_on) {
  case FailOn::veto:
    return "veto";
  case FailOn::failure:
    return "failure";
  case FailOn::warning:
    return "warning";
  case FailOn::none:
    break;
  }
  return "none";
}

// Worsened findings named one by one among the reasons; past this many, one more counts them.
constexpr std::size_t k_max_named = 10;

// "worse than in the baseline: home.stale http://x/ (severity warning -> failure; ...)".
std::string worse_reason(const checks::Finding& finding, const std::string& what, FailOn fail_on) {
  return "worse than in the baseline: " + finding.check +
         (finding.key.empty() ? "" : " [" + finding.key + "]") + " " + finding.url +
         (finding.page.empty() ? "" : " (on " + finding.page + ")") + " (" + what +
         ") (--fail-on " + fail_on_flag(fail_on) + ")";
}

// What the --fail-on level finds among the findings the gate counts.
struct OverBar {
  std::size_t added = 0;          // new findings at the level
  std::vector<std::string> worse; // a reason for each worsened one whose state rose into it
};

// Records the status of each finding in `result` (exception, baseline, worse, what changed) and
// returns what is over the --fail-on bar. The findings no exception explains go to
// `not_explained`, which the gate scores.
OverBar judge_findings(const std::vector<checks::Finding>& findings, const GateSettings& settings,
                       GateResult& result, std::vector<checks::Finding>& not_explained) {
  const std::vector<int> matches = settings.baseline
                                       ? match_findings(settings.baseline->findings, findings)
                                       : std::vector<int>(findings.size(), -1);
  OverBar over_bar;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const checks::Finding& finding = findings[i];
    const int exception = match_exception(finding, settings.exceptions, settings.as_of);
    std::optional<FindingChange> change;
    if (matches[i] >= 0) {
      const auto earlier = static_cast<std::size_t>(matches[i]);
      change = compare_findings(settings.baseline->findings[earlier], finding);
    }
    const bool worse = change && change->trend == Trend::worsened;
    result.exception_of.push_back(exception);
    result.in_baseline.push_back(change && !worse);
    result.worsened.push_back(worse);
    result.changes.push_back(change ? change_text(*change) : std::string());
    if (exception >= 0) {
      ++result.explained;
      continue;
    }
    not_explained.push_back(finding);
    if (change && !worse) {
      ++result.baselined;
      continue;
    }
    ++result.counted;
    result.worse += worse ? 1 : 0;
    if (!counts_for(finding, settings.fail_on)) continue;
    if (!change) {
      ++over_bar.added;
    } else if (change->state_worsened) {
      over_bar.worse.push_back(worse_reason(finding, result.changes.back(), settings.fail_on));
    }
  }
  return over_bar;
}

void add_fail_on_reasons(const OverBar& over_bar, FailOn fail_on,
                         std::vector<std::string>& reasons) {
  if (over_bar.added > 0) {
    reasons.push_back(std::to_string(over_bar.added) + " new " + fail_on_name(fail_on) +
                      " finding(s) (--fail-on)");
  }
  for (std::size_t i = 0; i < over_bar.worse.size() && i < k_max_named; ++i) {
    reasons.push_back(over_bar.worse[i]);
  }
  if (over_bar.worse.size() > k_max_named) {
    reasons.push_back(std::to_string(over_bar.worse.size() - k_max_named) +
                      " more finding(s) worse than in the baseline (--fail-on " +
                      fail_on_flag(fail_on) + ")");
  }
}

// A subject below --fail-under, or vetoed (no score), is one reason each.
void add_fail_under_reasons(const AuditScore& gate_score, double fail_under, GateResult& result) {
  for (const auto& subject : gate_score.subjects) {
    std::ostringstream reason;
    const std::string name = subject_label(subject);
    const std::optional<double> value = subject.gate_score();
    if (subject.verdict == Verdict::cannot_assess) {
      reason << name << " cannot be assessed (" << blocked_text(subject.subject.blocked, true)
             << "): no score to compare with --fail-under " << fail_under;
    } else if (!subject.vetoes.empty() || !value) {
      reason << name << " is vetoed (no score), below --fail-under " << fail_under;
    } else if (*value < fail_under) {
      // Without every item assessed there is no official score: the measured one is compared,
      // and the reason says so.
      reason << name << (subject.score ? " scores " : " has a measured score of ") << *value
             << (subject.score
                     ? ""
                     : " (on the " + std::to_string(std::lround(subject.assessed_points)) +
                           " points assessed)")
             << ", below --fail-under " << fail_under;
    } else {
      continue;
    }
    result.reasons.push_back(reason.str());
  }
}

// The baseline's subjects as it recorded them; a findings.json without a score is scored now,
// with the current subjects and ruleset, to learn its vetoes.
std::vector<SubjectVerdict> baseline_subjects(const Baseline& baseline,
                                              const std::vector<Subject>& subjects,
                                              const rules::Ruleset& ruleset) {
  if (!baseline.subjects.empty()) return baseline.subjects;
  return recorded_subjects(score_json(score_audit(baseline.findings, subjects, ruleset)));
}

// One reason per confirmed veto of a subject of `gate_score` that its baseline subject did not
// have: a subject that turns 不合格 fails the gate whatever became of the finding behind it.
void add_new_veto_reasons(const AuditScore& gate_score, const std::vector<SubjectVerdict>& before,
                          FailOn fail_on, std::vector<std::string>& reasons) {
  for (const auto& pair : match_subjects(before, recorded_subjects(score_json(gate_score)))) {
    if (!pair.after) continue;
    const SubjectVerdict* earlier = pair.before ? &*pair.before : nullptr;
    for (const auto& veto : new_vetoes(earlier, *pair.after)) {
      reasons.push_back(subject_name(*pair.after) + " has a new confirmed veto: " + veto.check +
                        " (" + veto.url + "), which the baseline " +
                        (earlier ? "did not have" : "did not audit") + " (--fail-on " +
                        fail_on_flag(fail_on) + ")");
    }
  }
}

} // namespace

core::Expected<FindingsFile> read_findings_json(const std::string& path_or_folder) {
  std::error_code error;
  const std::string path = std::filesystem::is_directory(path_or_folder, error)
                               ? (std::filesystem::path(path_or_folder) / "findings.json").string()
                               : path_or_folder;
  auto document = read_json_file(path, "findings file");
  if (!document) return core::unexpected(document.error());
  json& root = *document;
  const json schema = root.is_object() ? root.value("schema", json()) : json();
  if (schema != k_findings_schema || !root["findings"].is_array()) {
    return core::unexpected(path + ": not a findings.json (schema \"" +
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
    checks::Finding finding{
        entry["check"].get<std::string>(), *severity,
        entry["url"].get<std::string>(),   entry.value("page", ""),
        entry.value("message", ""),        entry.value("evidence", json::object())};
    finding.key = entry.value("key", "");
    read_scoring_fields(finding);
    file.findings.push_back(std::move(finding));
  }
  if (malformed > 0) {
    std::string text;
    for (const auto& problem : problems) text += (text.empty() ? "" : "\n") + problem;
    if (malformed > k_max_listed) {
      text += "\n" + path + ": " + std::to_string(malformed - k_max_listed) +
              " more malformed finding(s)";
    }
    return core::unexpected(text);
  }
  root.erase("findings");
  file.head = std::move(root);
  return file;
}

core::Expected<std::vector<ExceptionEntry>> parse_exceptions(const json& document,
                                                             const std::string& name) {
  const json* list = &document;
  if (document.is_object() && document.contains("exceptions")) list = &document["exceptions"];
  if (!list->is_array()) {
    return core::unexpected(name + ": must be {\"exceptions\": [...]} or an array of entries");
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
    if (!entry.check.empty() && rules::find_catalogue_entry(entry.check) == nullptr) {
      std::vector<std::string_view> known;
      for (const auto& check : rules::catalogue()) known.push_back(check.id);
      std::string text = "unknown check id \"" + entry.check + "\"";
      if (auto match = core::closest_match(entry.check, known)) {
        text += " (did you mean \"" + std::string(*match) + "\"?)";
      }
      problem(i, "check", text);
    }
    if (!entry.expires.empty() && core::iso_date_problem(entry.expires)) {
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
  if (!problems.empty()) return core::unexpected(problems);
  return entries;
}

core::Expected<std::vector<ExceptionEntry>> load_exceptions(const std::string& path) {
  auto document = read_json_file(path, "exceptions file");
  if (!document) return core::unexpected(document.error());
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

Baseline baseline_of(FindingsFile file) {
  Baseline baseline;
  baseline.subjects = recorded_subjects(file.head.value("score", json()));
  baseline.findings = std::move(file.findings);
  return baseline;
}

GateResult apply_gate(const std::vector<checks::Finding>& findings,
                      const std::vector<Subject>& subjects, const rules::Ruleset& ruleset,
                      const GateSettings& settings, const ScoringInputs& inputs) {
  GateResult result;
  std::vector<checks::Finding> not_explained;
  const OverBar over_bar = judge_findings(findings, settings, result, not_explained);
  add_fail_on_reasons(over_bar, settings.fail_on, result.reasons);
  const AuditScore gate_score = score_audit(not_explained, subjects, ruleset, inputs);
  result.gate_score =
      gate_score.subjects.empty() ? std::nullopt : gate_score.subjects.front().gate_score();
  if (settings.baseline && settings.fail_on != FailOn::none) {
    add_new_veto_reasons(gate_score, baseline_subjects(*settings.baseline, subjects, ruleset),
                         settings.fail_on, result.reasons);
  }
  if (settings.fail_under > 0) add_fail_under_reasons(gate_score, settings.fail_under, result);
  result.passed = result.reasons.empty();
  return result;
}

std::string gate_status(const GateResult& gate, std::size_t index) {
  if (index < gate.exception_of.size() && gate.exception_of[index] >= 0) return "explained";
  if (index < gate.worsened.size() && gate.worsened[index]) return "worsened";
  if (index < gate.in_baseline.size() && gate.in_baseline[index]) return "baseline";
  return "new";
}

} // namespace reports
