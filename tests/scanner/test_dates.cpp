#include <scanner/dates.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using core::CivilDate;
using scanner::DateMention;
using scanner::find_dates;

namespace {

std::vector<DateMention> dates_in(const std::string& text, int default_year = 0) {
  std::vector<DateMention> found;
  find_dates(text, default_year, 7, found);
  return found;
}

} // namespace

TEST_CASE("core::parse_iso_date", "[dates]") {
  auto [text, year, month, day] = GENERATE(table<std::string, int, int, int>({
      {"2026-11-03", 2026, 11, 3},
      {"2024-02-29", 2024, 2, 29},
      {"2000-02-29", 2000, 2, 29},
      {"1900-02-29", 0, 0, 0},
      {"2026-02-29", 0, 0, 0},
      {"2026-13-01", 0, 0, 0},
      {"2026-00-10", 0, 0, 0},
      {"2026-04-31", 0, 0, 0},
      {"2026-1-3", 0, 0, 0},
      {"2026/11/03", 0, 0, 0},
      {"2026-11-03x", 0, 0, 0},
      {"20a6-11-03", 0, 0, 0},
      {"", 0, 0, 0},
  }));
  CAPTURE(text);
  CivilDate date = core::parse_iso_date(text);
  CHECK(date == CivilDate{year, month, day});
}

TEST_CASE("scanner calendar arithmetic", "[dates]") {
  CHECK(core::days_in_month(2024, 2) == 29);
  CHECK(core::days_in_month(2100, 2) == 28);
  CHECK(core::days_in_month(2000, 2) == 29);
  CHECK(core::days_in_month(2026, 11) == 30);
  CHECK(core::days_between({2026, 12, 31}, {2027, 1, 1}) == 1);
  CHECK(core::days_between({2027, 1, 1}, {2026, 12, 31}) == -1);
  CHECK(core::add_days({2024, 2, 28}, 1) == core::CivilDate{2024, 2, 29});
  CHECK(core::add_days({2026, 3, 1}, -1) == core::CivilDate{2026, 2, 28});
  CHECK(core::weekday({1970, 1, 1}) == 3); // a Thursday
  CHECK(core::weekday({2026, 11, 26}) == 3);
  CHECK(core::weekday({2026, 11, 30}) == 0); // a Monday
}

TEST_CASE("scanner::find_dates layouts", "[dates]") {
  auto [text, default_year, year, month, day, label] =
      GENERATE(table<std::string, int, int, int, int, std::string>({
          {"2026-11-03", 0, 2026, 11, 3, ""},
          {"于2026/11/03发布", 0, 2026, 11, 3, ""},
          {"2026.11.03", 0, 2026, 11, 3, ""},
          {"2026年11月3日", 0, 2026, 11, 3, ""},
          {"2026年11月03日", 0, 2026, 11, 3, ""},
          {"2026-1-5", 0, 2026, 1, 5, ""},
          {"[11-03]", 2025, 2025, 11, 3, ""},
          {"11-03", 2025, 2025, 11, 3, ""},
          {"11/03", 2025, 2025, 11, 3, ""},
          {"发布时间：2026-11-03", 0, 2026, 11, 3, "发布时间"},
          {"发布日期: 2026-11-03", 0, 2026, 11, 3, "发布日期"},
          {"日期：2026-11-03", 0, 2026, 11, 3, "日期"},
          {"时间:2026-11-03 10:30", 0, 2026, 11, 3, "时间"},
          {"更新时间： 2026-11-03", 0, 2026, 11, 3, "更新时间"},
          {"成文日期：2026年11月3日", 0, 2026, 11, 3, "成文日期"},
          {"发布时间\u3000：\u30002026-11-03", 0, 2026, 11, 3, "发布时间"},
          {"发布时间 2026-11-03", 0, 2026, 11, 3, "发布时间"},
          {"发布日期：\n2026-11-03", 0, 2026, 11, 3, "发布日期"},
          {"来源：区政府 2026-11-03", 0, 2026, 11, 3, ""},
          // Full-width digits and punctuation.
          {"２０２６－１１－０３", 0, 2026, 11, 3, ""},
          {"２０２６／１１／０３", 0, 2026, 11, 3, ""},
          {"２０２６．１１．０３", 0, 2026, 11, 3, ""},
          {"发布时间：２０２６年１１月０３日", 0, 2026, 11, 3, "发布时间"},
          {"［１１－０３］", 2024, 2024, 11, 3, ""},
          // Dates in timestamps and file names.
          {"2026-09-08T10:00:00+08:00", 0, 2026, 9, 8, ""},
          {"t2026-11-03-12345.html", 0, 2026, 11, 3, ""},
          {"2024-02-29", 0, 2024, 2, 29, ""},
      }));
  CAPTURE(text, default_year);
  std::vector<DateMention> found = dates_in(text, default_year);
  REQUIRE(found.size() == 1);
  CHECK(found[0].year == year);
  CHECK(found[0].month == month);
  CHECK(found[0].day == day);
  CHECK(found[0].label == label);
  CHECK(found[0].source == "text");
  CHECK(found[0].line == 7);
}

