#pragma once
// Column discovery (栏目) and the column verdicts: columns.stale (栏目不更新) and columns.blank
// (空白栏目). A column is a list page (a repeated block of dated links) with its pagination, or a
// page of the column template that shows no item (暂无信息, an empty list), or a menu entry that
// leads to an error; the site's config may name, correct and add columns.

#include <checks/check.hpp>
#include <checks/freshness/list_facts.hpp>
#include <checks/freshness/rules.hpp>

#include <cstdint>
#include <optional>
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
  std::optional<ListItem> newest; // none without a dated item
  bool blank = false;
  std::string blank_style;    // "text", "empty", "http_404", "not_crawled"
  std::string blank_evidence; // the placeholder line, the HTTP status
  bool stale = false;
  int days_stale = -1; // days since the newest item, -1 without one
  std::string cutoff;  // oldest date that counts as updated, empty when not time-checked
};

// The facts of a site's pages as the freshness conclusion reads them, by page id.
using FreshnessEntries = std::vector<const PageFacts<FreshnessFacts>::Entry*>;

// The columns of `site` from the facts page_facts() kept about its pages (`facts`), its config
// (its "columns" entries) and `rules`, judged against `context.as_of`, sorted by URL. Only the
// site's own pages are columns and menu entries of it.
std::vector<Column> discover_columns(const SiteView& site, const FreshnessEntries& facts,
                                     const FreshnessRules& rules, const AuditContext& context);

// The page id of the site's homepage (its first start URL, after redirects), or -1.
std::int64_t home_page_id(const SiteView& site);

} // namespace checks
