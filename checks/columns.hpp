#pragma once
// Column discovery (栏目) and the column verdicts: columns.stale (栏目不更新) and columns.blank
// (空白栏目). A column is a list page (a repeated block of dated links) with its pagination, or a
// page of the column template that shows no item (暂无信息, an empty list), or a menu entry that
// leads to an error; the site's config may name, correct and add columns.

#include <checks/check.hpp>
#include <checks/freshness_rules.hpp>
#include <checks/list_facts.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace checks {

// One column with its verdict.
struct Column {
  std::string url;
  std::string name;
  std::string name_source;  // "config", "breadcrumb", "navigation", "title"
  std::string column_class; // a class id of the ruleset, or its unknown class
  std::string class_source; // "config", "name rule: <word>", "no rule"
  bool discovered = false;
  bool configured = false;
  int level = 0; // 1 = first-level column
  std::size_t items = 0;
  std::vector<std::string> list_pages;
  nlohmann::json newest; // {date, shown, url, title, method}, null when no dated item
  bool blank = false;
  std::string blank_style;    // "text", "empty", "http_404", "not_crawled"
  std::string blank_evidence; // the placeholder line, the HTTP status
  bool stale = false;
  int days_stale = -1; // days since the newest item, -1 without one
  std::string cutoff;  // oldest date that counts as updated, empty when not time-checked
};

// The columns of `site` from the facts page_facts() kept about its pages (`facts`), its config
// in `context.options` (its "columns" entries) and `rules`, judged against `context.as_of`,
// sorted by URL. Only the site's own pages are columns and menu entries of it.
std::vector<Column> discover_columns(const SiteView& site, const PageFacts& facts,
                                     const FreshnessRules& rules, const CheckContext& context);

// The page id of the site's homepage (its first start URL, after redirects), or -1.
std::int64_t home_page_id(const SiteView& site);

// columns.stale: one info row per column (the report's columns table), one failure per stale
// column, and one site-level finding when the veto lines (or early-warning levels) are crossed.
class ColumnsStale final : public Check {
public:
  // Reads the ruleset's "freshness" section; throws std::invalid_argument when it is malformed.
  explicit ColumnsStale(const CheckContext& context);
  std::string_view id() const override { return "columns.stale"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  std::string_view shared_facts() const override { return k_freshness_facts; }

private:
  const CheckContext& m_context;
  FreshnessRules m_rules;
  scanner::CivilDate m_as_of;
};

// columns.blank: one failure per blank column and one site-level finding at the veto line (or
// the early-warning level).
class ColumnsBlank final : public Check {
public:
  // Reads the ruleset's "freshness" section; throws std::invalid_argument when it is malformed.
  explicit ColumnsBlank(const CheckContext& context);
  std::string_view id() const override { return "columns.blank"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  std::string_view shared_facts() const override { return k_freshness_facts; }

private:
  const CheckContext& m_context;
  FreshnessRules m_rules;
  scanner::CivilDate m_as_of;
};

// The audit date of `context` (throws std::invalid_argument when it is not YYYY-MM-DD).
scanner::CivilDate audit_date(const CheckContext& context);

} // namespace checks
