#include <reports/scoring.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <rules/catalogue.hpp>
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
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (subjects[i].kind != Subject::Kind::new_media || subjects[i].urls.empty()) continue;
    const std::string& url = subjects[i].urls.front();
    if (same_url(finding.url, url) || same_url(finding.page, url)) {
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

bool same_subject(const std::string& recorded, const Subject& subject) {
  return !subject.urls.empty() && same_url(recorded, subject.urls.front());
}

// Whether the veto check `rule` can make a subject of `kind` 不合格: the catalogue says whether a
// check is about websites or accounts, and an account item may score a website check too
// (content.serious_error).
bool veto_applies(const rules::CheckRule& rule, Subject::Kind kind) {
  const rules::CatalogueEntry* entry = rules::find_catalogue_entry(rule.id);
  const bool about_accounts = entry != nullptr && entry->new_media;
  if (kind == Subject::Kind::site) return !about_accounts;
  return about_accounts || !rule.item_new_media.empty();
}

// Accumulates the deductions of one subject, item by item, and reaches its verdict.
class SubjectScorer {
public:
  SubjectScorer(const Subject& subject, const rules::Ruleset& ruleset,
                const std::set<std::string>& checks_run)
      : m_ruleset(ruleset), m_checks_run(checks_run) {
    m_result.subject = subject;
    const bool site = subject.kind == Subject::Kind::site;
    for (const auto& group : site ? ruleset.site_groups : ruleset.new_media_groups) {
      GroupScore score;
      score.id = group.id;
      score.name_zh = group.name_zh;
      score.name_en = group.name_en;
      score.points = group.points;
      score.scored = !(site && !subject.has_services && group.id == ruleset.scoring.service_group);
      for (const auto& item : group.items) {
        ItemScore entry;
        entry.id = item.id;
        entry.name_zh = item.name_zh;
        entry.name_en = item.name_en;
        entry.points = item.points;
        entry.checks = item.checks;
        score.items.push_back(std::move(entry));
      }
      m_result.groups.push_back(std::move(score));
    }
  }

  void add(const checks::Finding& finding) {
    const json& evidence = finding.evidence;
    m_reported.insert(finding.check);
    if (!finding.measured) m_unmeasured.insert(finding.check);
    if (!finding.veto_measured) m_veto_unmeasured.insert(finding.check);
    if (finding.severity != checks::Severity::failure) return;
    if (finding.review) {
      ++m_result.to_review;
      return;
    }
    const rules::CheckRule* rule = m_ruleset.find_check(finding.check);
    if (finding.veto != checks::VetoState::none && (rule == nullptr || rule->veto)) {
      Veto veto{finding.check,
                finding.url,
                finding.message,
                finding.veto == checks::VetoState::confirmed,
                evidence.is_object() ? evidence.value("value", json()) : json(),
                evidence.is_object() ? evidence.value("threshold", json()) : json(),
                std::nullopt};
      (veto.confirmed ? m_result.vetoes : m_result.candidates).push_back(std::move(veto));
      return;
    }
    ItemScore* item = rule == nullptr ? nullptr : find_item(*rule);
    if (item == nullptr) {
      ++m_result.unscored;
      return;
    }
    double unit = rule->unit;
    if (rule->unit_homepage && finding.on_homepage) {
      unit = *rule->unit_homepage;
    }
    if (unit <= 0) return; // reported only
    // −1 per leaking document (section 8): a document already counted in this item is not
    // counted again, by this check or another per-document one.
    if (rule->per_document && !m_documents.insert({item->id, finding.url}).second) return;
    auto it =
        std::find_if(item->deductions.begin(), item->deductions.end(), [&](const Deduction& d) {
          return d.check == finding.check && d.unit == unit;
        });
    if (it == item->deductions.end()) {
      item->deductions.push_back({finding.check, 0, 0, unit, 0, std::nullopt});
      it = std::prev(item->deductions.end());
    }
    it->count += 1;
    it->units += 1; // a finding is one unit of its check
    it->points = it->units * unit;
  }

  // Applies a reviewer's entries about this subject.
  void review(const Assessments& assessments) {
    for (const auto& entry : assessments.items) {
      if (!same_subject(entry.subject, m_result.subject)) continue;
      for (auto& group : m_result.groups) {
        for (auto& item : group.items) {
          if (item.id == entry.item) item.by_reviewer = entry;
        }
      }
    }
    for (const auto& decision : assessments.vetoes) {
      if (!same_subject(decision.subject, m_result.subject)) continue;
      m_veto_judged.insert(decision.check);
      bool matched = false;
      for (auto* list : {&m_result.candidates, &m_result.vetoes}) {
        for (auto it = list->begin(); it != list->end();) {
          if (it->check != decision.check || (!decision.url.empty() && it->url != decision.url)) {
            ++it;
            continue;
          }
          matched = true;
          Veto veto = std::move(*it);
          it = list->erase(it);
          veto.by_reviewer = decision;
          veto.confirmed = decision.confirmed;
          (decision.confirmed ? m_reviewed_vetoes : m_result.dismissed).push_back(std::move(veto));
        }
      }
      if (!matched && decision.confirmed) {
        // A veto found by hand: no finding of the scan stands for it.
        m_reviewed_vetoes.push_back(
            {decision.check, decision.url, decision.note, true, json(), json(), decision});
      }
    }
    for (auto& veto : m_reviewed_vetoes) m_result.vetoes.push_back(std::move(veto));
    m_reviewed_vetoes.clear();
  }

  SubjectScore finish() {
    score_items();
    find_unassessed_vetoes();
    find_unmeasured_checks();
    decide();
    return std::move(m_result);
  }

private:
  ItemScore* find_item(const rules::CheckRule& rule) {
    const bool site = m_result.subject.kind == Subject::Kind::site;
    const std::string& id = site ? rule.item : rule.item_new_media;
    if (id.empty()) return nullptr;
    for (auto& group : m_result.groups) {
      for (auto& item : group.items) {
        if (item.id == id) return &item;
      }
    }
    return nullptr;
  }

  // Whether a check of the scan measured something for this subject: it ran (or reported about
  // this subject, which it can only do having run) and did not say it measured nothing here.
  bool measured(const std::string& check) const {
    return (m_checks_run.count(check) > 0 || m_reported.count(check) > 0) &&
           m_unmeasured.count(check) == 0;
  }

  void score_items() {
    SubjectScore& r = m_result;
    for (auto& group : r.groups) {
      group.raw_lost = 0;
      group.lost = 0;
      for (auto& item : group.items) {
        // Checks that ran on a site the scan could not see measured nothing.
        item.by_checks = r.subject.blocked.empty() &&
                         std::any_of(item.checks.begin(), item.checks.end(),
                                     [&](const std::string& check) { return measured(check); });
        for (auto& deduction : item.deductions) {
          deduction.points = round2(deduction.points);
          const rules::CheckRule* rule = m_ruleset.find_check(deduction.check);
          if (rule != nullptr && rule->cap && deduction.points > *rule->cap) {
            deduction.check_cap = *rule->cap;
          }
          item.raw_lost += deduction.check_cap ? *deduction.check_cap : deduction.points;
        }
        if (item.by_reviewer) item.raw_lost += item.by_reviewer->lost;
        item.raw_lost = round2(item.raw_lost);
        item.cap_applied = item.assessed() && item.raw_lost > item.points;
        item.lost = item.assessed() ? std::min(item.raw_lost, item.points) : 0;
        group.raw_lost += item.raw_lost;
        group.lost += item.lost;
        group.cap_applied = group.cap_applied || item.cap_applied;
        group.deductions.insert(group.deductions.end(), item.deductions.begin(),
                                item.deductions.end());
      }
      group.raw_lost = round2(group.raw_lost);
      group.lost = round2(std::min(group.lost, group.points));
      if (!group.scored) continue;
      r.measurable_points += group.points;
      r.assessed_points += group.assessed_points();
      r.earned_points += group.remaining();
    }
    r.measurable_points = round2(r.measurable_points);
    r.assessed_points = round2(r.assessed_points);
    r.earned_points = round2(r.earned_points);
  }

  void find_unassessed_vetoes() {
    for (const auto& [id, rule] : m_ruleset.checks) {
      if (!rule.veto || !veto_applies(rule, m_result.subject.kind)) continue;
      const bool found = std::any_of(m_result.vetoes.begin(), m_result.vetoes.end(),
                                     [&](const Veto& v) { return v.check == id; }) ||
                         std::any_of(m_result.candidates.begin(), m_result.candidates.end(),
                                     [&](const Veto& v) { return v.check == id; });
      const bool judged =
          found || m_veto_judged.count(id) > 0 || (measured(id) && !m_veto_unmeasured.count(id));
      if (!judged) m_result.vetoes_not_assessed.push_back(id);
    }
  }

  void find_unmeasured_checks() {
    std::set<std::string> scored;
    for (const auto& group : m_result.groups) {
      for (const auto& item : group.items) scored.insert(item.checks.begin(), item.checks.end());
    }
    for (const auto& [id, rule] : m_ruleset.checks) {
      if (rule.veto && veto_applies(rule, m_result.subject.kind)) scored.insert(id);
    }
    for (const auto& id : scored) {
      if (!m_result.subject.blocked.empty() || !measured(id)) {
        m_result.checks_not_measured.push_back(id);
      }
    }
  }

  void note(const std::string& text) { m_result.notes.push_back(text); }

  void decide() {
    SubjectScore& r = m_result;
    const rules::ScoringRule& rule = m_ruleset.scoring;
    const Subject& subject = r.subject;
    const bool site = subject.kind == Subject::Kind::site;
    const double scale = site && !subject.has_services ? rule.service_scaling : 1.0;
    if (scale != 1.0) {
      std::ostringstream text;
      text << "no services: the \"" << rule.service_group << "\" group is not scored and the "
           << r.measurable_points << " points of the other groups are scaled by " << round2(scale);
      note(text.str());
    }
    r.deduction_score = round2(std::min(rule.total, r.earned_points * scale));
    if (r.assessed_points > 0) {
      r.measured_score = round2(r.earned_points / r.assessed_points * rule.total);
    }
    if (!subject.blocked.empty()) {
      // What the checks saw of a site they could not reach measures nothing.
      r.verdict = Verdict::cannot_assess;
      r.measured_score.reset();
      note("cannot be assessed: " + blocked_text(subject.blocked, true) +
           (subject.blocked_detail.empty() ? "" : " (" + subject.blocked_detail + ")"));
      return;
    }
    if (!r.vetoes.empty()) {
      r.verdict = Verdict::fail;
      note("vetoed: no score is computed (单项否决)");
      return;
    }
    if (r.assessed_points <= 0) {
      r.verdict = Verdict::cannot_assess;
      r.subject.blocked = "nothing_measured";
      note("cannot be assessed: no item of the score was measured");
      return;
    }
    bool final_fail = false;
    if (r.complete_coverage()) {
      r.passed = r.deduction_score >= rule.pass_mark;
      add_bonus();
      r.score = round2(r.deduction_score + r.bonus);
    } else {
      const double open = r.measurable_points - r.assessed_points;
      const double best = std::min(rule.total, (r.earned_points + open) * scale);
      std::ostringstream text;
      if (best < rule.pass_mark) {
        final_fail = true;
        text << "below the pass mark whatever the " << round2(open)
             << " points not assessed give: at most " << round2(best);
      } else {
        r.passed = *r.measured_score >= rule.pass_mark;
        text << round2(r.assessed_points) << " of " << round2(r.measurable_points)
             << " points assessed; the verdict follows the measured score " << *r.measured_score
             << " against the pass mark " << rule.pass_mark
             << " and is provisional until the rest is assessed";
      }
      note(text.str());
    }
    r.verdict = r.passed ? Verdict::pass : Verdict::fail;
    r.provisional = !final_fail && (!r.candidates.empty() || !r.complete_coverage() ||
                                    !r.vetoes_not_assessed.empty());
  }

  void add_bonus() {
    SubjectScore& r = m_result;
    const rules::ScoringRule& rule = m_ruleset.scoring;
    if (r.subject.kind != Subject::Kind::site || r.subject.bonus <= 0) return;
    std::ostringstream text;
    if (r.deduction_score > rule.bonus_gate) {
      r.bonus = std::min(r.subject.bonus, rule.bonus_cap);
      text << "bonus " << r.bonus << " added (deduction score above " << rule.bonus_gate
           << ", bonus capped at " << rule.bonus_cap << ")";
    } else {
      text << "bonus " << r.subject.bonus << " not added: the deduction score is not above "
           << rule.bonus_gate;
    }
    note(text.str());
  }

  const rules::Ruleset& m_ruleset;
  const std::set<std::string>& m_checks_run;
  SubjectScore m_result;
  std::set<std::pair<std::string, std::string>> m_documents; // (item, URL) counted per document
  std::set<std::string> m_reported;        // checks with a finding about this subject
  std::set<std::string> m_unmeasured;      // checks that said they measured nothing here
  std::set<std::string> m_veto_unmeasured; // checks that could not judge their veto here
  std::set<std::string> m_veto_judged;     // veto checks a reviewer decided
  std::vector<Veto> m_reviewed_vetoes;     // confirmed by a reviewer, added after matching
};

json deduction_json(const Deduction& d) {
  json line = {{"check", d.check}, {"count", d.count},   {"units", round2(d.units)},
               {"unit", d.unit},   {"points", d.points}, {"cap", nullptr}};
  if (d.check_cap) line["cap"] = *d.check_cap;
  return line;
}

json decision_json(const std::optional<VetoDecision>& decision) {
  if (!decision) return nullptr;
  return {{"decision", decision->confirmed ? "confirmed" : "dismissed"},
          {"note", decision->note},
          {"assessor", decision->assessor},
          {"date", decision->date}};
}

json veto_json(const Veto& veto) {
  return {{"check", veto.check},
          {"url", veto.url},
          {"message", veto.message},
          {"confirmed", veto.confirmed},
          {"value", veto.value},
          {"threshold", veto.threshold},
          {"by_reviewer", decision_json(veto.by_reviewer)}};
}

json item_json(const ItemScore& item) {
  json deductions = json::array();
  for (const auto& d : item.deductions) deductions.push_back(deduction_json(d));
  json reviewer = nullptr;
  if (item.by_reviewer) {
    reviewer = {{"lost", item.by_reviewer->lost},
                {"note", item.by_reviewer->note},
                {"assessor", item.by_reviewer->assessor},
                {"date", item.by_reviewer->date}};
  }
  return {{"id", item.id},
          {"name_zh", item.name_zh},
          {"name_en", item.name_en},
          {"points", item.points},
          {"checks", item.checks},
          {"assessed", item.assessed()},
          {"by_checks", item.by_checks},
          {"by_reviewer", std::move(reviewer)},
          {"lost", item.lost},
          {"raw_lost", item.raw_lost},
          {"cap_applied", item.cap_applied},
          {"deductions", std::move(deductions)}};
}

} // namespace

