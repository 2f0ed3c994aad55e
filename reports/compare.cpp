#include <reports/compare.hpp>
#include <reports/writers.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace reports {
namespace {

using nlohmann::json;

int severity_rank(checks::Severity severity) {
  switch (severity) {
  case checks::Severity::info:
    return 0;
  case checks::Severity::warning:
    return 1;
  case checks::Severity::failure:
    return 2;
  }
  return 0;
}

// The finding's veto state: "none", "candidate" or "confirmed".
std::string veto_state(const checks::Finding& finding) {
  return std::string(checks::veto_state_name(finding.veto));
}

// none < candidate < confirmed; a state this version does not know counts as none.
int veto_rank(const std::string& state) {
  if (state == "confirmed") return 2;
  if (state == "candidate") return 1;
  return 0;
}

std::optional<double> evidence_number(const checks::Finding& finding, const char* key) {
  if (!finding.evidence.is_object()) return std::nullopt;
  const auto value = finding.evidence.find(key);
  if (value == finding.evidence.end() || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

int sign(double value) {
  // Values are read back from JSON text: differences below this are rounding, not change.
  constexpr double k_epsilon = 1e-9;
  return value > k_epsilon ? 1 : value < -k_epsilon ? -1 : 0;
}

// Collects the respects in which a finding changed, and whether any was worse or better.
struct Tally {
  bool worse = false;
  bool better = false;
  std::vector<std::string> changes;

  void note(int direction, std::string text) {
    if (direction == 0) return;
    (direction > 0 ? worse : better) = true;
    changes.push_back(std::move(text));
  }
};

void compare_values(const checks::Finding& before, const checks::Finding& after, Tally& tally) {
  const auto value_before = evidence_number(before, "value");
  const auto value_after = evidence_number(after, "value");
  const auto line_before = evidence_number(before, "threshold");
  const auto line_after = evidence_number(after, "threshold");
  if (!value_before || !value_after || !line_before || !line_after) return;
  const int direction = value_direction(before, after);
  if (direction == 0) return;
  // How far each value lies past its own line, so that a ruleset that moved the line between
  // the runs is taken into account.
  const double past_before = direction * (*value_before - *line_before);
  const double past_after = direction * (*value_after - *line_after);
  std::string line = short_number(*line_after);
  if (sign(*line_after - *line_before) != 0) line = short_number(*line_before) + " -> " + line;
  tally.note(sign(past_after - past_before), "value " + short_number(*value_before) + " -> " +
                                                 short_number(*value_after) + " (threshold " +
                                                 line + ")");
}

// The key that matches a subject across runs: kind and first URL, or kind, name and platform.
std::string url_key(const SubjectVerdict& subject) {
  return subject.first_url.empty() ? std::string() : subject.kind + '\n' + subject.first_url;
}
std::string name_key(const SubjectVerdict& subject) {
  return subject.name.empty() ? std::string()
                              : subject.kind + '\n' + subject.name + '\n' + subject.platform;
}

std::vector<VetoRecord> veto_records(const json& list) {
  std::vector<VetoRecord> records;
  if (!list.is_array()) return records;
  for (const auto& entry : list) {
    if (!entry.is_object()) continue;
    const json check = entry.value("check", json());
    const json url = entry.value("url", json());
    records.push_back({check.is_string() ? check.get<std::string>() : std::string(),
                       url.is_string() ? url.get<std::string>() : std::string()});
  }
  return records;
}

std::string string_member(const json& object, const char* key) {
  const json value = object.value(key, json());
  return value.is_string() ? value.get<std::string>() : std::string();
}

// "a, b": the distinct checks of `vetoes`, in order.
std::string veto_checks(const std::vector<VetoRecord>& vetoes) {
  std::string text;
  std::set<std::string> seen;
  for (const auto& veto : vetoes) {
    if (!seen.insert(veto.check).second) continue;
    text += (text.empty() ? "" : ", ") + veto.check;
  }
  return text;
}

} // namespace

int value_direction(const checks::Finding& before, const checks::Finding& after) {
  for (const checks::Finding* finding : {&after, &before}) {
    const auto warn = evidence_number(*finding, "warn_threshold");
    const auto line = evidence_number(*finding, "threshold");
    if (warn && line && sign(*line - *warn) != 0) return sign(*line - *warn);
  }
  // The more severe finding first; on a tie, the later run's.
  const bool before_first = severity_rank(before.severity) > severity_rank(after.severity);
  for (const checks::Finding* finding :
       {before_first ? &before : &after, before_first ? &after : &before}) {
    if (finding->severity == checks::Severity::info) continue;
    const auto value = evidence_number(*finding, "value");
    const auto line = evidence_number(*finding, "threshold");
    if (value && line && sign(*value - *line) != 0) return sign(*value - *line);
  }
  return 0;
}

FindingChange compare_findings(const checks::Finding& before, const checks::Finding& after) {
  Tally tally;
  const int severity = severity_rank(after.severity) - severity_rank(before.severity);
  tally.note(severity, "severity " + std::string(checks::severity_name(before.severity)) + " -> " +
                           std::string(checks::severity_name(after.severity)));
  const std::string veto_before = veto_state(before);
  const std::string veto_after = veto_state(after);
  const int veto = veto_rank(veto_after) - veto_rank(veto_before);
  tally.note(veto, "veto " + veto_before + " -> " + veto_after);
  compare_values(before, after, tally);
  const auto count_before = evidence_number(before, "count");
  const auto count_after = evidence_number(after, "count");
  if (count_before && count_after) {
    tally.note(sign(*count_after - *count_before),
               "count " + short_number(*count_before) + " -> " + short_number(*count_after));
  }
  FindingChange change;
  change.trend = tally.worse ? Trend::worsened : tally.better ? Trend::improved : Trend::unchanged;
  change.state_worsened = severity > 0 || veto > 0;
  change.changes = std::move(tally.changes);
  return change;
}

std::string change_text(const FindingChange& change) {
  std::string text;
  for (const auto& part : change.changes) text += (text.empty() ? "" : "; ") + part;
  return text;
}

std::vector<int> match_findings(const std::vector<checks::Finding>& before,
                                const std::vector<checks::Finding>& after) {
  std::map<std::string, std::vector<int>> by_id; // id -> indices in `before`, in order
  for (std::size_t i = 0; i < before.size(); ++i) {
    by_id[finding_id(before[i])].push_back(static_cast<int>(i));
  }
  std::map<std::string, std::size_t> taken; // id -> how many of `before` are matched
  std::vector<int> matches;
  matches.reserve(after.size());
  for (const auto& finding : after) {
    const std::string id = finding_id(finding);
    const auto found = by_id.find(id);
    std::size_t& next = taken[id];
    if (found == by_id.end() || next >= found->second.size()) {
      matches.push_back(-1);
      continue;
    }
    matches.push_back(found->second[next++]);
  }
  return matches;
}

FindingsDiff diff_findings(const std::vector<checks::Finding>& before,
                           const std::vector<checks::Finding>& after) {
  const std::vector<int> matches = match_findings(before, after);
  std::vector<bool> matched(before.size(), false);
  FindingsDiff diff;
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (matches[i] < 0) {
      diff.added.push_back(after[i]);
      continue;
    }
    const checks::Finding& earlier = before[static_cast<std::size_t>(matches[i])];
    matched[static_cast<std::size_t>(matches[i])] = true;
    FindingChange change = compare_findings(earlier, after[i]);
    switch (change.trend) {
    case Trend::worsened:
      diff.worsened.push_back({earlier, after[i], std::move(change)});
      break;
    case Trend::improved:
      diff.improved.push_back({earlier, after[i], std::move(change)});
      break;
    case Trend::unchanged:
      diff.unchanged.push_back(after[i]);
      break;
    }
  }
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (!matched[i]) diff.fixed.push_back(before[i]);
  }
  return diff;
}

