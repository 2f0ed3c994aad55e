#include <reports/scoring.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

// Scores are shown with two decimals; rounding here keeps 0.1 × 3 from printing 0.30000000004.
double round2(double value) {
  return std::round(value * 100.0) / 100.0;
}

bool same_url(const std::string& a, const std::string& b) {
  auto trim = [](std::string text) {
    while (!text.empty() && text.back() == '/') text.pop_back();
    return text;
  };
  return !a.empty() && trim(a) == trim(b);
}

// The index in `subjects` that `finding` belongs to; `scope` holds the site subjects, site i of
// it being subject `site_of[i]`.
std::size_t subject_index(const checks::Finding& finding, const std::vector<Subject>& subjects,
                          const scanner::SiteScope& scope,
                          const std::vector<std::size_t>& site_of) {
  const std::string account = finding.evidence.is_object() &&
                                      finding.evidence.contains("account") &&
                                      finding.evidence["account"].is_string()
                                  ? finding.evidence["account"].get<std::string>()
                                  : std::string();
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (subjects[i].kind != Subject::Kind::new_media || subjects[i].urls.empty()) continue;
    const std::string& url = subjects[i].urls.front();
    if (same_url(finding.url, url) || same_url(finding.page, url) || same_url(account, url)) {
      return i;
    }
  }
  // The site of the page that shows it: a broken link counts against the page that carries it,
  // a department's missing mark against the department (a host alone cannot tell them apart).
  for (const std::string* where : {&finding.page, &finding.url}) {
    if (where->empty()) continue;
    const std::size_t site = scope.owner(*where);
    if (site != scanner::SiteScope::k_no_site) return site_of[site];
  }
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (subjects[i].kind == Subject::Kind::site) return i;
  }
  return 0;
}

// The index in `subjects` that `finding` belongs to.
std::size_t subject_index(const checks::Finding& finding, const std::vector<Subject>& subjects) {
  return SubjectIndex(subjects).of(finding);
}

double evidence_number(const json& evidence, const char* key, double fallback) {
  if (!evidence.is_object() || !evidence.contains(key) || !evidence[key].is_number()) {
    return fallback;
  }
  return evidence[key].get<double>();
}

// Accumulates the deductions of one subject, group by group.
class SubjectScorer {
public:
  SubjectScorer(const Subject& subject, const checks::Ruleset& ruleset) : m_ruleset(ruleset) {
    m_result.subject = subject;
    const bool site = subject.kind == Subject::Kind::site;
    for (const auto& group : site ? ruleset.site_groups : ruleset.new_media_groups) {
      GroupScore score;
      score.id = group.id;
      score.name_zh = group.name_zh;
      score.name_en = group.name_en;
      score.points = group.points;
      score.scored = !(site && !subject.has_services && group.id == ruleset.scoring.service_group);
      m_result.groups.push_back(std::move(score));
    }
  }

  void add(const checks::Finding& finding) {
    if (finding.severity != checks::Severity::failure) return;
    const json& evidence = finding.evidence;
    if (evidence.is_object() && evidence.value("review", false) == true) {
      ++m_result.to_review;
      return;
    }
    const checks::CheckRule* rule = m_ruleset.find_check(finding.check);
    if (evidence.is_object() && evidence.contains("veto") && evidence["veto"].is_string() &&
        (rule == nullptr || rule->veto)) {
      Veto veto{finding.check,
                finding.url,
                finding.message,
                evidence["veto"].get<std::string>() == "confirmed",
                evidence.value("value", json()),
                evidence.value("threshold", json())};
      (veto.confirmed ? m_result.vetoes : m_result.candidates).push_back(std::move(veto));
      return;
    }
    GroupScore* group = rule == nullptr ? nullptr : find_group(*rule);
    if (group == nullptr) {
      ++m_result.unscored;
      return;
    }
    double unit = rule->unit;
    if (rule->unit_homepage && evidence.is_object() && evidence.value("on_homepage", false)) {
      unit = *rule->unit_homepage;
    }
    if (unit <= 0) return; // reported only
    // −1 per leaking document (section 8): a document already counted in this group is not
    // counted again, by this check or another per-document one.
    if (rule->per_document && !m_documents.insert({group->id, finding.url}).second) return;
    const double units = evidence_number(evidence, "units", 1);
    auto it =
        std::find_if(group->deductions.begin(), group->deductions.end(), [&](const Deduction& d) {
          return d.check == finding.check && d.unit == unit;
        });
    if (it == group->deductions.end()) {
      group->deductions.push_back({finding.check, 0, 0, unit, 0, std::nullopt});
      it = std::prev(group->deductions.end());
    }
    it->count += 1;
    it->units += units;
    it->points = it->units * unit;
  }