double GroupScore::assessed_points() const {
  if (!scored) return 0;
  double sum = 0;
  for (const auto& item : items) sum += item.assessed() ? item.points : 0;
  return sum;
}

double GroupScore::remaining() const {
  return scored ? assessed_points() - lost : 0;
}

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

bool applies_to(const rules::CheckRule& rule, Subject::Kind kind, const rules::Ruleset&) {
  return kind == Subject::Kind::site ? !rule.item.empty() : !rule.item_new_media.empty();
}

std::vector<Subject> subjects_of(const scanner::CrawlOptions& options, double bonus) {
  std::vector<Subject> subjects;
  for (const auto& site : options.sites) {
    Subject subject;
    subject.name = site.name;
    subject.urls = site.start_urls;
    subject.hosts = site.hosts;
    subject.has_services = site.has_services;
    subject.bonus = subjects.empty() ? bonus : 0;
    subject.paths = site.paths;
    subjects.push_back(std::move(subject));
    for (const auto& account : site.new_media_accounts) {
      Subject entry;
      entry.kind = Subject::Kind::new_media;
      entry.name = account.name;
      entry.urls = {account.url};
      entry.platform = account.platform;
      subjects.push_back(std::move(entry));
    }
  }
  return subjects;
}

bool AuditScore::passed() const {
  return std::all_of(subjects.begin(), subjects.end(), [](const auto& s) { return s.passed; });
}

