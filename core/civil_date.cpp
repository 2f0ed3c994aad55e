#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <core/civil_date.hpp>

namespace core {
namespace {

namespace chrono = std::chrono;

chrono::sys_days days_of(const CivilDate& date) {
  return chrono::year_month_day{chrono::year{date.year},
                                chrono::month{static_cast<unsigned>(date.month)},
                                chrono::day{static_cast<unsigned>(date.day)}};
}

} // namespace

bool is_valid_date(int year, int month, int day) {
  if (year < k_min_year || year > k_max_year || month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

CivilDate parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return {};
  auto field = [&](std::size_t begin, std::size_t count) {
    int value = 0;
    for (std::size_t i = begin; i < begin + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  CivilDate date{field(0, 4), field(5, 2), field(8, 2)};
  if (!is_valid_date(date.year, date.month, date.day)) return {};
  return date;
}

int days_in_month(int year, int month) {
  const chrono::year_month_day_last last{
      chrono::year{year}, chrono::month_day_last{chrono::month{static_cast<unsigned>(month)}}};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

int days_between(const CivilDate& from, const CivilDate& to) {
  return static_cast<int>((days_of(to) - days_of(from)).count());
}

CivilDate add_days(const CivilDate& date, long days) {
  const chrono::year_month_day result{days_of(date) + chrono::days{days}};
  return {static_cast<int>(result.year()), static_cast<int>(static_cast<unsigned>(result.month())),
          static_cast<int>(static_cast<unsigned>(result.day()))};
}

int weekday(const CivilDate& date) {
  // iso_encoding(): Monday 1 ... Sunday 7.
  return static_cast<int>(chrono::weekday{days_of(date)}.iso_encoding()) - 1;
}

std::optional<std::string> iso_date_problem(std::string_view text) {
  const std::string rule = "must be a date written YYYY-MM-DD";
  auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text.substr(0, 4)) ||
      !digits(text.substr(5, 2)) || !digits(text.substr(8, 2))) {
    return rule;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  std::from_chars(text.data(), text.data() + 4, year);
  std::from_chars(text.data() + 5, text.data() + 7, month);
  std::from_chars(text.data() + 8, text.data() + 10, day);
  constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1900 || month < 1 || month > 12) return "must be a valid date YYYY-MM-DD";
  int days = k_days[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) return "must be a valid date YYYY-MM-DD";
  return std::nullopt;
}

} // namespace core