  SubjectScore finish() {
    const checks::ScoringRule& rule = m_ruleset.scoring;
    double remaining = 0;
    double scored_points = 0;
    for (auto& group : m_result.groups) {
      apply_check_caps(group);
      group.raw_lost = 0;
      for (const auto& deduction : group.deductions) {
        group.raw_lost += deduction.check_cap ? *deduction.check_cap : deduction.points;
      }
      group.raw_lost = round2(group.raw_lost);
      group.cap_applied = group.raw_lost > group.points;
      group.lost = std::min(group.raw_lost, group.points);
      remaining += group.remaining();
      if (group.scored) scored_points += group.points;
    }
    Subject& subject = m_result.subject;
    if (subject.kind == Subject::Kind::site && !subject.has_services) {
      remaining = std::min(rule.total, remaining * rule.service_scaling);
      std::ostringstream note;
      note << "no services: the \"" << rule.service_group << "\" group is not scored and the "
           << scored_points << " points of the other groups are scaled by "
           << round2(rule.service_scaling);
      m_result.notes.push_back(note.str());
    }
    m_result.deduction_score = round2(remaining);
    m_result.provisional = !m_result.candidates.empty();
    if (subject.kind == Subject::Kind::site && subject.bonus > 0) {
      if (m_result.deduction_score > rule.bonus_gate) {
        m_result.bonus = std::min(subject.bonus, rule.bonus_cap);
        std::ostringstream note;
        note << "bonus " << m_result.bonus << " added (deduction score above " << rule.bonus_gate
             << ", bonus capped at " << rule.bonus_cap << ")";
        m_result.notes.push_back(note.str());
      } else {
        std::ostringstream note;
        note << "bonus " << subject.bonus << " not added: the deduction score is not above "
             << rule.bonus_gate;
        m_result.notes.push_back(note.str());
      }
    }
    if (m_result.vetoes.empty()) {
      m_result.score = round2(m_result.deduction_score + m_result.bonus);
      m_result.passed = m_result.deduction_score >= rule.pass_mark;
    } else {
      m_result.notes.push_back("vetoed: no score is computed (单项否决)");
    }
    return std::move(m_result);
  }

private:
  GroupScore* find_group(const checks::CheckRule& rule) {
    const bool site = m_result.subject.kind == Subject::Kind::site;
    const std::string& id =
        !site && !rule.group_new_media.empty() ? rule.group_new_media : rule.group;
    for (auto& group : m_result.groups) {
      if (group.id == id) return &group;
    }
    return nullptr;
  }

  void apply_check_caps(GroupScore& group) {
    for (auto& deduction : group.deductions) {
      deduction.points = round2(deduction.points);
      const checks::CheckRule* rule = m_ruleset.find_check(deduction.check);
      if (rule != nullptr && rule->cap && deduction.points > *rule->cap) {
        deduction.check_cap = *rule->cap;
      }
    }
  }

  const checks::Ruleset& m_ruleset;
  SubjectScore m_result;
  std::set<std::pair<std::string, std::string>> m_documents; // (group, URL) counted per document
};

json veto_json(const Veto& veto) {
  return {{"check", veto.check},         {"url", veto.url},     {"message", veto.message},
          {"confirmed", veto.confirmed}, {"value", veto.value}, {"threshold", veto.threshold}};
}

} // namespace

std::size_t subject_of(const checks::Finding& finding, const std::vector<Subject>& subjects) {
  return subject_index(finding, subjects);
}

SubjectIndex::SubjectIndex(const std::vector<Subject>& subjects) : m_subjects(subjects) {
  std::vector<scanner::SiteBounds> sites;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (subjects[i].kind != Subject::Kind::site) continue;
    sites.push_back({subjects[i].urls, subjects[i].hosts, subjects[i].paths});
    m_site_of.push_back(i);
  }
  m_scope = scanner::SiteScope(sites);
}

std::size_t SubjectIndex::of(const checks::Finding& finding) const {
  return subject_index(finding, m_subjects, m_scope, m_site_of);
}

bool applies_to(const checks::CheckRule& rule, Subject::Kind kind, const checks::Ruleset& ruleset) {
  const auto& groups = kind == Subject::Kind::site ? ruleset.site_groups : ruleset.new_media_groups;
  return std::any_of(groups.begin(), groups.end(), [&](const checks::GroupRule& group) {
    return group.id == rule.group ||
           (kind == Subject::Kind::new_media && group.id == rule.group_new_media);
  });
}

std::vector<Subject> subjects_of(const scanner::CrawlOptions& options, double bonus) {
  std::vector<Subject> subjects;
  for (const auto& site : options.sites) {
    Subject subject{
        Subject::Kind::site,         site.name, site.start_urls, site.hosts, "", site.has_services,
        subjects.empty() ? bonus : 0};
    subject.paths = site.paths;
    subjects.push_back(std::move(subject));
    for (const auto& account : site.new_media_accounts) {
      subjects.push_back(
          {Subject::Kind::new_media, account.name, {account.url}, {}, account.platform, true, 0});
    }
  }
  return subjects;
}

bool AuditScore::passed() const {
  return std::all_of(subjects.begin(), subjects.end(), [](const auto& s) { return s.passed; });
}

std::optional<double> AuditScore::headline_score() const {
  return subjects.empty() ? std::nullopt : subjects.front().score;
}