bool AuditScore::assessable() const {
  return std::none_of(subjects.begin(), subjects.end(),
                      [](const auto& s) { return s.verdict == Verdict::cannot_assess; });
}

std::optional<double> AuditScore::headline_score() const {
  return subjects.empty() ? std::nullopt : subjects.front().score;
}

std::string subject_label(const Subject& s) {
  if (s.name.empty()) return s.urls.empty() ? std::string("site") : s.urls.front();
  if (s.kind == Subject::Kind::new_media && !s.platform.empty()) {
    return s.name + "（" + s.platform + "）";
  }
  return s.name;
}

std::string subject_label(const SubjectScore& subject) {
  return subject_label(subject.subject);
}

AuditScore score_audit(const std::vector<checks::Finding>& findings,
                       const std::vector<Subject>& subjects, const rules::Ruleset& ruleset,
                       const ScoringInputs& inputs) {
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
    Subject account;
    account.kind = Subject::Kind::new_media;
    account.name = finding.evidence.value("name", std::string());
    account.urls = {finding.url};
    account.platform = finding.evidence.value("platform", std::string());
    // An interrupted scan cannot assess the accounts it found either.
    if (!all.front().blocked.empty() && all.front().blocked == "interrupted") {
      account.blocked = all.front().blocked;
    }
    all.push_back(std::move(account));
  }
  const std::set<std::string> checks_run(inputs.checks_run.begin(), inputs.checks_run.end());
  std::vector<SubjectScorer> scorers;
  for (const auto& subject : all) scorers.emplace_back(subject, ruleset, checks_run);
  const SubjectIndex index(all);
  for (const auto& finding : findings) scorers[index.of(finding)].add(finding);
  AuditScore result{ruleset.id, {}};
  for (auto& scorer : scorers) {
    scorer.review(inputs.assessments);
    result.subjects.push_back(scorer.finish());
  }
  return result;
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
  case Verdict::pass:
    return "pass";
  case Verdict::fail:
    return "fail";
  case Verdict::cannot_assess:
    break;
  }
  return "cannot_assess";
}

