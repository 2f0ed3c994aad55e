#pragma once
// ASCII case and HTML whitespace, for the parts that read markup and charset names (charset
// detection, the pre-pass, the SAX pass). Inline: they run on every byte of a tag.

#include <cstddef>
#include <string_view>

namespace scanner {

// `c` lower-cased when it is an ASCII letter.
inline char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether `a` and `b` are equal ignoring ASCII case.
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

// Position of `needle` (lower-case) in `haystack` at or after `from`, ignoring ASCII case, or
// npos.
inline std::size_t ifind_ascii(std::string_view haystack, std::string_view needle,
                               std::size_t from = 0) {
  if (needle.size() > haystack.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (iequals_ascii(haystack.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

// HTML's ASCII whitespace: space, tab, LF, CR, FF.
inline bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// `text` without leading and trailing HTML whitespace.
inline std::string_view trim_html_space(std::string_view text) {
  while (!text.empty() && is_html_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_html_space(text.back())) text.remove_suffix(1);
  return text;
}

} // namespace scanner
