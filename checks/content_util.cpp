#include <checks/content_util.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <cstdio>

namespace checks::content {

bool contains_any(std::string_view text, const std::vector<std::string>& words,
                  std::string* found) {
  for (const auto& word : words) {
    if (scanner::find_text(text, word) != std::string_view::npos) {
      if (found != nullptr) *found = word;
      return true;
    }
  }
  return false;
}

std::string_view line_at(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t begin = offset == 0 ? 0 : text.rfind('\n', offset - 1);
  begin = begin == std::string_view::npos ? 0 : (offset == 0 ? 0 : begin + 1);
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  return text.substr(begin, end - begin);
}

std::string_view lines_from(std::string_view text, std::size_t offset, std::size_t count) {
  if (offset > text.size()) offset = text.size();
  std::size_t begin = offset == 0 ? 0 : text.rfind('\n', offset - 1);
  begin = begin == std::string_view::npos || offset == 0 ? 0 : begin + 1;
  std::size_t end = begin;
  for (std::size_t i = 0; i < count && end < text.size(); ++i) {
    end = text.find('\n', end);
    if (end == std::string_view::npos) {
      end = text.size();
      break;
    }
    if (i + 1 < count) ++end;
  }
  return text.substr(begin, end - begin);
}

std::string_view last_lines(std::string_view text, std::size_t count) {
  if (count == 0) return text;
  std::size_t begin = text.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (begin == 0) return text;
    std::size_t newline = text.rfind('\n', begin - 1);
    if (newline == std::string_view::npos) return text;
    begin = newline;
  }
  return text.substr(begin + 1);
}

std::string_view trim(std::string_view text) {
  static constexpr std::string_view k_ideographic_space = "\u3000";
  for (;;) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
      text.remove_prefix(1);
    } else if (text.starts_with(k_ideographic_space)) {
      text.remove_prefix(k_ideographic_space.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
      text.remove_suffix(1);
    } else if (text.ends_with(k_ideographic_space)) {
      text.remove_suffix(k_ideographic_space.size());
    } else {
      break;
    }
  }
  return text;
}

std::string_view title_head(std::string_view title, const std::vector<std::string>& separators) {
  std::size_t cut = title.size();
  for (const auto& separator : separators) {
    std::size_t at = title.find(separator);
    if (at != std::string_view::npos && at > 0 && at < cut) cut = at;
  }
  return trim(title.substr(0, cut));
}

std::string iso_date(const core::CivilDate& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year % 10000, date.month % 100,
                date.day % 100);
  return text;
}

core::CivilDate labelled_date(const scanner::Page& page, const std::vector<std::string>& labels) {
  for (const auto& mention : page.dates) {
    for (const auto& label : labels) {
      if (mention.label == label) return {mention.year, mention.month, mention.day};
    }
  }
  return {};
}

core::CivilDate newest_date(const scanner::Page& page) {
  core::CivilDate newest;
  for (const auto& mention : page.dates) {
    core::CivilDate date{mention.year, mention.month, mention.day};
    if (date > newest) newest = date;
  }
  return newest;
}

std::string host_and_path(std::string_view url) {
  const std::string_view host = scanner::url_host(url);
  if (host.empty()) return {};
  std::string host_path(host);
  host_path += scanner::url_path_query(url);
  return host_path;
}

bool matches_target(std::string_view host_path, const std::vector<std::string>& targets) {
  if (host_path.empty()) return false;
  const std::string_view host = host_path.substr(0, host_path.find_first_of("/?"));
  for (const auto& target : targets) {
    if (target.find('/') == std::string::npos) {
      if (host == target) return true;
    } else if (host_path.starts_with(target)) {
      return true;
    }
  }
  return false;
}

} // namespace checks::content
