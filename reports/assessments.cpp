#include <reports/assessments.hpp>
#include <reports/scoring.hpp>

#include <algorithm>
#include <cmath>
#include <core/civil_date.hpp>
#include <core/jsonc.hpp>
#include <core/problems.hpp>
#include <set>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string quote(const std::string& text) {
  return "\"" + text + "\"";
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  if (auto match = core::closest_match(word, views)) {
    return " (did you mean " + quote(std::string(*match)) + "?)";
  }
  return "";
}

// Reads one assessments document, collecting every problem with its line.
class Reader {
public:
  Reader(const std::string& path, const core::JsoncDocument& document,
         const rules::Ruleset& ruleset, const std::vector<Subject>& subjects)
      : m_path(path), m_document(document), m_ruleset(ruleset), m_subjects(subjects) {}

  Assessments read() {
    Assessments result;
    result.source = m_path;
    const json& root = m_document.root;
    if (!root.is_object()) {
      problem("", "(top)", "must be an object {assessor, date, items, vetoes}");
      return result;
    }
    known_keys(root, "", "", {"assessor", "date", "items", "vetoes"});
    m_assessor = text(root, "", "assessor", false);
    m_date = date(root, "", "date", false);
    const json items = root.value("items", json::array());
    const json vetoes = root.value("vetoes", json::array());
    if (!items.is_array()) problem("/items", "items", "must be an array of item entries");
    if (!vetoes.is_array()) problem("/vetoes", "vetoes", "must be an array of veto decisions");
    if (items.is_array()) {
      for (std::size_t i = 0; i < items.size(); ++i) read_item(items[i], i, result);
    }
    if (vetoes.is_array()) {
      for (std::size_t i = 0; i < vetoes.size(); ++i) read_veto(vetoes[i], i, result);
    }
    return result;
  }

  bool ok() const { return m_problems.empty(); }

  std::string problems() {
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (const auto& [line, text] : m_problems) out += (out.empty() ? "" : "\n") + text;
    return out;
  }

private:
  void problem(const std::string& pointer, const std::string& name, const std::string& text) {
    const std::uint32_t line = m_document.line_of(pointer);
    m_problems.emplace_back(line, m_path + ":" + std::to_string(line) + ": " + name + ": " + text);
  }

