#include <scanner/util.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ctime>

namespace scanner {
namespace {

// Length of the well-formed UTF-8 sequence at `p` (1 to 4), or 0 when the bytes there are not
// one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
std::size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  auto available = static_cast<std::size_t>(end - p);
  auto continuation = [&](std::size_t i) { return (p[i] & 0xC0) == 0x80; };
  if (c < 0xC2) return 0;
  if (c < 0xE0) return available >= 2 && continuation(1) ? 2 : 0;
  if (c < 0xF0) {
    if (available < 3 || !continuation(1) || !continuation(2)) return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (available < 4 || !continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

} // namespace

std::string utc_now_iso() {
  return utc_iso(std::time(nullptr));
}

std::string utc_iso(std::int64_t seconds) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

bool is_html_type(std::string_view content_type) {
  return content_type == "text/html" || content_type == "application/xhtml+xml";
}

std::size_t find_text(std::string_view text, std::string_view needle, std::size_t from) {
  const std::size_t size = needle.size();
  if (from > text.size() || text.size() - from < size) return std::string_view::npos;
  if (size == 0) return from;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* at = begin + from + size - 1; // where the needle's last byte may first be
  while (at < end) {
    const void* hit = std::memchr(at, needle.back(), static_cast<std::size_t>(end - at));
    if (hit == nullptr) break;
    const char* last = static_cast<const char*>(hit);
    const char* start = last - (size - 1);
    if (std::memcmp(start, needle.data(), size - 1) == 0)
      return static_cast<std::size_t>(start - begin);
    at = last + 1;
  }
  return std::string_view::npos;
}

std::size_t skip_digit_free(std::string_view text, std::size_t at, unsigned char also) {
  // GCC and Clang vector types: one SSE2 (or NEON) compare per block, on any target.
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  constexpr std::size_t k_block = sizeof(Bytes16);
  while (at + k_block <= text.size()) {
    Bytes16 block;
    std::memcpy(&block, text.data() + at, k_block);
    const auto hits = ((block - static_cast<unsigned char>('0')) < static_cast<unsigned char>(10)) |
                      (block == also);
    std::uint64_t halves[2];
    std::memcpy(halves, &hits, sizeof halves);
    if ((halves[0] | halves[1]) != 0) break;
    at += k_block;
  }
  return at;
}

namespace {

using SignedBytes16 = signed char __attribute__((vector_size(16)));

// The sum of the 16 lanes of `counts`, each at most 31: per half, the multiplication adds its
// eight bytes into the top one, and 8 x 31 fits in a byte.
std::size_t sum_lanes(SignedBytes16 counts) {
  std::uint64_t halves[2];
  std::memcpy(halves, &counts, sizeof halves);
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  return static_cast<std::size_t>(((halves[0] * k_ones) >> 56) + ((halves[1] * k_ones) >> 56));
}

// The number of bytes of `text` for which `hit` is true; `hit` maps a block of 16 bytes to a
// lane mask (-1 true, 0 false), as GCC's and Clang's vector compares give. 16 bytes per step:
// whole pages are counted (line breaks in the parser's pre-pass, characters in the checks).
template <typename Hit> std::size_t count_bytes(std::string_view text, Hit hit) {
  constexpr std::size_t k_block = sizeof(SignedBytes16);
  std::size_t count = 0;
  std::size_t at = 0;
  while (at + k_block <= text.size()) {
    // A true compare is -1: the lanes count down from 0 over at most 31 blocks.
    SignedBytes16 lanes = {};
    for (int round = 0; round < 31 && at + k_block <= text.size(); ++round, at += k_block) {
      SignedBytes16 block;
      std::memcpy(&block, text.data() + at, k_block);
      lanes += hit(block);
    }
    count += sum_lanes(-lanes);
  }
  if (at == text.size()) return count;
  // The last, shorter block: zero-filled, and its lanes past the text masked off.
  const auto rest = static_cast<signed char>(text.size() - at);
  constexpr SignedBytes16 k_lane = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  SignedBytes16 tail = {};
  std::memcpy(&tail, text.data() + at, text.size() - at);
  return count + sum_lanes(-(hit(tail) & (k_lane < rest)));
}

} // namespace

std::size_t utf8_length(std::string_view text) {
  // Every byte that is not a continuation byte 10xxxxxx (-128..-65 as a signed char).
  return count_bytes(text,
                     [](SignedBytes16 block) { return block > static_cast<signed char>(-65); });
}

std::size_t count_byte(std::string_view text, char byte) {
  return count_bytes(
      text, [byte](SignedBytes16 block) { return block == static_cast<signed char>(byte); });
}

// Length of the longest valid UTF-8 prefix of `text`. Skips ASCII eight bytes at a time, since
// markup is mostly ASCII.
std::size_t valid_utf8_prefix(std::string_view text) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = begin + text.size();
  const unsigned char* p = begin;
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t block = 0;
      std::memcpy(&block, p, sizeof block);
      if ((block & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    // Most non-ASCII text is CJK: three-byte sequences with a lead byte that needs no range
    // check on the second byte (E1..EC, EE, EF).
    unsigned c = *p;
    if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && end - p >= 3 &&
        (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      p += 3;
      continue;
    }
    std::size_t length = utf8_sequence_length(p, end);
    if (length == 0) break;
    p += length;
  }
  return static_cast<std::size_t>(p - begin);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_pager_text(std::string_view text, const std::vector<std::string>& words) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  if (text.empty()) return false;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return text.size() <= 4;
  return std::find(words.begin(), words.end(), text) != words.end();
}

} // namespace scanner
