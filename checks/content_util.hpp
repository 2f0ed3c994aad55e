#pragma once
// Helpers shared by the content checks (maps, disclosure, identity, privacy): finding words,
// lines and dates in a page's text, and matching link targets.

#include <scanner/dates.hpp>
#include <scanner/page.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace checks::content {

// Whether `text` contains any of `words`; the first one found in `found` when given.
bool contains_any(std::string_view text, const std::vector<std::string>& words,
                  std::string* found = nullptr);

// The line of `text` (lines end with '\n') that holds byte `offset`, without the newline.
std::string_view line_at(std::string_view text, std::size_t offset);

// Up to `count` lines of `text` starting at the line that holds `offset`.
std::string_view lines_from(std::string_view text, std::size_t offset, std::size_t count);

// The last `count` lines of `text` (all of it when `count` is 0).
std::string_view last_lines(std::string_view text, std::size_t count);

// `title` cut at the first of `separators` ("区政府文件_青石区人民政府" -> "区政府文件"), trimmed.
std::string_view title_head(std::string_view title, const std::vector<std::string>& separators);

// `text` without leading and trailing ASCII spaces and U+3000.
std::string_view trim(std::string_view text);

// "YYYY-MM-DD" of `date`.
std::string iso_date(const core::CivilDate& date);

// The date labelled with one of `labels` on `page` (the first such mention), or year 0.
core::CivilDate labelled_date(const scanner::Page& page, const std::vector<std::string>& labels);

// The newest date mentioned on `page`, or year 0.
core::CivilDate newest_date(const scanner::Page& page);

// The host, path and query of `url` without scheme and port ("beian.miit.gov.cn/state?id=1"),
// or empty when it has none: worked out once per link, then matched against several lists.
std::string host_and_path(std::string_view url);

// Whether `host_path` (from host_and_path) is on one of `targets`, each a host
// ("beian.miit.gov.cn": that host exactly) or a host and path prefix ("localhost/ext/beian/").
bool matches_target(std::string_view host_path, const std::vector<std::string>& targets);

// Whether byte `c` is an ASCII digit.
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

} // namespace checks::content
