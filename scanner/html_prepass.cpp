#include <scanner/ascii.hpp>
#include <scanner/html_attributes.hpp>
#include <scanner/html_prepass.hpp>
#include <scanner/util.hpp>

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace scanner::html_detail {

namespace {

bool starts_with_ascii_icase(std::string_view text, std::size_t at, std::string_view lower) {
  return text.size() - at >= lower.size() && iequals_ascii(text.substr(at, lower.size()), lower);
}

// libxml2's IS_BLANK_CH, and the characters of its HTML names (htmlParseHTMLName).
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c == '.';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

// Position of the '>' that ends the tag whose name ends at `from`, or npos. A quote opens a
// value only after '=', as in libxml2's attribute parser.
std::size_t tag_end(std::string_view html, std::size_t from) {
  std::size_t i = from;
  while (i < html.size()) {
    char c = html[i];
    if (c == '>') return i;
    if (c == '=') {
      ++i;
      while (i < html.size() && is_html_space(html[i])) ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        std::size_t close = html.find(html[i], i + 1);
        if (close == std::string_view::npos) return close;
        i = close + 1;
      }
      continue;
    }
    ++i;
  }
  return std::string_view::npos;
}

// Position of "</name" (any case) from `from`, or npos.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    if (starts_with_ascii_icase(html, at + 2, name)) return at;
  }
  return std::string_view::npos;
}

// Reads the attributes of the start tag `tag`, from `from` (the end of its name) to its '>',
// as a plain list: blank-separated attributes, each a name, optionally '=' and a quoted value
// or an unquoted one without quotes, '<', '=', '`' or NUL, then blanks and an optional final
// '/'. Such a list libxml2 cannot read in two ways. Appends it to `out` without the attributes
// the parser does not read (reads()), each replaced by its line breaks, and returns the
// position of the '>'; returns npos, with `out` as it was, for anything else, which is left for
// libxml2 to read as it does.
std::size_t append_pruned_attributes(std::string_view html, std::size_t from, std::string_view tag,
                                     std::string& out) {
  constexpr auto npos = std::string_view::npos;
  // Longer than any name the parser reads; and libxml2 cuts names at 100 bytes.
  constexpr std::size_t k_max_name = 32;
  const std::size_t mark = out.size();
  auto fail = [&] {
    out.resize(mark);
    return npos;
  };
  char lower[k_max_name];
  std::size_t i = from;
  while (true) {
    const std::size_t start = i; // the blanks before an attribute go with it
    while (i < html.size() && is_blank(html[i])) ++i;
    if (i == html.size()) return fail();
    if (html[i] == '>' || (html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>')) {
      const std::size_t gt = html[i] == '>' ? i : i + 1;
      out.append(html, start, gt - start);
      return gt;
    }
    if (i == start || !is_name_start(html[i])) return fail();
    const std::size_t name_begin = i;
    while (i < html.size() && is_name_char(html[i])) ++i;
    const std::size_t name_size = i - name_begin;
    if (name_size > k_max_name) return fail();
    for (std::size_t k = 0; k < name_size; ++k) lower[k] = lower_ascii(html[name_begin + k]);
    std::size_t j = i;
    while (j < html.size() && is_blank(html[j])) ++j;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && is_blank(html[j])) ++j;
      if (j == html.size()) return fail();
      if (html[j] == '"' || html[j] == '\'') {
        const std::size_t close = html.find(html[j], j + 1);
        if (close == npos || std::memchr(html.data() + j, '\0', close - j) != nullptr)
          return fail(); // libxml2 stops at a NUL
        i = close + 1;
      } else {
        const std::size_t value = j;
        for (; j < html.size() && !is_blank(html[j]) && html[j] != '>'; ++j) {
          const char c = html[j];
          if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`' || c == '\0') return fail();
        }
        if (j == value) return fail();
        i = j;
      }
    }
    const std::string_view attribute = html.substr(start, i - start);
    if (reads(tag, std::string_view(lower, name_size))) {
      out.append(attribute);
    } else {
      out.append(count_byte(attribute, '\n'), '\n');
    }
  }
}

} // namespace

bool prepare_for_parser(std::string_view html, std::string& out) {
  constexpr auto npos = std::string_view::npos;
  std::size_t copied = 0; // html[0, copied) is settled: in `out`, or nothing was cut yet
  bool cut = false;
  auto settle = [&](std::size_t upto) {
    if (!cut) {
      out.clear();
      out.reserve(html.size());
      cut = true;
    }
    out.append(html, copied, upto - copied);
    copied = upto;
  };
  std::size_t i = 0;
  while (true) {
    std::size_t lt = html.find('<', i);
    if (lt == npos || lt + 1 >= html.size()) break;
    char next = html[lt + 1];
    if (next == '!') {
      if (!html.substr(lt).starts_with("<!--")) {
        i = lt + 2;
        continue;
      }
      std::size_t end = html.find("-->", lt + 4);
      if (end == npos) break;
      i = end + 3;
      continue;
    }
    bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (!letter) {
      i = lt + 1;
      continue;
    }
    std::size_t name_end = lt + 1;
    while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
    const std::string_view tag = html.substr(lt + 1, name_end - lt - 1);
    std::size_t gt = npos;
    if (name_end < html.size() && html[name_end] == '>') {
      gt = name_end;
    } else {
      settle(name_end);
      gt = append_pruned_attributes(html, name_end, tag, out);
      if (gt != npos) {
        copied = gt;
      } else {
        gt = tag_end(html, name_end);
        if (gt == npos) break;
      }
    }
    i = gt + 1;
    const std::string_view body = iequals_ascii(tag, "script")  ? "script"
                                  : iequals_ascii(tag, "style") ? "style"
                                                                : "";
    if (body.empty() || html[gt - 1] == '/') continue;
    std::size_t close = raw_text_end(html, i, body);
    std::size_t body_end = close == npos ? html.size() : close;
    settle(i);
    out.append(count_byte(html.substr(i, body_end - i), '\n'), '\n');
    copied = body_end;
    if (close == npos) break;
    i = close + 2 + body.size();
  }
  if (cut) out.append(html, copied);
  return cut;
}

} // namespace scanner::html_detail