TEST_CASE("scanner::find_dates rejects", "[dates]") {
  auto [text, default_year] = GENERATE(table<std::string, int>({
      {"2026-02-30", 2026},
      {"2026-13-01", 2026},
      {"2026-00-10", 2026},
      {"2025-02-29", 2026},
      {"2026年13月1日", 2026},
      {"2026-11/03", 2026},  // mixed separators
      {"2026-11-033", 2026}, // the day runs on into more digits
      {"12026-11-03", 2026}, // the year is part of a longer number
      {"12345678901234567890", 2026},
      {"0571-88881234", 2026}, // phone number
      {"1234-11-03", 2026},    // year out of range, and 11-03 is part of the chain
      {"3000-01-01", 2026},
      {"11-03", 0},       // no default year
      {"第1/10页", 2026}, // pagination
      {"10-20-30", 2026}, // a chain of numbers
      {"02-30", 2026},    // impossible month-day
      {"3.14", 2026},
      {"2026-11", 2026},
      {"2026年11月", 2026},
      {"", 2026},
  }));
  CAPTURE(text, default_year);
  CHECK(dates_in(text, default_year).empty());
}

TEST_CASE("scanner::find_dates several", "[dates]") {
  std::vector<DateMention> found = dates_in(
      "发布时间：2026-11-03 更新时间：2026年11月5日 [11-07] 第3/4页 ２０２５．０１．０２", 2026);
  REQUIRE(found.size() == 4);
  CHECK(CivilDate{found[0].year, found[0].month, found[0].day} == CivilDate{2026, 11, 3});
  CHECK(found[0].label == "发布时间");
  CHECK(CivilDate{found[1].year, found[1].month, found[1].day} == CivilDate{2026, 11, 5});
  CHECK(found[1].label == "更新时间");
  CHECK(CivilDate{found[2].year, found[2].month, found[2].day} == CivilDate{2026, 11, 7});
  CHECK(found[2].label.empty());
  CHECK(CivilDate{found[3].year, found[3].month, found[3].day} == CivilDate{2025, 1, 2});
}

TEST_CASE("scanner::find_dates appends", "[dates]") {
  std::vector<DateMention> found(1);
  find_dates("2026-11-03", 0, 3, found);
  REQUIRE(found.size() == 2);
  CHECK(found[1].line == 3);
}

TEST_CASE("scanner::find_dates survives any bytes", "[dates]") {
  // Cut multi-byte forms and stray lead bytes at every position: no crash, no out-of-range read
  // (run under ASan), and nothing found in the truncated full-width forms.
  std::string text = "发布时间：２０２６－１１－０３ 2026年11月3日 \xEF\xBC \xEF 2026-";
  for (std::size_t length = 0; length <= text.size(); ++length) {
    std::vector<DateMention> found;
    find_dates(std::string_view(text).substr(0, length), 2026, 1, found);
    CHECK(found.size() <= 2);
  }
}
