#include <scanner/util.hpp>

#include <catch2/catch.hpp>

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