  void known_keys(const json& object, const std::string& pointer, const std::string& name,
                  const std::vector<std::string>& keys) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      problem(pointer + "/" + key, name.empty() ? key : name + "." + key,
              "unknown key" + did_you_mean(key, keys));
    }
  }

  std::string text(const json& object, const std::string& pointer, const std::string& key,
                   bool required, const std::string& name = "") {
    const std::string label = name.empty() ? key : name + "." + key;
    if (!object.contains(key)) {
      if (required) problem(pointer, label, "is missing (a non-empty string)");
      return {};
    }
    const json& value = object.at(key);
    if (!value.is_string() || value.get<std::string>().empty()) {
      problem(pointer + "/" + key, label, "must be a non-empty string");
      return {};
    }
    return value.get<std::string>();
  }

  std::string date(const json& object, const std::string& pointer, const std::string& key,
                   bool required, const std::string& name = "") {
    std::string value = text(object, pointer, key, required, name);
    if (!value.empty() && core::iso_date_problem(value)) {
      problem(pointer + "/" + key, name.empty() ? key : name + "." + key,
              "must be a date YYYY-MM-DD, got " + quote(value));
      return {};
    }
    return value;
  }

  // Who and when: the entry's own, else the file's; one of them must say it.
  void who_and_when(const json& entry, const std::string& pointer, const std::string& name,
                    std::string& assessor, std::string& when) {
    assessor = text(entry, pointer, "assessor", false, name);
    when = date(entry, pointer, "date", false, name);
    if (assessor.empty()) assessor = m_assessor;
    if (when.empty()) when = m_date;
    if (assessor.empty() && !entry.contains("assessor")) {
      problem(pointer, name, "says nobody decided it: give \"assessor\" here or at the top");
    }
    if (when.empty() && !entry.contains("date")) {
      problem(pointer, name, "has no date: give \"date\" (YYYY-MM-DD) here or at the top");
    }
  }

  // The first URL of the subject `entry` names (its name or one of its URLs), else the first
  // site's; empty after a problem.
  std::string subject_of(const json& entry, const std::string& pointer, const std::string& name) {
    if (m_subjects.empty()) return {};
    const std::string wanted = text(entry, pointer, "subject", false, name);
    if (wanted.empty()) {
      if (entry.contains("subject")) return {};
      for (const auto& subject : m_subjects) {
        if (subject.kind == Subject::Kind::site && !subject.urls.empty()) {
          return subject.urls.front();
        }
      }
      return {};
    }
    std::vector<std::string> names;
    for (const auto& subject : m_subjects) {
      if (subject.urls.empty()) continue;
      bool match = subject.name == wanted || subject_label(subject) == wanted;
      for (const auto& url : subject.urls) match = match || trim_slash(url) == trim_slash(wanted);
      if (match) return subject.urls.front();
      if (!subject.name.empty()) names.push_back(subject.name);
      names.push_back(subject.urls.front());
    }
    problem(pointer + "/subject", name + ".subject",
            "names no site or account of this audit: " + quote(wanted) +
                did_you_mean(wanted, names));
    return {};
  }

  void read_item(const json& entry, std::size_t index, Assessments& result) {
    const std::string pointer = "/items/" + std::to_string(index);
    const std::string name = "items[" + std::to_string(index) + "]";
    if (!entry.is_object()) {
      problem(pointer, name, "must be an object {subject, item, lost or points, note}");
      return;
    }
    known_keys(entry, pointer, name,
               {"subject", "item", "lost", "points", "note", "assessor", "date"});
    ItemAssessment assessment;
    assessment.subject = subject_of(entry, pointer, name);
    const std::string wanted = text(entry, pointer, "item", true, name);
    const rules::ItemRule* item = find_item(wanted);
    if (!wanted.empty() && item == nullptr) {
      problem(pointer + "/item", name + ".item",
              "unknown item " + quote(wanted) + did_you_mean(wanted, item_names()));
    }
    const bool has_lost = entry.contains("lost");
    const bool has_points = entry.contains("points");
    if (has_lost == has_points) {
      problem(pointer, name,
              "needs either \"lost\" (points deducted) or \"points\" (points kept), not both");
    } else if (item != nullptr) {
      const char* key = has_lost ? "lost" : "points";
      const json& value = entry.at(key);
      const double number = value.is_number() ? value.get<double>() : -1;
      if (!value.is_number() || !std::isfinite(number) || number < 0 || number > item->points) {
        std::ostringstream rule;
        rule << "must be a number from 0 to " << item->points << " (the points of " << item->name_zh
             << "), got " << value.dump();
        problem(pointer + "/" + key, name + "." + key, rule.str());
      } else {
        assessment.lost = has_lost ? number : item->points - number;
      }
    }
    if (item != nullptr) assessment.item = item->id;
    assessment.note = text(entry, pointer, "note", false, name);
    who_and_when(entry, pointer, name, assessment.assessor, assessment.date);
    if (!assessment.subject.empty() && !assessment.item.empty()) {
      if (!m_items_seen.insert({assessment.subject, assessment.item}).second) {
        problem(pointer, name, "scores item " + quote(assessment.item) + " of this subject again");
      }
    }
    result.items.push_back(std::move(assessment));
  }

  void read_veto(const json& entry, std::size_t index, Assessments& result) {
    const std::string pointer = "/vetoes/" + std::to_string(index);
    const std::string name = "vetoes[" + std::to_string(index) + "]";
    if (!entry.is_object()) {
      problem(pointer, name, "must be an object {subject, check, url, decision, note}");
      return;
    }
    known_keys(entry, pointer, name,
               {"subject", "check", "url", "decision", "note", "assessor", "date"});
    VetoDecision decision;
    decision.subject = subject_of(entry, pointer, name);
    decision.check = text(entry, pointer, "check", true, name);
    if (!decision.check.empty()) {
      const rules::CheckRule* rule = m_ruleset.find_check(decision.check);
      if (rule == nullptr || !rule->veto) {
        std::vector<std::string> vetoes;
        for (const auto& [id, candidate] : m_ruleset.checks) {
          if (candidate.veto) vetoes.push_back(id);
        }
        problem(pointer + "/check", name + ".check",
                (rule == nullptr ? "unknown check id "
                                 : "is not a veto check (单项否决) of the "
                                   "ruleset: ") +
                    quote(decision.check) + did_you_mean(decision.check, vetoes));
      }
    }
    decision.url = text(entry, pointer, "url", false, name);
    const std::string verdict = text(entry, pointer, "decision", true, name);
    if (!verdict.empty() && verdict != "confirmed" && verdict != "dismissed") {
      problem(pointer + "/decision", name + ".decision",
              "must be \"confirmed\" or \"dismissed\", got " + quote(verdict));
    }
    decision.confirmed = verdict == "confirmed";
    decision.note = text(entry, pointer, "note", true, name);
    who_and_when(entry, pointer, name, decision.assessor, decision.date);
    result.vetoes.push_back(std::move(decision));
  }

  const rules::ItemRule* find_item(const std::string& wanted) const {
    for (const auto* groups : {&m_ruleset.site_groups, &m_ruleset.new_media_groups}) {
      for (const auto& group : *groups) {
        for (const auto& item : group.items) {
          if (item.id == wanted || item.name_zh == wanted) return &item;
        }
      }
    }
    return nullptr;
  }

  std::vector<std::string> item_names() const {
    std::vector<std::string> names;
    for (const auto* groups : {&m_ruleset.site_groups, &m_ruleset.new_media_groups}) {
      for (const auto& group : *groups) {
        for (const auto& item : group.items) names.push_back(item.id);
      }
    }
    return names;
  }

  const std::string& m_path;
  const core::JsoncDocument& m_document;
  const rules::Ruleset& m_ruleset;
  const std::vector<Subject>& m_subjects;
  std::string m_assessor;
  std::string m_date;
  std::set<std::pair<std::string, std::string>> m_items_seen;
  std::vector<std::pair<std::uint32_t, std::string>> m_problems;
};

} // namespace