std::string subject_label(const SubjectScore& subject) {
  const Subject& s = subject.subject;
  if (s.name.empty()) return s.urls.empty() ? std::string("site") : s.urls.front();
  if (s.kind == Subject::Kind::new_media && !s.platform.empty()) {
    return s.name + "（" + s.platform + "）";
  }
  return s.name;
}

AuditScore score_audit(const std::vector<checks::Finding>& findings,
                       const std::vector<Subject>& subjects, const checks::Ruleset& ruleset) {
  std::vector<Subject> all = subjects;
  if (all.empty()) all.push_back(Subject{}); // findings still get a score
  // Accounts the checks found on the site's own 政务新媒体 page are subjects of their own, as
  // configured ones are: an account's veto is not the website's.
  for (const auto& finding : findings) {
    if (finding.check.rfind("newmedia.", 0) != 0 || !finding.evidence.is_object() ||
        !finding.evidence.contains("platform")) {
      continue;
    }
    const bool known = std::any_of(all.begin(), all.end(), [&](const Subject& subject) {
      return subject.kind == Subject::Kind::new_media && !subject.urls.empty() &&
             same_url(subject.urls.front(), finding.url);
    });
    if (known) continue;
    all.push_back({Subject::Kind::new_media,
                   finding.evidence.value("name", std::string()),
                   {finding.url},
                   {},
                   finding.evidence.value("platform", std::string()),
                   true,
                   0});
  }
  std::vector<SubjectScorer> scorers;
  for (const auto& subject : all) scorers.emplace_back(subject, ruleset);
  const SubjectIndex index(all);
  for (const auto& finding : findings) scorers[index.of(finding)].add(finding);
  AuditScore result{ruleset.id, {}};
  for (auto& scorer : scorers) result.subjects.push_back(scorer.finish());
  return result;
}

const char* verdict_zh(bool passed) {
  return passed ? "合格" : "不合格";
}

json score_json(const AuditScore& score) {
  json subjects = json::array();
  for (const auto& s : score.subjects) {
    json groups = json::array();
    for (const auto& g : s.groups) {
      json deductions = json::array();
      for (const auto& d : g.deductions) {
        json line = {{"check", d.check}, {"count", d.count},   {"units", round2(d.units)},
                     {"unit", d.unit},   {"points", d.points}, {"cap", nullptr}};
        if (d.check_cap) line["cap"] = *d.check_cap;
        deductions.push_back(std::move(line));
      }
      groups.push_back({{"id", g.id},
                        {"name_zh", g.name_zh},
                        {"name_en", g.name_en},
                        {"points", g.points},
                        {"lost", g.lost},
                        {"raw_lost", g.raw_lost},
                        {"cap_applied", g.cap_applied},
                        {"scored", g.scored},
                        {"deductions", std::move(deductions)}});
    }
    json vetoes = json::array();
    json candidates = json::array();
    for (const auto& v : s.vetoes) vetoes.push_back(veto_json(v));
    for (const auto& v : s.candidates) candidates.push_back(veto_json(v));
    subjects.push_back({{"kind", s.subject.kind == Subject::Kind::site ? "site" : "new_media"},
                        {"name", s.subject.name},
                        {"urls", s.subject.urls},
                        {"hosts", s.subject.hosts},
                        {"paths", s.subject.paths},
                        {"platform", s.subject.platform},
                        {"has_services", s.subject.has_services},
                        {"bonus_input", s.subject.bonus},
                        {"verdict", s.passed ? "pass" : "fail"},
                        {"verdict_zh", verdict_zh(s.passed)},
                        {"score", s.score ? json(*s.score) : json(nullptr)},
                        {"deduction_score", s.deduction_score},
                        {"bonus", s.bonus},
                        {"provisional", s.provisional},
                        {"vetoes", std::move(vetoes)},
                        {"veto_candidates", std::move(candidates)},
                        {"to_review", s.to_review},
                        {"unscored", s.unscored},
                        {"notes", s.notes},
                        {"groups", std::move(groups)}});
  }
  return {{"ruleset", score.ruleset_id},
          {"passed", score.passed()},
          {"verdict_zh", verdict_zh(score.passed())},
          {"score", score.headline_score() ? json(*score.headline_score()) : json(nullptr)},
          {"subjects", std::move(subjects)}};
}

std::vector<Subject> subjects_from_json(const json& score) {
  std::vector<Subject> subjects;
  if (!score.is_object() || !score.contains("subjects") || !score["subjects"].is_array()) {
    return subjects;
  }
  for (const auto& entry : score["subjects"]) {
    if (!entry.is_object()) continue;
    Subject subject;
    subject.kind =
        entry.value("kind", "site") == "new_media" ? Subject::Kind::new_media : Subject::Kind::site;
    subject.name = entry.value("name", "");
    subject.urls = entry.value("urls", std::vector<std::string>{});
    subject.hosts = entry.value("hosts", std::vector<std::string>{});
    subject.paths = entry.value("paths", std::vector<std::string>{});
    subject.platform = entry.value("platform", "");
    subject.has_services = entry.value("has_services", true);
    subject.bonus = entry.value("bonus_input", 0.0);
    subjects.push_back(std::move(subject));
  }
  return subjects;
}

} // namespace reports
