#include <scanner/util.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

TEST_CASE("scanner::is_pager_text", "[scanner]") {
  const std::vector<std::string> words = {"下一页", "尾页", ">>"};
  auto [text, pager] = GENERATE(table<std::string, bool>({
      {"下一页", true},
      {" 尾页 ", true}, // surrounding whitespace is no part of the text
      {">>", true},
      {"2", true},
      {"1234", true},
      {"12345", false}, // a number that long is a year or an id, not a page
      {"", false},
      {"下一页内容", false},
      {"通知公告", false},
      {"第2页", false},
  }));
  CAPTURE(text);
  CHECK(scanner::is_pager_text(text, words) == pager);
}

TEST_CASE("scanner::find_text answers as std::string_view::find", "[scanner]") {
  const std::string text = "网站标识码：3301990001 页面不存在 404 Not Found 页面不存在。";
  auto [needle, from] = GENERATE(table<std::string, std::size_t>({
      {"页面不存在", 0},
      {"页面不存在", 20},  // the second one
      {"页面不存在", 200}, // past the end
      {"Not Found", 0},
      {"网站标识码", 0}, // at the very start
      {"存在。", 0},     // at the very end
      {"。", 0},         // one character
      {"d", 0},          // one byte
      {"", 0},           // empty: found where the search starts
      {"", 9},
      {"页面已被删除", 0},        // absent
      {"码：3301990002", 0},      // last byte present, the rest different
      {std::string(200, 'd'), 0}, // longer than the text
  }));
  CAPTURE(needle, from);
  CHECK(scanner::find_text(text, needle, from) == std::string_view(text).find(needle, from));
}

TEST_CASE("scanner::utf8_length counts code points", "[scanner]") {
  // Lengths around the 16-byte blocks and across several rounds of the lane counters.
  const std::string unit = "政务a公开𝐀b";
  const std::size_t unit_chars = 7;
  auto repeats = GENERATE(std::size_t{0}, 1, 2, 3, 5, 16, 127, 128, 300, 1000);
  std::string text;
  for (std::size_t i = 0; i < repeats; ++i) text += unit;
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{15}}) {
    const std::string tail = "x" + std::string(cut, 'y');
    CAPTURE(repeats, cut);
    CHECK(scanner::utf8_length(text + tail) == repeats * unit_chars + 1 + cut);
  }
  CHECK(scanner::utf8_length("\xE2\x80") == 1); // a cut-off character: its lead byte counts
}

TEST_CASE("scanner::count_byte answers as std::count", "[scanner]") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += (i % 7 == 0) ? "\n" : (i % 5 == 0 ? "\xE5\x8A\xA1" : "a");
  // Lengths around a block (16 bytes) and a round of the lane counters (31 blocks).
  for (std::size_t length :
       {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17},
        std::size_t{495}, std::size_t{496}, std::size_t{497}, std::size_t{2033}, text.size()}) {
    const std::string_view part = std::string_view(text).substr(0, length);
    for (char byte : {'\n', 'a', '\xE5', '\0'}) {
      CAPTURE(length, static_cast<int>(byte));
      CHECK(scanner::count_byte(part, byte) ==
            static_cast<std::size_t>(std::count(part.begin(), part.end(), byte)));
    }
  }
  // Every byte a hit: the lane counters at their fullest.
  CHECK(scanner::count_byte(std::string(5000, 'x'), 'x') == 5000);
}

namespace {

// The longest valid UTF-8 prefix, one sequence at a time, straight from RFC 3629's table.
std::size_t reference_valid_prefix(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = [&](std::size_t k) {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0x100u;
    };
    const auto in = [](unsigned value, unsigned low, unsigned high) {
      return value >= low && value <= high;
    };
    const unsigned c = byte(0);
    std::size_t length = 0;
    if (c <= 0x7F) {
      length = 1;
    } else if (in(c, 0xC2, 0xDF) && in(byte(1), 0x80, 0xBF)) {
      length = 2;
    } else if ((c == 0xE0 && in(byte(1), 0xA0, 0xBF)) ||
               ((in(c, 0xE1, 0xEC) || in(c, 0xEE, 0xEF)) && in(byte(1), 0x80, 0xBF)) ||
               (c == 0xED && in(byte(1), 0x80, 0x9F))) {
      length = in(byte(2), 0x80, 0xBF) ? 3 : 0;
    } else if ((c == 0xF0 && in(byte(1), 0x90, 0xBF)) ||
               (in(c, 0xF1, 0xF3) && in(byte(1), 0x80, 0xBF)) ||
               (c == 0xF4 && in(byte(1), 0x80, 0x8F))) {
      length = in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    }
    if (length == 0) break;
    i += length;
  }
  return i;
}

} // namespace

TEST_CASE("scanner::valid_utf8_prefix answers as a byte-wise validator", "[scanner]") {
  // Pieces that meet at every offset of a 16-byte block: runs of ASCII, CJK, two- and four-byte
  // characters, and each kind of invalid sequence.
  const std::vector<std::string> pieces = {"a",
                                           "<div class=\"x\">",
                                           "政务公开",
                                           "é",
                                           "𝐀",
                                           "\xC0\xAF",
                                           "\xC3",
                                           "\xE6\x94",
                                           "\xED\xA0\x80",
                                           "\xE0\x80\xAF",
                                           "\xF4\x90\x80\x80",
                                           "\xF0\x8F\xBF\xBF",
                                           "\xFF",
                                           "\x80",
                                           "\xEF\xBF\xBD"};
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t count = next() % 24;
    for (std::size_t i = 0; i < count; ++i) {
      // Valid pieces (the first five) nine times in ten, so that invalid ones land anywhere.
      const std::size_t pick = next() % 10 != 0 ? next() % 5 : next() % pieces.size();
      text += pieces[pick];
    }
    CAPTURE(text);
    CHECK(scanner::valid_utf8_prefix(text) == reference_valid_prefix(text));
  }
}
