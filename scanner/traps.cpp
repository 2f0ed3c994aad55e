#include <scanner/traps.hpp>
#include <scanner/url.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace scanner {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Calendars and archives by date: the words CMS calendars put in their parameters and paths.
bool looks_like_calendar(std::string_view lower_url) {
  constexpr std::array<std::string_view, 8> k_words = {
      "calendar", "date=", "month=", "year=", "day=", "rili", "/date/", "yearmonth"};
  return std::any_of(k_words.begin(), k_words.end(), [&](std::string_view word) {
    return lower_url.find(word) != std::string_view::npos;
  });
}

// `url` with every run of digits replaced by '#': the template a calendar generates from.
std::string digit_template(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  bool in_digits = false;
  for (char c : url) {
    const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (digit && in_digits) continue;
    out.push_back(digit ? '#' : c);
    in_digits = digit;
  }
  return out;
}

} // namespace

std::string_view TrapGuard::classify(std::string_view url) {
  if (url.size() > m_limits.max_url_length) return "long_url";

  std::string_view path_query = url_path_query(url);
  const auto query_start = path_query.find('?');
  std::string_view path = path_query.substr(0, query_start);

  // Count segments and the longest run of one segment repeated (a/a/a or a/b/a/b/a/b).
  std::vector<std::string_view> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (static_cast<int>(segments.size()) > m_limits.max_path_segments) return "repeated_segment";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    int repeats = 1;
    for (std::size_t j = i + 1; j < segments.size(); ++j) {
      if (segments[j] == segments[i]) ++repeats;
    }
    if (repeats >= m_limits.max_segment_repeats) return "repeated_segment";
  }

  if (query_start != std::string_view::npos) {
    std::string key(url.substr(0, url.size() - (path_query.size() - query_start)));
    if (++m_query_variants[key] > m_limits.max_query_variants) return "query_variations";
  }
  const std::string lowered = lower(url);
  if (looks_like_calendar(lowered)) {
    if (++m_calendar_variants[digit_template(lowered)] > m_limits.max_calendar_pages) {
      return "calendar";
    }
  }
  return {};
}

} // namespace scanner