const char* verdict_zh(Verdict verdict) {
  switch (verdict) {
  case Verdict::pass:
    return "合格";
  case Verdict::fail:
    return "不合格";
  case Verdict::cannot_assess:
    break;
  }
  return "无法评估";
}

const char* verdict_en(Verdict verdict) {
  switch (verdict) {
  case Verdict::pass:
    return "Pass";
  case Verdict::fail:
    return "Fail";
  case Verdict::cannot_assess:
    break;
  }
  return "Cannot be assessed";
}

const char* verdict_zh(bool passed) {
  return passed ? "合格" : "不合格";
}

std::string blocked_text(const std::string& code, bool english) {
  if (code == "unreachable") {
    return english ? "the site was not reached: no start URL gave an HTML page"
                   : "未能访问网站：所有起始地址均未返回网页";
  }
  if (code == "interrupted") {
    return english ? "the scan was interrupted before it ended" : "扫描中途被中断，未检查完";
  }
  if (code == "page_limit") {
    return english ? "the page limit (--max-pages) cut the crawl: pages of this site were not read"
                   : "达到页面数上限（--max-pages），本网站有页面未被检查";
  }
  if (code == "depth_limit") {
    return english ? "the depth limit (--max-depth) cut the crawl: pages of this site were not read"
                   : "达到链接深度上限（--max-depth），本网站有页面未被检查";
  }
  if (code == "nothing_measured") {
    return english ? "no item of the score could be measured" : "没有任何评分指标能够检查";
  }
  return code;
}

