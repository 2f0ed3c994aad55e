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

#include <array>
#include <memory>
#include <rules/reader.hpp>
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
  std::vector<core::CivilDate> holidays;       // weekdays off (法定节假日)
  std::vector<core::CivilDate> extra_workdays; // weekend days worked (调休)
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
};

// Reads the "disclosure" section of the ruleset; problems go to the section's collector.
DisclosureRules read_disclosure_rules(const rules::Section& section);

// The last segment of `page`'s breadcrumb (当前位置：首页 > 政府信息公开 > 政策文件 -> 政策文件),
// or empty when the page has none.
std::string crumb_column(const scanner::Page& page, const DisclosureRules& rules);

// The category key whose synonyms `name` contains (first in ruleset order), or empty.
std::string match_category(std::string_view name, const DisclosureRules& rules);

// Working days after `written` up to and including `published` (0 when published on or before
// the day it was written): Monday to Friday, minus `rules.holidays`, plus `rules.extra_workdays`.
int working_days_after(const core::CivilDate& written, const core::CivilDate& published,
                       const DisclosureRules& rules);

// The report year of an annual-report page (from its title), or 0 when it is not one.
int annual_report_year(const scanner::Page& page, const DisclosureRules& rules);

// What the disclosure concern keeps about a page that shows part of the 政府信息公开 section
// (few pages of a site): the links to the column and its parts, a catalogue's categories, an
// annual report, a policy document or its interpretation.
struct DisclosurePage {
  std::vector<std::string> platform_links;                     // anchors named like the column
  std::vector<std::pair<std::string, std::string>> part_links; // (part, url): 指南, 制度 ...
  bool guide_page = false;                                     // the 公开指南 itself
  // The catalogue page's anchors that name a category: (key, url, text).
  std::vector<std::array<std::string, 3>> catalogue;
  bool catalogue_page = false;
  int report_year = 0;                     // an annual report of that year, else 0
  core::CivilDate report_published;        // its labelled publication date
  std::vector<std::string> report_missing; // required headings it lacks
  std::string role;                    // "document" or "interpretation" (政策解读), else empty
  std::string column;                  // the breadcrumb column of a document or interpretation
  std::vector<std::string> role_links; // a document's 相关解读 / an interpretation's 相关文件
  core::CivilDate published;           // its labelled publication date
};

// What the disclosure concern keeps about every page: its size as a list (the items of a
// catalogue category's page) and newest date, and the rare disclosure parts. Small, since every
// page of a 100,000-page crawl keeps one.
struct DisclosureFacts {
  std::uint32_t items = 0;
  core::CivilDate newest;
  std::unique_ptr<DisclosurePage> parts; // null on most pages
};

// The 政府信息公开 section, each site judged on its own pages:
// - disclose.platform: the 政府信息公开 column is linked and its parts (指南, 制度, 法定主动公开
//   内容, 年报, 依申请公开) are found, on the homepage, the pages it links and the column's own
//   page. Failure without the column; warning for missing required parts.
// - disclose.guide: a 公开指南 page is linked and answers; review when its newest date is older
//   than the configured age.
// - disclose.catalogue: per category present / item count / newest date. A missing category is
//   a failure (review when configured as not applicable to the body), an empty one a warning
//   (scored as a blank column), plus an info row with the completeness percentage. On any page
//   that shows both its 成文日期 and its publication date, a warning when more working days than
//   allowed lie between them (条例 第二十六条).
// - disclose.annual_report: a report for every year from the first configured year to the year
//   before the audit (once its deadline has passed), published by the deadline, with every
//   required heading.
// - disclose.interpretation (三同步): each policy document links its 解读 and the 解读 links back.
//   Failures: no interpretation, or a link one way only; warning when the dates are further
//   apart than the configured gap. A document column where no document is linked with any 解读
//   gets one review warning instead of a failure per document.
class Disclosure final : public CheckWith<DisclosureFacts> {
public:
  Disclosure(const DisclosureRules& rules, const AuditContext& context)
      : m_rules(rules), m_as_of(context.as_of) {}
  std::span<const std::string_view> ids() const override;

protected:
  std::optional<DisclosureFacts> collect(const scanner::Page& page,
                                         std::vector<Finding>& findings) const override;
  std::vector<Finding> conclude_site(const SiteView& site, const Entries& facts) const override;

private:
  void judge_platform(const SiteView& site, const Entries& facts,
                      std::vector<Finding>& findings) const;
  void judge_guide(const SiteView& site, const Entries& facts,
                   std::vector<Finding>& findings) const;
  void judge_catalogue(const SiteView& site, const Entries& facts,
                       std::vector<Finding>& findings) const;
  void judge_annual_reports(const SiteView& site, const Entries& facts,
                            std::vector<Finding>& findings) const;
  void judge_interpretations(const SiteView& site, const Entries& facts,
                             std::vector<Finding>& findings) const;

  const DisclosureRules& m_rules;
  core::CivilDate m_as_of;
};

} // namespace checks
