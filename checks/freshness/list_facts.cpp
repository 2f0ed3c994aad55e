#include <checks/freshness/list_facts.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <algorithm>
#include <set>
#include <span>
#include <string_view>
#include <unordered_set>

namespace checks {
namespace {

constexpr std::size_t k_max_date_cell_bytes = 48; // a table cell that holds only a date
constexpr std::size_t k_max_shown_bytes = 60;
constexpr std::size_t k_max_own_scan_bytes = 4000; // beyond this much own text a page is no blank
constexpr std::size_t k_max_account_cell_bytes = 60;
constexpr int k_account_row_cells = 4; // cells before the link that may name platform and account

std::string_view trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The offset of the first digit of `text` at or after `at` (ASCII, or full-width ０-９ =
// EF BC 90..99), or text.size(): no date without one.
std::size_t next_digit(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    at = scanner::skip_digit_free(text, at, 0xEF);
    for (const std::size_t block_end = std::min(at + 16, text.size()); at < block_end; ++at) {
      const auto c = static_cast<unsigned char>(text[at]);
      if (c >= '0' && c <= '9') return at;
      if (c == 0xEF && at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0xBC &&
          static_cast<unsigned char>(text[at + 2]) >= 0x90 &&
          static_cast<unsigned char>(text[at + 2]) <= 0x99)
        return at;
    }
  }
  return text.size();
}

// Text with the first occurrence of `part` removed.
std::string without(std::string_view text, std::string_view part) {
  std::string out(text);
  if (part.empty()) return out;
  if (auto pos = out.find(part); pos != std::string::npos) out.erase(pos, part.size());
  return out;
}

bool mostly_digits(std::string_view text) {
  std::size_t digits = 0;
  for (char c : text) digits += (c >= '0' && c <= '9') ? 1 : 0;
  return digits * 2 >= text.size();
}

// The dates of `text` that are plausible publication dates, the newest first.
std::vector<core::CivilDate> dates_in(std::string_view text, const FreshnessRules& rules,
                                      const core::CivilDate& as_of, int* future) {
  std::vector<scanner::DateMention> found;
  scanner::find_dates(text, as_of.year, 0, found);
  std::vector<core::CivilDate> dates;
  for (const auto& mention : found) {
    core::CivilDate date{mention.year, mention.month, mention.day};
    // A month-day date given the audit year is last year's when it lies ahead of the audit.
    bool full_year = text.find(std::to_string(mention.year)) != std::string_view::npos;
    if (!full_year && date > as_of) --date.year;
    if (date > as_of) {
      if (future != nullptr) ++*future;
      continue;
    }
    if (date.year < rules.earliest_year) continue;
    dates.push_back(date);
  }
  std::sort(dates.begin(), dates.end(), std::greater<>());
  return dates;
}

std::string cut(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

bool is_breadcrumb_line(std::string_view line, const FreshnessRules& rules) {
  return std::any_of(rules.breadcrumb_markers.begin(), rules.breadcrumb_markers.end(),
                     [&](const std::string& marker) { return line.starts_with(marker); });
}

// The line without the texts of the anchors on it and without separators: what the page itself
// writes there. Written into `residue`, whose storage every line of a page reuses.
void line_residue(std::string_view line, std::span<const std::string_view> anchors,
                  std::string& residue) {
  // Most lines of a menu are one anchor's text and nothing else.
  if (!anchors.empty() && anchors.front() == line) {
    residue.clear();
    return;
  }
  residue.assign(line);
  // In place: a menu line carries dozens of anchors, and a copy per anchor was most of the cost.
  for (std::string_view anchor : anchors) {
    if (anchor.empty()) continue;
    if (auto pos = scanner::find_text(residue, anchor); pos != std::string::npos)
      residue.erase(pos, anchor.size());
  }
  std::erase_if(residue, [](char c) { return c == ' ' || c == '|' || c == '>' || c == '/'; });
}

// New-media accounts listed in a table or list: an anchor whose row names a platform in one of
// the cells before it; the account name is the cell after the platform.
std::vector<AccountLink> find_accounts(const scanner::Page& page,
                                       const std::vector<std::string_view>& lines,
                                       const FreshnessRules& rules) {
  std::vector<AccountLink> accounts;
  std::set<std::string> seen;
  std::vector<int> anchors_on_line(lines.size(), 0);
  for (const auto& link : page.links) {
    if (link.kind == scanner::LinkKind::anchor && link.text_line < lines.size()) {
      ++anchors_on_line[link.text_line];
    }
  }
  for (const auto& link : page.links) {
    if (link.kind != scanner::LinkKind::anchor || link.url.empty() || link.url == page.url)
      continue;
    if (link.text_line >= lines.size() || seen.count(link.url) != 0) continue;
    std::string platform;
    std::string name;
    std::uint32_t first =
        link.text_line >= k_account_row_cells ? link.text_line - k_account_row_cells : 0;
    for (std::uint32_t i = link.text_line + 1; i-- > first;) {
      std::string_view cell = trim(lines[i]);
      // The row ends at a longer text or at the previous row's link.
      if (cell.size() > k_max_account_cell_bytes) break;
      if (i < link.text_line && anchors_on_line[i] > 0) break;
      std::string id = rules.platform_of(cell);
      if (id.empty()) continue;
      platform = id;
      // "微信公众号" alone in its cell: the name is in the next cell; "抖音：青石融媒" carries it.
      if (i < link.text_line) {
        name = std::string(trim(lines[i + 1]));
      } else {
        name = link.text;
      }
      break;
    }
    if (platform.empty()) continue;
    seen.insert(link.url);
    accounts.push_back({platform, name, link.url});
  }
  return accounts;
}

} // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

std::uint64_t text_hash(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

namespace {

// The lines of a page's text and which of them hold a digit, worked out once for every reader.
struct TextLines {
  std::vector<std::string_view> lines;
  std::vector<bool> digits;

  explicit TextLines(std::string_view text) : lines(split_lines(text)), digits(lines.size()) {
    // One pass over the text: a digit marks its line, and the search resumes at the next line.
    // Menu lines carry dozens of anchors and no date; this keeps them from being searched once
    // per anchor.
    std::size_t digit = next_digit(text, 0);
    std::size_t line_begin = 0;
    for (std::size_t i = 0; i < lines.size() && digit < text.size(); ++i) {
      const std::size_t line_end = line_begin + lines[i].size();
      if (digit < line_end) {
        digits[i] = true;
        digit = next_digit(text, std::min(line_end + 1, text.size()));
      }
      line_begin = line_end + 1;
    }
  }
};

std::vector<ListItem> items_in(const scanner::Page& page, const TextLines& text,
                               const FreshnessRules& rules, const core::CivilDate& as_of,
                               int* future) {
  const std::vector<std::string_view>& lines = text.lines;
  const std::vector<bool>& digit_lines = text.digits;
  std::vector<ListItem> items;
  std::vector<bool> used_lines(lines.size());
  std::vector<bool> anchor_lines(lines.size());
  for (const auto& link : page.links) {
    if (link.kind == scanner::LinkKind::anchor && link.text_line < lines.size())
      anchor_lines[link.text_line] = true;
  }
  for (const auto& link : page.links) {
    if (link.kind != scanner::LinkKind::anchor || link.url.empty() || link.url == page.url)
      continue;
    if (link.text_line >= lines.size() || used_lines[link.text_line]) continue;
    const bool next_cell = link.text_line + 1 < lines.size() && digit_lines[link.text_line + 1];
    if (!digit_lines[link.text_line] && !next_cell) continue;
    std::string_view title = trim(link.text);
    if (utf8_length(title) < static_cast<std::size_t>(rules.min_title_chars) ||
        mostly_digits(title)) {
      continue;
    }
    // The date next to the title, not one inside it ("2026年11月3日常务会议").
    std::string rest =
        digit_lines[link.text_line] ? without(lines[link.text_line], title) : std::string();
    std::string method = "same-block";
    int found_future = 0;
    std::vector<core::CivilDate> dates = dates_in(rest, rules, as_of, &found_future);
    if (dates.empty() && found_future == 0 && next_cell &&
        lines[link.text_line + 1].size() <= k_max_date_cell_bytes &&
        !anchor_lines[link.text_line + 1]) {
      // Only a cell of its own, not the next item's line.
      rest = std::string(lines[link.text_line + 1]);
      method = "next-cell";
      dates = dates_in(rest, rules, as_of, &found_future);
    }
    if (future != nullptr) *future += found_future;
    if (dates.empty()) continue;
    used_lines[link.text_line] = true;
    items.push_back(
        {link.url, std::string(title), dates.front(), cut(trim(rest), k_max_shown_bytes), method});
  }
  return items;
}

std::string breadcrumb_in(const std::vector<std::string_view>& lines, const FreshnessRules& rules) {
  for (std::string_view line : lines) {
    line = trim(line);
    if (!is_breadcrumb_line(line, rules)) continue;
    std::size_t cut_at = 0;
    for (const auto& separator : rules.breadcrumb_separators) {
      std::size_t pos = line.rfind(separator);
      if (pos != std::string_view::npos) cut_at = std::max(cut_at, pos + separator.size());
    }
    if (cut_at == 0) {
      // "当前位置：栏目" without separators: the part after the colon.
      for (std::string_view colon : {"：", ":"}) {
        if (auto pos = line.find(colon); pos != std::string_view::npos) {
          cut_at = std::max(cut_at, pos + colon.size());
        }
      }
    }
    return std::string(trim(line.substr(cut_at)));
  }
  return {};
}

} // namespace

std::vector<ListItem> find_list_items(const scanner::Page& page, const FreshnessRules& rules,
                                      const core::CivilDate& as_of, int* future) {
  return items_in(page, TextLines(page.text), rules, as_of, future);
}

std::string breadcrumb_name(const scanner::Page& page, const FreshnessRules& rules) {
  return breadcrumb_in(split_lines(page.text), rules);
}

std::string title_name(std::string_view title, const FreshnessRules& rules) {
  std::size_t end = title.size();
  for (const auto& separator : rules.title_separators) {
    std::size_t pos = title.find(separator);
    if (pos != std::string_view::npos && pos > 0) end = std::min(end, pos);
  }
  return std::string(trim(title.substr(0, end)));
}

FreshnessFacts page_facts(const scanner::Page& page, const FreshnessRules& rules,
                          const core::CivilDate& as_of) {
  FreshnessFacts facts;
  auto detail = std::make_unique<FreshnessDetail>();
  const TextLines page_lines(page.text);
  const std::vector<std::string_view>& lines = page_lines.lines;
  int future = 0;
  std::vector<ListItem> items = items_in(page, page_lines, rules, as_of, &future);
  std::string crumb = breadcrumb_in(lines, rules);
  std::string titled = title_name(page.title, rules);
  // What the URL table already holds (depth, title) is not kept again.
  facts.items = static_cast<std::uint32_t>(items.size());
  facts.future_items = static_cast<std::uint32_t>(future);
  if (!items.empty()) {
    detail->newest = *std::max_element(
        items.begin(), items.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  }

  // Anchor texts by text line, for residues (one flat list: anchor_texts[line_start[i] ..
  // line_start[i + 1]) are line i's); pagination; links below the page's own folder.
  std::vector<std::string_view> anchor_texts;
  std::vector<std::uint32_t> line_start(lines.size() + 1, 0);
  std::set<std::string> pagination;
  // Views into page.links, which outlive this function: no copy of the page's ~200 URLs.
  std::unordered_set<std::string_view> item_urls;
  for (const auto& item : items) item_urls.insert(item.url);
  bool child_links = false;
  std::string_view folder = scanner::url_folder(page.url);
  for (const auto& link : page.links) {
    if (link.kind != scanner::LinkKind::anchor || link.url.empty()) continue;
    if (link.text_line < lines.size()) ++line_start[link.text_line + 1];
    if (link.url == page.url) continue;
    if (scanner::is_pager_text(link.text, rules.pagination_texts)) {
      pagination.insert(link.url);
      continue;
    }
    if (link.url.size() > folder.size() && std::string_view(link.url).starts_with(folder) &&
        scanner::url_folder(link.url) != folder) {
      child_links = true;
    }
  }
  detail->pagination.assign(pagination.begin(), pagination.end());
  for (std::size_t i = 0; i < lines.size(); ++i) line_start[i + 1] += line_start[i];
  anchor_texts.resize(line_start.back());
  {
    std::vector<std::uint32_t> next(line_start.begin(), line_start.end() - 1);
    for (const auto& link : page.links) {
      if (link.kind != scanner::LinkKind::anchor || link.url.empty()) continue;
      if (link.text_line < lines.size()) anchor_texts[next[link.text_line]++] = trim(link.text);
    }
  }

  // Own text: the residue of each line that is not the breadcrumb nor the page's name, as (hash,
  // characters). Only a page without items keeps it, and most pages are articles whose own text
  // passes the scan limit: a plain vector until it is known to be kept.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> own;
  std::vector<std::uint64_t> residues;
  std::size_t own_bytes = 0;
  bool blank_found = false;
  std::string residue;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    // The first short line with a blank phrase; a UTF-8 character takes at most 4 bytes, so
    // most lines are ruled out by their size alone.
    const auto max_chars = static_cast<std::size_t>(rules.max_phrase_line_chars);
    if (!blank_found && line.size() <= 4 * max_chars && utf8_length(line) <= max_chars) {
      const std::uint64_t line_set = byte_set(line);
      for (std::size_t k = 0; k < rules.blank_phrases.size(); ++k) {
        const std::string& phrase = rules.blank_phrases[k];
        if ((rules.blank_phrase_bytes[k] & ~line_set) != 0 || !contains(line, phrase)) continue;
        detail->blank_phrase = phrase;
        detail->blank_line = std::string(line);
        blank_found = true;
        break;
      }
    }
    // Past the scan limit the own text only decides "long text", which it already has; a page
    // with items keeps no own text; the homepage keeps every line's hash.
    if (page.depth != 0 && (!items.empty() || own_bytes > k_max_own_scan_bytes)) continue;
    line_residue(line,
                 std::span<const std::string_view>(anchor_texts)
                     .subspan(line_start[i], line_start[i + 1] - line_start[i]),
                 residue);
    if (residue.empty()) continue;
    if (page.depth == 0) residues.push_back(text_hash(residue));
    if (is_breadcrumb_line(line, rules) || residue == crumb || residue == titled) continue;
    own_bytes += residue.size();
    if (items.empty() && own_bytes <= k_max_own_scan_bytes)
      own.emplace_back(text_hash(residue), static_cast<std::uint32_t>(utf8_length(residue)));
  }
  if (page.depth == 0) detail->home_lines = std::move(residues);
  if (items.empty() && own_bytes <= k_max_own_scan_bytes) detail->own_lines = std::move(own);
  facts.long_text = items.empty() && own_bytes > k_max_own_scan_bytes;
  // The breadcrumb names a column; an article (long text, no items) is never one.
  if (!facts.long_text) detail->breadcrumb = crumb;
  // The link counts serve list pages and candidate blank pages; an article (long text, no
  // items) is neither, and most pages of a site are articles.
  if (!facts.long_text) {
    std::unordered_set<std::string_view> anchor_targets;
    for (const auto& link : page.links) {
      if (link.kind != scanner::LinkKind::anchor || link.url.empty() || link.url == page.url ||
          item_urls.count(link.url) != 0 ||
          scanner::is_pager_text(link.text, rules.pagination_texts))
        continue;
      anchor_targets.insert(link.url);
    }
    facts.other_links = static_cast<std::uint32_t>(anchor_targets.size());
    facts.child_links = child_links;
  }

  // Dates in the page text that no anchor carries: posts of a new-media account page.
  int text_future = 0;
  core::CivilDate newest_text;
  std::size_t text_dates = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!page_lines.digits[i]) continue;
    for (const auto& date : dates_in(lines[i], rules, as_of, &text_future)) {
      ++text_dates;
      newest_text = std::max(newest_text, date);
    }
  }
  facts.text_dates = static_cast<std::uint32_t>(text_dates);
  if (text_dates > 0) facts.text_newest = newest_text;

  bool index_page = std::any_of(
      rules.media_index_names.begin(), rules.media_index_names.end(),
      [&](const std::string& name) { return contains(crumb, name) || contains(titled, name); });
  if (index_page) detail->accounts = find_accounts(page, lines, rules);
  const FreshnessDetail& kept = *detail;
  if (kept.newest || !kept.pagination.empty() || !kept.blank_phrase.empty() ||
      !kept.home_lines.empty() || !kept.own_lines.empty() || !kept.breadcrumb.empty() ||
      !kept.accounts.empty() || page.depth == 0) {
    facts.detail = std::move(detail);
  }
  // Every page keeps its facts, even empty ones: a page with no text of its own at all is the
  // very blank column the conclusion looks for.
  return facts;
}

} // namespace checks
