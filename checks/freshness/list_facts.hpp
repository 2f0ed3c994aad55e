#pragma once
// What the freshness checks learn from one page before the crawl ends: its dated list items
// (the newest one and how many), its breadcrumb (unless it is an article), its pagination
// links, a blank marker ("暂无信息"), the new-media accounts it lists, and the dates in its
// text. Kept as FreshnessFacts and read in the conclusion, with the page's depth and title from
// the URL table.

#include <checks/freshness/rules.hpp>
#include <scanner/dates.hpp>
#include <scanner/page.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

// One list item: an anchor whose block (list item, table row) shows a date.
struct ListItem {
  std::string url;
  std::string title;
  core::CivilDate date;
  std::string shown;  // the text the date was read from, e.g. "2026/09/29" or "[09-29]"
  std::string method; // "same-block" or "next-cell"
};

// The dated items of `page`: anchors of at least `rules.min_title_chars` characters, each on its
// own text line, whose line (without the anchor text) or the short line after it carries a date
// between 1 January of `rules.earliest_year` and `as_of`. Month-day dates take the year of
// `as_of` (the year before when that would be after `as_of`). `future` counts items dated after
// `as_of` (ignored). Links to the page itself are skipped.
std::vector<ListItem> find_list_items(const scanner::Page& page, const FreshnessRules& rules,
                                      const core::CivilDate& as_of, int* future = nullptr);

// The last part of the breadcrumb ("当前位置：首页 > 政务公开 > 通知公告" -> "通知公告"), or empty.
std::string breadcrumb_name(const scanner::Page& page, const FreshnessRules& rules);

// The first part of the title ("通知公告_青石区人民政府" -> "通知公告").
std::string title_name(std::string_view title, const FreshnessRules& rules);

// A new-media account a page lists: its platform id, name and page URL.
struct AccountLink {
  std::string platform;
  std::string name;
  std::string url;
};

// What only some pages have: list pages, candidate blank pages, the homepage, a 政务新媒体 page.
struct FreshnessDetail {
  std::optional<ListItem> newest;        // the newest dated item of a list
  std::vector<std::string> pagination;   // targets of its pager links, sorted
  std::string blank_phrase;              // the placeholder found ("暂无信息"), else empty
  std::string blank_line;                // the short line it is on
  std::vector<std::uint64_t> home_lines; // the homepage: text_hash() of every line's residue
  // A page without items and with little text: (text_hash, characters) of each line of its own
  // (not the breadcrumb, not its name).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> own_lines;
  std::string breadcrumb;            // the column it names (not kept for articles)
  std::vector<AccountLink> accounts; // accounts listed on a 政务新媒体 page
};

// What the freshness concern keeps about every page. Small: most pages of a site are articles,
// which keep no detail.
struct FreshnessFacts {
  std::uint32_t items = 0;        // dated list items
  std::uint32_t future_items = 0; // items dated after the monitoring point (ignored)
  std::uint32_t other_links = 0;  // distinct anchors that are neither items nor pager links
  std::uint32_t text_dates = 0;   // dates anywhere in the text (an account page's posts)
  core::CivilDate text_newest;    // the newest of them
  bool long_text = false;         // no items and more own text than a blank page has
  bool child_links = false;       // links below the page's own folder
  std::unique_ptr<FreshnessDetail> detail; // null for most pages
};

// The facts kept for `page`.
FreshnessFacts page_facts(const scanner::Page& page, const FreshnessRules& rules,
                          const core::CivilDate& as_of);

// A stable 64-bit hash of `text` (FNV-1a), used to compare lines and link targets across pages.
std::uint64_t text_hash(std::string_view text);

// The lines of `text` (split on '\n').
std::vector<std::string_view> split_lines(std::string_view text);

} // namespace checks
