#pragma once
// Small helpers shared by the scanner's parts.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace scanner {

// The current time in UTC as ISO 8601 with seconds, e.g. "2026-11-26T15:01:32Z".
std::string utc_now_iso();

// `seconds` since the epoch in UTC as ISO 8601, like utc_now_iso().
std::string utc_iso(std::int64_t seconds);

// Whether the media type `content_type` (lower-case, no parameters) is an HTML document.
bool is_html_type(std::string_view content_type);

// The offset of the first `needle` in `text` at or after `from`, or npos: std::string_view::find
// with the same answers. It looks for the needle's last byte: std::string_view::find looks for
// its first, and in Chinese text a needle's first byte (the lead byte E4..E9 of a CJK character)
// starts a third of all bytes, so every one of them became a comparison; a last byte (a
// continuation byte) is some 50 times rarer. About 4 times faster on page text.
std::size_t find_text(std::string_view text, std::string_view needle, std::size_t from = 0);

// The start of the first 16-byte block of `text` at or after `at` that holds an ASCII digit or
// the byte `also` (pass '0' for none), or of the last, shorter block: a scan for digits skips
// the digit-free stretches of page text, most of it, 16 bytes per step.
std::size_t skip_digit_free(std::string_view text, std::size_t at, unsigned char also);

// Length of the longest valid UTF-8 prefix of `text` (shortest forms only, no surrogates, at
// most U+10FFFF): text.size() when all of it is valid.
std::size_t valid_utf8_prefix(std::string_view text);

// Number of code points in the UTF-8 text `text` (bytes that are not continuation bytes).
std::size_t utf8_length(std::string_view text);

// Number of times `byte` occurs in `text` (std::count, 16 bytes per step).
std::size_t count_byte(std::string_view text, char byte);

// Lower-cases ASCII letters of `text`.
std::string ascii_lower(std::string_view text);

// Whether the anchor text `text` (surrounding whitespace ignored) is a list pager's: a page
// number of up to four digits, or one of `words` (下一页, 尾页 ...: the ruleset's
// freshness.list.pagination_texts).
bool is_pager_text(std::string_view text, const std::vector<std::string>& words);

} // namespace scanner
