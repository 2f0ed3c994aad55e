#pragma once
// The 政府信息公开 section (条例 2019): disclose.platform (the unified column and its parts),
// disclose.guide (公开指南), disclose.catalogue (法定主动公开内容 against the 15 categories of
// Article 20, and Article 21's for city and county bodies), disclose.annual_report (one report
// per year, its deadline and the six headings of Article 50) and disclose.interpretation (政策
// 解读 linked both ways with its document). Names, synonyms, deadlines and labels come from the
// ruleset's "disclosure" section. Each configured site is judged on its own pages: a department
// needs its own platform, guide, catalogue and reports (or links to the portal's).

#include <checks/check.hpp>
#include <scanner/dates.hpp>

#include <string>
#include <utility>
#include <vector>

namespace checks {

// One catalogue category: its key ("a20.01"), official name and the names sites use for it.
struct DisclosureCategory {
  std::string key;
  std::string name;
  std::vector<std::string> synonyms;
};

// The "disclosure" section of the ruleset, validated.
struct DisclosureRules {
  std::vector<std::string> platform_names;
  std::vector<std::pair<std::string, std::vector<std::string>>> parts; // part -> names
  std::vector<std::string> required_parts;
  int guide_max_age_days = 365;
  std::vector<std::string> title_separators;
  std::vector<std::string> publish_labels;
  // 条例 第二十六条: published within N working days of being written (成文日期).
  std::vector<std::string> written_labels;
  int max_working_days = 20;
  std::vector<scanner::CivilDate> holidays;       // weekdays off (法定节假日)
  std::vector<scanner::CivilDate> extra_workdays; // weekend days worked (调休)
  std::vector<std::string> catalogue_page_names;
  std::vector<DisclosureCategory> categories; // Article 20, plus Article 21 when configured
  std::vector<std::string> not_applicable;    // keys the body may lack (review, not fail)
  std::vector<std::string> report_title_markers;
  int first_report_year = 2019;
  int deadline_month = 3, deadline_day = 31; // for the configured body kind
  std::string body_kind;
  std::vector<std::string> required_headings;
  std::vector<std::string> crumb_markers;
  std::vector<std::string> crumb_separators;
  std::vector<std::string> document_columns;
  std::vector<std::string> interpretation_columns;
  std::vector<std::string> document_link_labels;
  std::vector<std::string> interpretation_link_labels;
  int max_gap_days = 3;
  // Reads `ruleset`'s "disclosure" section. Throws std::invalid_argument("ruleset:
  // disclosure...: ...") when it is missing or malformed.
  explicit DisclosureRules(const nlohmann::json* ruleset);
};

// The last segment of `page`'s breadcrumb (当前位置：首页 > 政府信息公开 > 政策文件 -> 政策文件),
// or empty when the page has none.
std::string crumb_column(const scanner::Page& page, const DisclosureRules& rules);

// The category key whose synonyms `name` contains (first in ruleset order), or empty.
std::string match_category(std::string_view name, const DisclosureRules& rules);

// Working days after `written` up to and including `published` (0 when published on or before
// the day it was written): Monday to Friday, minus `rules.holidays`, plus `rules.extra_workdays`.
int working_days_after(const scanner::CivilDate& written, const scanner::CivilDate& published,
                       const DisclosureRules& rules);

// The report year of an annual-report page (from its title), or 0 when it is not one.
int annual_report_year(const scanner::Page& page, const DisclosureRules& rules);

// Base of the five disclosure checks: holds the rules and the audit date.
class DisclosureCheck : public Check {
public:
  explicit DisclosureCheck(const CheckContext& context);

protected:
  DisclosureRules m_rules;
  scanner::CivilDate m_as_of;
};

// disclose.platform: the 政府信息公开 column is linked and its parts (指南, 制度, 法定主动公开内容,
// 年报, 依申请公开) are found, on the homepage, the pages it links and the column's own page.
// Failure without the column; warning for missing required parts.
class DisclosePlatform final : public DisclosureCheck {
public:
  using DisclosureCheck::DisclosureCheck;
  std::string_view id() const override { return "disclose.platform"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
};

// disclose.guide: a 公开指南 page is linked and answers; review when its newest date is older
// than the configured age.
class DiscloseGuide final : public DisclosureCheck {
public:
  using DisclosureCheck::DisclosureCheck;
  std::string_view id() const override { return "disclose.guide"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
};

// disclose.catalogue: per category present / item count / newest date. A missing category is a
// failure (review when configured as not applicable to the body), an empty one a warning (scored
// as a blank column), plus an info row with the completeness percentage. On any page that shows
// both its 成文日期 and its publication date, a warning when more working days than allowed lie
// between them (条例 第二十六条).
class DiscloseCatalogue final : public DisclosureCheck {
public:
  using DisclosureCheck::DisclosureCheck;
  std::string_view id() const override { return "disclose.catalogue"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
};

// disclose.annual_report: a report for every year from the first configured year to the year
// before the audit (once its deadline has passed), published by the deadline, with every
// required heading.
class DiscloseAnnualReport final : public DisclosureCheck {
public:
  using DisclosureCheck::DisclosureCheck;
  std::string_view id() const override { return "disclose.annual_report"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
};

// disclose.interpretation (三同步): each policy document links its 解读 and the 解读 links back.
// Failures: no interpretation, or a link one way only; warning when the dates are further apart
// than the configured gap. A document column where no document is linked with any 解读 gets one
// review warning instead of a failure per document.
class DiscloseInterpretation final : public DisclosureCheck {
public:
  using DisclosureCheck::DisclosureCheck;
  std::string_view id() const override { return "disclose.interpretation"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
};

} // namespace checks