std::vector<SubjectVerdict> recorded_subjects(const json& score) {
  std::vector<SubjectVerdict> subjects;
  if (!score.is_object() || !score.contains("subjects") || !score["subjects"].is_array()) {
    return subjects;
  }
  for (const auto& entry : score["subjects"]) {
    if (!entry.is_object()) continue;
    SubjectVerdict subject;
    subject.kind = string_member(entry, "kind");
    subject.name = string_member(entry, "name");
    subject.platform = string_member(entry, "platform");
    const json urls = entry.value("urls", json());
    if (urls.is_array() && !urls.empty() && urls.front().is_string()) {
      subject.first_url = urls.front().get<std::string>();
    }
    subject.verdict = string_member(entry, "verdict");
    subject.verdict_zh = string_member(entry, "verdict_zh");
    if (subject.verdict_zh.empty()) subject.verdict_zh = subject.verdict;
    const json number = entry.value("score", json());
    if (number.is_number()) subject.score = number.get<double>();
    const json measured = entry.value("measured_score", json());
    if (measured.is_number()) subject.measured_score = measured.get<double>();
    const json provisional = entry.value("provisional", json());
    subject.provisional = provisional.is_boolean() && provisional.get<bool>();
    subject.vetoes = veto_records(entry.value("vetoes", json()));
    subject.candidates = veto_records(entry.value("veto_candidates", json()));
    subjects.push_back(std::move(subject));
  }
  return subjects;
}

