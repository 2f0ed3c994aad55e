#include <scanner/traps.hpp>

#include <catch2/catch.hpp>

#include <string>

using scanner::TrapGuard;

TEST_CASE("scanner::TrapGuard::classify", "[scanner][traps]") {
  TrapGuard guard;
  SECTION("ordinary URLs pass") {
    CHECK(guard.classify("http://www.a.gov.cn/").empty());
    CHECK(guard.classify("http://www.a.gov.cn/zwgk/tzgg/202611/t20261103_1.html").empty());
    CHECK(guard.classify("http://www.a.gov.cn/list?page=2").empty());
  }
  SECTION("overlong URL") {
    CHECK(guard.classify("http://www.a.gov.cn/" + std::string(3000, 'x')) == "long_url");
  }
  SECTION("repeated path segments") {
    CHECK(guard.classify("http://www.a.gov.cn/a/a/a/index.html") == "repeated_segment");
    CHECK(guard.classify("http://www.a.gov.cn/x/y/x/y/x/y/") == "repeated_segment");
    CHECK(guard.classify("http://www.a.gov.cn/a/b/a/index.html").empty());
  }
  SECTION("endless query variations on one path") {
    std::string verdict;
    for (int i = 0; i < 600 && verdict.empty(); ++i) {
      verdict = guard.classify("http://www.a.gov.cn/list.do?session=" + std::to_string(i));
    }
    CHECK(verdict == "query_variations");
    CHECK(guard.classify("http://www.a.gov.cn/other.do?session=1").empty());
  }
  SECTION("calendar pages") {
    std::string verdict;
    int accepted = 0;
    for (int i = 0; i < 200 && verdict.empty(); ++i) {
      verdict = guard.classify("http://www.a.gov.cn/calendar/" + std::to_string(2000 + i) +
                               "/index.html");
      if (verdict.empty()) ++accepted;
    }
    CHECK(verdict == "calendar");
    CHECK(accepted == 40);
  }
}
