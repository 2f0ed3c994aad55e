#pragma once
// Calendar dates (the monitoring point, a page's publication date) and their arithmetic, on
// <chrono>'s proleptic Gregorian calendar.

#include <optional>
#include <string>
#include <string_view>

namespace core {

// A calendar date; year 0 means "none".
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  // clang-tidy 14 takes the 0 that a defaulted <=> is compared with for a null pointer.
  // NOLINTNEXTLINE(modernize-use-nullptr)
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// The years a date of a government page (or an --as-of) may have: earlier or later ones are
// misread numbers.
inline constexpr int k_min_year = 1900;
inline constexpr int k_max_year = 2100;

// Whether year, month and day name a real date between k_min_year and k_max_year.
bool is_valid_date(int year, int month, int day);

// Parses "YYYY-MM-DD" (the --as-of format). Returns a date with year 0 when malformed or not
// a real date.
CivilDate parse_iso_date(std::string_view text);

// Why `text` is no date written YYYY-MM-DD (years from 1900, as the config's as_of and the
// exceptions' expiry take them), phrased to follow the setting's name ("must be a valid date
// YYYY-MM-DD"), or nullopt.
std::optional<std::string> iso_date_problem(std::string_view text);

// The number of days of `month` (1-12) in `year`.
int days_in_month(int year, int month);
// Days from `from` to `to`, negative when `to` is earlier. Both must be real dates.
int days_between(const CivilDate& from, const CivilDate& to);
// The date `days` days after `date` (before it when negative). `date` must be a real date.
CivilDate add_days(const CivilDate& date, long days);
// The day of the week of `date`: 0 = Monday ... 6 = Sunday.
int weekday(const CivilDate& date);

} // namespace core
