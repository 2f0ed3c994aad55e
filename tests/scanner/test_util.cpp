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
