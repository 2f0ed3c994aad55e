#pragma once
// Text helpers of the SAX pass (html_sax.cpp): whitespace collapsing and cutting of anchor texts,
// image contexts and titles, the date-label test, the target of a meta refresh. Pure functions
// of their arguments; every result is valid UTF-8 when the input is.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace scanner::html_detail {

constexpr std::size_t k_max_text = 200; // anchor text and image context, in bytes

// The largest length <= `length` that does not split a UTF-8 sequence of `text`.
inline std::size_t utf8_floor(std::string_view text, std::size_t length) {
  if (length >= text.size()) return text.size();
  while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  return length;
}

// `text` with runs of whitespace (ASCII, U+00A0, U+3000) turned into one space, trimmed, and
// cut to at most `cap` bytes at a character boundary.
std::string collapse(std::string_view text, std::size_t cap);

// A piece of the page text (already collapsed, lines separated by '\n') as one line: line
// breaks become spaces, the ends are trimmed, and it is cut to `cap` bytes at a character
// boundary. Cheaper than collapse(), which anchors would otherwise pay for on every link.
std::string text_slice(std::string_view text, std::size_t cap);

// True when the line `segment` is nothing but a date label ("发布日期：", "成文日期"), so that
// the date is in the next block (a table cell next to it).
bool is_date_label(std::string_view segment);

// Parses "5; url=/next" (quotes and spaces optional, "url=" optional) and returns the URL.
std::string_view refresh_target(std::string_view content);

// The first byte from `p` that may start whitespace: a byte up to ' ', or the lead byte of
// U+00A0 or of U+3000. Sixteen bytes per step: Chinese text has few (its punctuation, U+3001
// and U+3002, shares U+3000's lead byte).
inline const char* next_space_candidate(const char* p, const char* end) {
  // GCC and Clang vector types: one SSE2 (or NEON) compare per block, on any target.
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  while (end - p >= static_cast<std::ptrdiff_t>(sizeof(Bytes16))) {
    Bytes16 block;
    std::memcpy(&block, p, sizeof block);
    const auto hits = (block <= static_cast<unsigned char>(' ')) |
                      (block == static_cast<unsigned char>(0xC2)) |
                      (block == static_cast<unsigned char>(0xE3));
    std::uint64_t halves[2];
    std::memcpy(halves, &hits, sizeof halves);
    if ((halves[0] | halves[1]) != 0) break;
    p += sizeof(Bytes16);
  }
  return p;
}

} // namespace scanner::html_detail