json score_json(const AuditScore& score) {
  json subjects = json::array();
  for (const auto& s : score.subjects) {
    json groups = json::array();
    for (const auto& g : s.groups) {
      json deductions = json::array();
      for (const auto& d : g.deductions) deductions.push_back(deduction_json(d));
      json items = json::array();
      for (const auto& item : g.items) items.push_back(item_json(item));
      groups.push_back({{"id", g.id},
                        {"name_zh", g.name_zh},
                        {"name_en", g.name_en},
                        {"points", g.points},
                        {"assessed_points", g.assessed_points()},
                        {"lost", g.lost},
                        {"raw_lost", g.raw_lost},
                        {"cap_applied", g.cap_applied},
                        {"scored", g.scored},
                        {"deductions", std::move(deductions)},
                        {"items", std::move(items)}});
    }
    json vetoes = json::array();
    json candidates = json::array();
    json dismissed = json::array();
    for (const auto& v : s.vetoes) vetoes.push_back(veto_json(v));
    for (const auto& v : s.candidates) candidates.push_back(veto_json(v));
    for (const auto& v : s.dismissed) dismissed.push_back(veto_json(v));
    const auto optional_number = [](const std::optional<double>& value) {
      return value ? json(*value) : json(nullptr);
    };
    subjects.push_back({{"kind", s.subject.kind == Subject::Kind::site ? "site" : "new_media"},
                        {"name", s.subject.name},
                        {"urls", s.subject.urls},
                        {"hosts", s.subject.hosts},
                        {"paths", s.subject.paths},
                        {"platform", s.subject.platform},
                        {"has_services", s.subject.has_services},
                        {"bonus_input", s.subject.bonus},
                        {"blocked", s.subject.blocked},
                        {"blocked_detail", s.subject.blocked_detail},
                        {"verdict", verdict_name(s.verdict)},
                        {"verdict_zh", verdict_zh(s.verdict)},
                        {"score", optional_number(s.score)},
                        {"measured_score", optional_number(s.measured_score)},
                        {"measurable_points", s.measurable_points},
                        {"assessed_points", s.assessed_points},
                        {"earned_points", s.earned_points},
                        {"deduction_score", s.deduction_score},
                        {"bonus", s.bonus},
                        {"provisional", s.provisional},
                        {"vetoes", std::move(vetoes)},
                        {"veto_candidates", std::move(candidates)},
                        {"vetoes_dismissed", std::move(dismissed)},
                        {"vetoes_not_assessed", s.vetoes_not_assessed},
                        {"checks_not_measured", s.checks_not_measured},
                        {"to_review", s.to_review},
                        {"unscored", s.unscored},
                        {"notes", s.notes},
                        {"groups", std::move(groups)}});
  }
  const char* verdict =
      !score.assessable() ? verdict_zh(Verdict::cannot_assess) : verdict_zh(score.passed());
  return {{"ruleset", score.ruleset_id},
          {"passed", score.passed()},
          {"assessable", score.assessable()},
          {"verdict_zh", verdict},
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
    // "nothing_measured" is the scorer's own conclusion, reached again from the findings.
    subject.blocked = entry.value("blocked", "");
    if (subject.blocked == "nothing_measured") subject.blocked.clear();
    subject.blocked_detail = entry.value("blocked_detail", "");
    subjects.push_back(std::move(subject));
  }
  return subjects;
}

} // namespace reports
