#pragma once
// Helpers shared by the content checks (maps, disclosure, identity, privacy): reading and
// validating their ruleset sections, and finding words in a page's text.

#include <scanner/dates.hpp>
#include <scanner/page.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace checks::content {

// A view of one ruleset section that validates as it reads. Every getter throws
// std::invalid_argument("ruleset: <path>: <problem>") when the value is missing or of the wrong
// type, so a check validates its section by reading it once in its constructor.
class Section {
public:
  // The object at key `key` of `ruleset` (a null pointer counts as an empty ruleset).
  Section(const nlohmann::json* ruleset, std::string key);
  // The object member `key`, as a section of its own.
  Section child(std::string_view key) const;
  // A non-empty string member.
  std::string string(std::string_view key) const;
  // A non-empty array of non-empty strings.
  std::vector<std::string> strings(std::string_view key) const;
  // An array of strings, possibly empty.
  std::vector<std::string> strings_or_empty(std::string_view key) const;
  // An integer member between `low` and `high`.
  long long integer(std::string_view key, long long low, long long high) const;
  bool boolean(std::string_view key) const;
  // The raw member (must exist).
  const nlohmann::json& raw(std::string_view key) const;
  // "ruleset: <path>.<key>: <problem>" as std::invalid_argument.
  [[noreturn]] void fail(std::string_view key, std::string_view problem) const;
  const std::string& path() const { return m_path; }

private:
  const nlohmann::json& member(std::string_view key) const;
  const nlohmann::json* m_node;
  std::string m_path;
};

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
std::string iso_date(const scanner::CivilDate& date);

// The date labelled with one of `labels` on `page` (the first such mention), or year 0.
scanner::CivilDate labelled_date(const scanner::Page& page, const std::vector<std::string>& labels);

// The newest date mentioned on `page`, or year 0.
scanner::CivilDate newest_date(const scanner::Page& page);

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
