#pragma once
// The official score (section 8 of the catalogue): vetoes first, then the 100-point deduction
// score by groups (each capped at its points), the pass mark, the bonus rule and the scaling for
// bodies without services. Websites and new-media accounts are scored separately, each by its
// own groups, and every point lost is traceable to a group, a check, count × unit and a cap.

#include <checks/check.hpp>
#include <checks/ruleset.hpp>
#include <scanner/options.hpp>
#include <scanner/site_scope.hpp>

#include <nlohmann/json.hpp>

#include <optional>
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

struct GroupScore {
  std::string id;
  std::string name_zh;
  std::string name_en;
  double points = 0;        // allotted
  double lost = 0;          // after caps
  double raw_lost = 0;      // before the group cap
  bool cap_applied = false; // raw_lost > points
  bool scored = true;       // false: the service group of a body without services
  std::vector<Deduction> deductions;
  double remaining() const { return scored ? points - lost : 0; }
};

// A veto decided (or proposed) by one finding.
struct Veto {
  std::string check;
  std::string url;
  std::string message;
  bool confirmed = false; // false: a candidate awaiting human review
  nlohmann::json value;   // measured value and threshold, when the check gave them
  nlohmann::json threshold;
};

struct SubjectScore {
  Subject subject;
  std::vector<Veto> vetoes;     // confirmed: the subject is 不合格 and has no score
  std::vector<Veto> candidates; // pending review: the score is provisional
  std::vector<GroupScore> groups;
  double deduction_score = 0;     // sum of the groups' remaining points (scaled when no services)
  double bonus = 0;               // bonus points applied
  std::optional<double> score;    // deduction_score + bonus; none when vetoed
  bool passed = false;            // no confirmed veto and deduction_score >= the pass mark
  bool provisional = false;       // veto candidates await review
  std::size_t to_review = 0;      // failures marked evidence.review (never scored automatically)
  std::size_t unscored = 0;       // failures of checks the ruleset does not score for this subject
  std::vector<std::string> notes; // how the score was reached (scaling, bonus gate), English
};

struct AuditScore {
  std::string ruleset_id;
  std::vector<SubjectScore> subjects;
  bool passed() const; // every subject passed
  // The first site's score (the report's headline), none when it is vetoed or there is none.
  std::optional<double> headline_score() const;
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

// Whether `rule` is scored for subjects of `kind` (its group belongs to that kind's groups).
bool applies_to(const checks::CheckRule& rule, Subject::Kind kind, const checks::Ruleset& ruleset);

// Scores `findings` for `subjects` with `ruleset`. Each finding goes to the account whose URL it
// is about (url, page or evidence.account), else to the site that owns its page (else its url),
// else to the first site (subject_of). Only `failure` findings score; info, warnings and findings
// with evidence.review = true never do.
AuditScore score_audit(const std::vector<checks::Finding>& findings,
                       const std::vector<Subject>& subjects, const checks::Ruleset& ruleset);

// The score object written into findings.json and read back by `govaudit report`.
nlohmann::json score_json(const AuditScore& score);

// The subjects recorded in a findings.json score object (inputs included), for re-scoring.
std::vector<Subject> subjects_from_json(const nlohmann::json& score);

// "合格" or "不合格".
const char* verdict_zh(bool passed);

} // namespace reports
