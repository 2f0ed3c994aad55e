#pragma once
// The official score (section 8 of the catalogue, groups and items of §9.1): vetoes first, then
// the deduction score by groups and their items (each capped at its points), the pass mark, the
// bonus rule and the scaling for bodies without services. Websites and new-media accounts are
// scored separately, each by its own groups, and every point lost is traceable to an item, a
// check, count × unit and a cap, or to a reviewer's entry.
//
// Nothing is awarded without looking: an item that no check of the scan measured and no reviewer
// scored is not assessed (未检查) and earns no points; the official 100-point score exists only
// when every item is assessed. A subject the scan could not see (unreachable, interrupted, cut
// by a limit) gets the verdict 无法评估 (cannot be assessed), never 合格.

#include <checks/check.hpp>
#include <reports/assessments.hpp>
#include <scanner/options.hpp>
#include <scanner/site_scope.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <rules/ruleset.hpp>
#include <string>
#include <vector>

namespace reports {

// What is scored: a website (its start URLs, hosts and paths) or a new-media account (its URL).
struct Subject {
  enum class Kind { site, new_media };
  Kind kind = Kind::site;
  std::string name;
  std::vector<std::string> urls;  // site: start URLs; account: its page URL
  std::vector<std::string> hosts; // site: extra hosts that belong to it
  std::string platform;           // account only
  bool has_services = true;       // site only: false scores without the service group
  double bonus = 0;               // site only: bonus points entered by a reviewer
  // Why the scan could not assess this subject (then its verdict is 无法评估): "unreachable"
  // (no start URL gave an HTML page), "interrupted", "page_limit", "depth_limit"; empty when it
  // could. `blocked_detail` says what was seen (English, for logs and the report).
  std::string blocked;
  std::string blocked_detail;
  // site only: its path prefixes where it shares a host with other sites (SiteConfig::paths)
  std::vector<std::string> paths = {};
};

// The subjects of `options`: each site, then each of its new-media accounts. `bonus` goes to
// the first site (the portal whose audit this is).
std::vector<Subject> subjects_of(const scanner::CrawlOptions& options, double bonus);

// One traceable deduction: `count` findings of `check` standing for `units` units at `unit`
// points each; `points` = units × unit before any cap.
struct Deduction {
  std::string check;
  std::size_t count = 0;
  double units = 0;
  double unit = 0;
  double points = 0;
  std::optional<double> check_cap; // the check's own cap, when it has one and it applied
};

// One item of a group, as scored for one subject.
struct ItemScore {
  std::string id;
  std::string name_zh;
  std::string name_en;
  double points = 0;               // allotted
  std::vector<std::string> checks; // the checks that measure it (from the ruleset)
  // Who measured it: the checks of the scan (some of its checks ran on this subject), a
  // reviewer (an entry of the assessments file), both, or nobody (not assessed: no points).
  bool by_checks = false;
  std::optional<ItemAssessment> by_reviewer;
  double raw_lost = 0;      // deductions before the item cap
  double lost = 0;          // after the cap (0 when not assessed)
  bool cap_applied = false; // raw_lost > points
  std::vector<Deduction> deductions;
  bool assessed() const { return by_checks || by_reviewer.has_value(); }
};

struct GroupScore {
  std::string id;
  std::string name_zh;
  std::string name_en;
  double points = 0;        // allotted
  double lost = 0;          // after caps, over the assessed items
  double raw_lost = 0;      // before the caps
  bool cap_applied = false; // an item or the group lost less than its deductions
  bool scored = true;       // false: the service group of a body without services
  std::vector<ItemScore> items;
  std::vector<Deduction> deductions; // every item's, for the summary tables
  double assessed_points() const;    // points of the assessed items (0 when not scored)
  double remaining() const;          // assessed points minus lost (0 when not scored)
};

// A veto decided (or proposed) by one finding or by a reviewer.
struct Veto {
  std::string check;
  std::string url;
  std::string message;
  bool confirmed = false; // false: a candidate awaiting human review
  nlohmann::json value;   // measured value and threshold, when the check gave them
  nlohmann::json threshold;
  // Set when a reviewer confirmed the candidate or found the veto by hand.
  std::optional<VetoDecision> by_reviewer;
};

enum class Verdict { pass, fail, cannot_assess };

struct SubjectScore {
  Subject subject;
  Verdict verdict = Verdict::cannot_assess;
  bool passed = false;          // verdict == pass
  std::vector<Veto> vetoes;     // confirmed: the subject is 不合格
  std::vector<Veto> candidates; // pending review: the verdict is provisional
  std::vector<Veto> dismissed;  // candidates a reviewer dismissed
  // Veto checks (单项否决) that nothing assessed for this subject: no check of the scan judged
  // them (not written, or a partial window) and no reviewer decided them.
  std::vector<std::string> vetoes_not_assessed;
  // The checks scored for this subject (its items' and its veto checks) that measured nothing
  // here: not run by this scan, said so (evidence.measured = false), or the subject was not seen.
  std::vector<std::string> checks_not_measured;
  std::vector<GroupScore> groups;
  double measurable_points = 0; // points of the scored groups (75 without services)
  double assessed_points = 0;   // of which assessed, by checks or reviewers
  double earned_points = 0;     // assessed points not lost
  // earned / assessed on the ruleset's scale (100): what the measured part scores; none when
  // nothing was assessed.
  std::optional<double> measured_score;
  // The official score: deduction score (scaled without services) + bonus, only when every item
  // of the scored groups was assessed and there is no confirmed veto; else none.
  std::optional<double> score;
  double deduction_score = 0;     // earned points, scaled without services (the official basis)
  double bonus = 0;               // bonus points applied
  bool provisional = false;       // veto candidates, vetoes or items not assessed could change it
  std::size_t to_review = 0;      // failures marked evidence.review (never scored automatically)
  std::size_t unscored = 0;       // failures of checks the ruleset does not score for this subject
  std::vector<std::string> notes; // how the verdict was reached (scaling, bounds, bonus), English
  bool complete_coverage() const { return assessed_points >= measurable_points - 1e-9; }
  // The number the CI gate's --fail-under compares: the official score, else the measured score.
  std::optional<double> gate_score() const { return score ? score : measured_score; }
};

struct AuditScore {
  std::string ruleset_id;
  std::vector<SubjectScore> subjects;
  bool passed() const; // every subject passed
  // Every subject could be assessed (none is 无法评估).
  bool assessable() const;
  // The first site's official score (the report's headline), none when it has none.
  std::optional<double> headline_score() const;
};

// What scoring needs to know besides the findings.
struct ScoringInputs {
  // The check ids the scan ran (Check::ids()); a check not in it measured nothing.
  std::vector<std::string> checks_run = checks::builtin_check_ids();
  Assessments assessments; // a reviewer's entries, possibly none
};

// The index in `subjects` of the subject `finding` is about: the account whose URL it is about
// (url, page or evidence.account), else the site that owns its page (else its url) as
// scanner::SiteScope decides from the sites' start URLs, hosts and paths (the rule the checks
// judged each site by), else the first site. `subjects` must not be empty.
std::size_t subject_of(const checks::Finding& finding, const std::vector<Subject>& subjects);

// subject_of() for many findings: the sites' scope is built once. `subjects` must outlive it.
class SubjectIndex {
public:
  explicit SubjectIndex(const std::vector<Subject>& subjects);
  // subject_of(`finding`, subjects).
  std::size_t of(const checks::Finding& finding) const;

private:
  const std::vector<Subject>& m_subjects;
  scanner::SiteScope m_scope;         // the site subjects, in order
  std::vector<std::size_t> m_site_of; // scope site -> index in m_subjects
};

// How reports name `subject`: its name, with the platform for a new-media account (one body
// often runs 青石发布 on WeChat, Weibo and Douyin), else its first URL, else "site".
std::string subject_label(const SubjectScore& subject);
std::string subject_label(const Subject& subject);

// Whether `rule` is scored for subjects of `kind` (an item of that kind's groups lists it).
bool applies_to(const rules::CheckRule& rule, Subject::Kind kind, const rules::Ruleset& ruleset);

// Scores `findings` for `subjects` with `ruleset`. Each finding goes to the account whose URL it
// is about (url, page or evidence.account), else to the site that owns its page (else its url),
// else to the first site (subject_of). Only `failure` findings score; info, warnings and findings
// with evidence.review = true never do. A finding with evidence.measured = false says its check
// measured nothing for its subject; evidence.veto_measured = false says it could not judge the
// veto (a partial availability window).
AuditScore score_audit(const std::vector<checks::Finding>& findings,
                       const std::vector<Subject>& subjects, const rules::Ruleset& ruleset,
                       const ScoringInputs& inputs = {});

// The score object written into findings.json and read back by `govaudit report`.
nlohmann::json score_json(const AuditScore& score);

// The subjects recorded in a findings.json score object (inputs and scan status included), for
// re-scoring.
std::vector<Subject> subjects_from_json(const nlohmann::json& score);

// "pass", "fail" or "cannot_assess".
const char* verdict_name(Verdict verdict);
// "合格", "不合格" or "无法评估".
const char* verdict_zh(Verdict verdict);
// "Pass", "Fail" or "Cannot be assessed".
const char* verdict_en(Verdict verdict);
// The old two-state form, for callers that only know passed or not: "合格" or "不合格".
const char* verdict_zh(bool passed);

// Why a subject could not be assessed, in words: `code` as in Subject::blocked.
std::string blocked_text(const std::string& code, bool english);

} // namespace reports
