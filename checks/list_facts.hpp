#pragma once
// What the freshness checks learn from one page before the crawl ends: its dated list items
// (the newest one and how many), its breadcrumb (unless it is an article), its pagination
// links, a blank marker ("暂无信息"), the new-media accounts it lists, and the dates in its
// text. Kept as PageReport::facts and read back in check_site, with the page's depth and title
// from the URL table.

#include <checks/freshness_rules.hpp>
#include <scanner/dates.hpp>
#include <scanner/page.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

// One list item: an anchor whose block (list item, table row) shows a date.
struct ListItem {
  std::string url;
  std::string title;
  scanner::CivilDate date;
  std::string shown;  // the text the date was read from, e.g. "2026/09/29" or "[09-29]"
  std::string method; // "same-block" or "next-cell"
};

// The dated items of `page`: anchors of at least `rules.min_title_chars` characters, each on its
// own text line, whose line (without the anchor text) or the short line after it carries a date
// between 1 January of `rules.earliest_year` and `as_of`. Month-day dates take the year of
// `as_of` (the year before when that would be after `as_of`). `future` counts items dated after
// `as_of` (ignored). Links to the page itself are skipped.
std::vector<ListItem> find_list_items(const scanner::Page& page, const FreshnessRules& rules,
                                      const scanner::CivilDate& as_of, int* future = nullptr);

// The last part of the breadcrumb ("当前位置：首页 > 政务公开 > 通知公告" -> "通知公告"), or empty.
std::string breadcrumb_name(const scanner::Page& page, const FreshnessRules& rules);

// The first part of the title ("通知公告_青石区人民政府" -> "通知公告").
std::string title_name(std::string_view title, const FreshnessRules& rules);

// The shared_facts() key of the freshness checks: each keeps page_facts() of every page.
inline constexpr std::string_view k_freshness_facts = "freshness.page_facts";

// The facts kept for `page` (JSON, see list_facts.cpp for the keys), or null when the page holds
// nothing the freshness checks use.
nlohmann::json page_facts(const scanner::Page& page, const FreshnessRules& rules,
                          const scanner::CivilDate& as_of);

// A stable 64-bit hash of `text` (FNV-1a), used to compare lines and link targets across pages.
std::uint64_t text_hash(std::string_view text);

// The lines of `text` (split on '\n').
std::vector<std::string_view> split_lines(std::string_view text);

} // namespace checks
