#pragma once
// Publication dates as Chinese government sites show them.

#include <scanner/page.hpp>

#include <string_view>
#include <vector>

namespace scanner {

// A calendar date; year 0 means "none".
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  // clang-tidy 14 takes the 0 that a defaulted <=> is compared with for a null pointer.
  // NOLINTNEXTLINE(modernize-use-nullptr)
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// Parses "YYYY-MM-DD" (the --as-of format). Returns a date with year 0 when malformed.
CivilDate parse_iso_date(std::string_view text);

// Calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's algorithms).
// The number of days of `month` (1-12) in `year`.
int days_in_month(int year, int month);
// Days from `from` to `to`, negative when `to` is earlier. Both must be real dates.
int days_between(const CivilDate& from, const CivilDate& to);
// The date `days` days after `date` (before it when negative). `date` must be a real date.
CivilDate add_days(const CivilDate& date, long days);
// The day of the week of `date`: 0 = Monday ... 6 = Sunday.
int weekday(const CivilDate& date);

// Finds every date written in the UTF-8 text `text`: 2026-11-03, 2026/11/03, 2026.11.03,
// 2026年11月3日, full-width digits and punctuation, and [11-03] / 11-03 with the year taken from
// `default_year` (0: such dates are ignored). Labels such as 发布时间： / 发布日期： / 日期： /
// 时间： right before a date are recorded in DateMention::label. Impossible dates (month 13,
// 30 February) are skipped. `line` is stored in every mention.
void find_dates(std::string_view text, int default_year, std::uint32_t line,
                std::vector<DateMention>& out);

} // namespace scanner
