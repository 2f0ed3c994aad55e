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
  // Lengths around the 16-byte blocks and the 127-block rounds of the counter.
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
