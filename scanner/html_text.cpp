#include <scanner/ascii.hpp>
#include <scanner/html_text.hpp>
#include <scanner/util.hpp>

#include <string>
#include <string_view>

namespace scanner::html_detail {

std::string collapse(std::string_view text, std::size_t cap) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size() && out.size() < cap;) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t space = 0;
    if (c <= ' ') {
      space = 1;
    } else if (c == 0xC2 && text.substr(i, 2) == "\u00a0") {
      space = 2;
    } else if (c == 0xE3 && text.substr(i, 3) == "\u3000") {
      space = 3;
    }
    if (space > 0) {
      pending_space = !out.empty();
      i += space;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
    ++i;
  }
  if (out.size() > cap) out.resize(utf8_floor(out, cap));
  // A character cut in the middle by the loop's bound is dropped whole.
  out.resize(valid_utf8_prefix(out));
  return out;
}

std::string text_slice(std::string_view text, std::size_t cap) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  std::string out(text.substr(0, utf8_floor(text, cap)));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_date_label(std::string_view segment) {
  segment = trim_html_space(segment);
  if (segment.size() > 48) return false;
  if (segment.ends_with(":")) segment.remove_suffix(1);
  if (segment.ends_with("：")) segment.remove_suffix(3);
  segment = trim_html_space(segment);
  return segment.ends_with("日期") || segment.ends_with("时间");
}

std::string_view refresh_target(std::string_view content) {
  std::size_t i = 0;
  while (i < content.size() && (is_html_space(content[i]) ||
                                (content[i] >= '0' && content[i] <= '9') || content[i] == '.'))
    ++i;
  if (i < content.size() && (content[i] == ';' || content[i] == ',')) ++i;
  while (i < content.size() && is_html_space(content[i])) ++i;
  if (iequals_ascii(content.substr(i, 3), "url")) {
    std::size_t j = i + 3;
    while (j < content.size() && is_html_space(content[j])) ++j;
    if (j < content.size() && content[j] == '=') {
      i = j + 1;
      while (i < content.size() && is_html_space(content[i])) ++i;
    }
  }
  std::string_view rest = content.substr(i);
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    char quote = rest.front();
    rest.remove_prefix(1);
    rest = rest.substr(0, rest.find(quote));
  }
  return trim_html_space(rest);
}

} // namespace scanner::html_detail