std::string subject_name(const SubjectVerdict& subject) {
  if (subject.name.empty()) return subject.first_url.empty() ? "site" : subject.first_url;
  if (subject.kind == "new_media" && !subject.platform.empty()) {
    return subject.name + "（" + subject.platform + "）";
  }
  return subject.name;
}

std::string verdict_text(const SubjectVerdict& subject) {
  std::string text = subject.verdict_zh.empty() ? std::string("?") : subject.verdict_zh;
  if (subject.provisional) text += "（暂定）";
  if (subject.score) {
    text += " " + short_number(*subject.score);
  } else if (subject.measured_score && subject.vetoes.empty()) {
    text += " measured " + short_number(*subject.measured_score);
  }
  std::string vetoes;
  if (!subject.vetoes.empty()) vetoes = "veto: " + veto_checks(subject.vetoes);
  if (!subject.candidates.empty()) {
    vetoes += (vetoes.empty() ? "" : "; ") + std::string("veto candidate: ") +
              veto_checks(subject.candidates);
  }
  if (!vetoes.empty()) text += " (" + vetoes + ")";
  return text;
}

bool same_verdict(const SubjectVerdict& before, const SubjectVerdict& after) {
  const bool same_score = before.score.has_value() == after.score.has_value() &&
                          (!before.score || sign(*before.score - *after.score) == 0);
  const bool same_measured =
      before.measured_score.has_value() == after.measured_score.has_value() &&
      (!before.measured_score || sign(*before.measured_score - *after.measured_score) == 0);
  return before.verdict == after.verdict && before.verdict_zh == after.verdict_zh && same_score &&
         same_measured && before.provisional == after.provisional &&
         before.vetoes == after.vetoes && before.candidates == after.candidates;
}

std::vector<SubjectPair> match_subjects(const std::vector<SubjectVerdict>& before,
                                        const std::vector<SubjectVerdict>& after) {
  std::vector<int> partner(after.size(), -1);
  std::vector<bool> used(before.size(), false);
  // First by URL for every subject, then by name for those left: a name never takes a subject
  // that another one matches by URL.
  for (auto key : {url_key, name_key}) {
    for (std::size_t a = 0; a < after.size(); ++a) {
      if (partner[a] >= 0 || key(after[a]).empty()) continue;
      for (std::size_t b = 0; b < before.size(); ++b) {
        if (used[b] || key(before[b]) != key(after[a])) continue;
        partner[a] = static_cast<int>(b);
        used[b] = true;
        break;
      }
    }
  }
  std::vector<SubjectPair> pairs;
  for (std::size_t a = 0; a < after.size(); ++a) {
    SubjectPair pair;
    if (partner[a] >= 0) pair.before = before[static_cast<std::size_t>(partner[a])];
    pair.after = after[a];
    pairs.push_back(std::move(pair));
  }
  for (std::size_t b = 0; b < before.size(); ++b) {
    if (!used[b]) pairs.push_back({before[b], std::nullopt});
  }
  return pairs;
}

std::vector<VetoRecord> new_vetoes(const SubjectVerdict* before, const SubjectVerdict& after) {
  std::vector<VetoRecord> added;
  for (const auto& veto : after.vetoes) {
    if (before != nullptr &&
        std::find(before->vetoes.begin(), before->vetoes.end(), veto) != before->vetoes.end()) {
      continue;
    }
    added.push_back(veto);
  }
  return added;
}

std::string short_number(double value) {
  if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::floor(value)) {
    return std::to_string(static_cast<long long>(value));
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  std::string out = text;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

} // namespace reports