core::Expected<Assessments> load_assessments(const std::string& path, const rules::Ruleset& ruleset,
                                             const std::vector<Subject>& subjects) {
  auto document = core::read_jsonc_file(path, "assessments file");
  if (!document) return core::unexpected(document.error());
  Reader reader(path, *document, ruleset, subjects);
  Assessments assessments = reader.read();
  if (!reader.ok()) return core::unexpected(reader.problems());
  return assessments;
}

json assessments_json(const Assessments& assessments) {
  json items = json::array();
  for (const auto& item : assessments.items) {
    items.push_back({{"subject", item.subject},
                     {"item", item.item},
                     {"lost", item.lost},
                     {"note", item.note},
                     {"assessor", item.assessor},
                     {"date", item.date}});
  }
  json vetoes = json::array();
  for (const auto& veto : assessments.vetoes) {
    vetoes.push_back({{"subject", veto.subject},
                      {"check", veto.check},
                      {"url", veto.url},
                      {"decision", veto.confirmed ? "confirmed" : "dismissed"},
                      {"note", veto.note},
                      {"assessor", veto.assessor},
                      {"date", veto.date}});
  }
  return {
      {"source", assessments.source}, {"items", std::move(items)}, {"vetoes", std::move(vetoes)}};
}

Assessments assessments_from_json(const json& recorded) {
  Assessments assessments;
  if (!recorded.is_object()) return assessments;
  assessments.source = recorded.value("source", "");
  for (const auto& item : recorded.value("items", json::array())) {
    if (!item.is_object()) continue;
    assessments.items.push_back({item.value("subject", ""), item.value("item", ""),
                                 item.value("lost", 0.0), item.value("note", ""),
                                 item.value("assessor", ""), item.value("date", "")});
  }
  for (const auto& veto : recorded.value("vetoes", json::array())) {
    if (!veto.is_object()) continue;
    assessments.vetoes.push_back({veto.value("subject", ""), veto.value("check", ""),
                                  veto.value("url", ""), veto.value("decision", "") == "confirmed",
                                  veto.value("note", ""), veto.value("assessor", ""),
                                  veto.value("date", "")});
  }
  return assessments;
}

} // namespace reports
