#include <scanner/dates.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace scanner {

namespace {

using core::CivilDate;
using core::is_valid_date;

// Labels that introduce a publication date, longest first so that "发布日期" wins over its
// suffix "日期".
constexpr std::array<std::string_view, 6> k_labels = {
    "发布时间", "发布日期", "更新时间", "成文日期", "日期", "时间",
};

// How the parts of a date are separated. Full-width forms map to the ASCII kind.
enum class Separator { none, dash, slash, dot, year_mark };

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
}

// The digit at `pos` (ASCII or full-width ０-９, U+FF10..U+FF19 = EF BC 90..99) or -1; `width`
// receives its length in bytes.
int digit_at(std::string_view text, std::size_t pos, std::size_t& width) {
  unsigned char c = byte_at(text, pos);
  if (c >= '0' && c <= '9') {
    width = 1;
    return c - '0';
  }
  if (c == 0xEF && byte_at(text, pos + 1) == 0xBC) {
    unsigned char last = byte_at(text, pos + 2);
    if (last >= 0x90 && last <= 0x99) {
      width = 3;
      return last - 0x90;
    }
  }
  return -1;
}

// True when a digit ends right before `pos`.
bool digit_before(std::string_view text, std::size_t pos) {
  std::size_t width = 0;
  if (pos >= 1 && digit_at(text, pos - 1, width) >= 0) return true;
  return pos >= 3 && digit_at(text, pos - 3, width) >= 0;
}

// A run of digits starting at `begin`: its value (saturated, runs that long are never dates),
// number of digits and end position.
struct Number {
  int value = 0;
  int digits = 0;
  std::size_t end = 0;
};

Number read_number(std::string_view text, std::size_t begin) {
  Number number;
  number.end = begin;
  std::size_t width = 0;
  for (int digit = digit_at(text, begin, width); digit >= 0;
       digit = digit_at(text, number.end, width)) {
    if (number.digits < 8) number.value = number.value * 10 + digit;
    ++number.digits;
    number.end += width;
  }
  return number;
}

Separator separator_at(std::string_view text, std::size_t pos, std::size_t& width) {
  unsigned char c = byte_at(text, pos);
  width = 1;
  if (c == '-') return Separator::dash;
  if (c == '/') return Separator::slash;
  if (c == '.') return Separator::dot;
  if (c == 0xEF && byte_at(text, pos + 1) == 0xBC) {
    width = 3;
    switch (byte_at(text, pos + 2)) {
    case 0x8D:
      return Separator::dash; // －
    case 0x8F:
      return Separator::slash; // ／
    case 0x8E:
      return Separator::dot; // ．
    default:
      return Separator::none;
    }
  }
  if (text.substr(pos, 3) == "年") {
    width = 3;
    return Separator::year_mark;
  }
  return Separator::none;
}

// A date found in the text: where it starts and ends, and its fields.
struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  CivilDate date;
};

// Tries a full date whose year is the 4-digit run `year` starting at `begin`:
// YYYY-M-D, YYYY/M/D, YYYY.M.D (one separator kind throughout) or YYYY年M月D[日]. The day must
// not run on into more digits (2026-11-033 is no date), but what follows a separator does not
// matter: in 2026-11-03-12345 the date part matches, because CMS file names and document
// numbers put an id after the date and the date is still the page's date.
bool match_full_date(std::string_view text, std::size_t begin, const Number& year, Match& match) {
  std::size_t width = 0;
  Separator separator = separator_at(text, year.end, width);
  if (separator == Separator::none) return false;
  Number month = read_number(text, year.end + width);
  if (month.digits < 1 || month.digits > 2) return false;
  std::size_t day_begin = 0;
  if (separator == Separator::year_mark) {
    if (text.substr(month.end, 3) != "月") return false;
    day_begin = month.end + 3;
  } else {
    if (separator_at(text, month.end, width) != separator) return false;
    day_begin = month.end + width;
  }
  Number day = read_number(text, day_begin);
  if (day.digits < 1 || day.digits > 2) return false;
  std::size_t end = day.end;
  if (separator == Separator::year_mark && text.substr(end, 3) == "日") end += 3;
  if (!is_valid_date(year.value, month.value, day.value)) return false;
  match = Match{begin, end, CivilDate{year.value, month.value, day.value}};
  return true;
}

// Tries a month-day date (MM-DD or MM/DD, both fields two digits as list templates print them)
// starting at `begin`, with the year `default_year`. Pagination such as "1/10" does not match,
// and neither does a part of a longer chain of numbers such as 10-20-30 or 10/20/2026.
bool match_short_date(std::string_view text, std::size_t begin, const Number& month,
                      int default_year, Match& match) {
  std::size_t width = 0;
  if (begin > 0) {
    // Look at the character before the run: a separator preceded by a digit means a chain.
    for (std::size_t back : {std::size_t{1}, std::size_t{3}}) {
      if (begin >= back && separator_at(text, begin - back, width) != Separator::none &&
          width == back && digit_before(text, begin - back))
        return false;
    }
  }
  if (month.digits != 2) return false;
  Separator separator = separator_at(text, month.end, width);
  if (separator != Separator::dash && separator != Separator::slash) return false;
  Number day = read_number(text, month.end + width);
  if (day.digits != 2) return false;
  std::size_t after_width = 0;
  Separator after = separator_at(text, day.end, after_width);
  if (after != Separator::none && digit_at(text, day.end + after_width, width) >= 0) return false;
  if (!is_valid_date(default_year, month.value, day.value)) return false;
  match = Match{begin, day.end, CivilDate{default_year, month.value, day.value}};
  return true;
}

// Steps back over spaces (ASCII, U+3000, U+00A0) and line breaks before `pos`.
std::size_t skip_space_back(std::string_view text, std::size_t pos) {
  while (pos > 0) {
    unsigned char c = byte_at(text, pos - 1);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      --pos;
    } else if (pos >= 3 && text.substr(pos - 3, 3) == "\u3000") {
      pos -= 3;
    } else if (pos >= 2 && text.substr(pos - 2, 2) == "\u00a0") {
      pos -= 2;
    } else {
      break;
    }
  }
  return pos;
}

// The label (发布时间 ...) that ends right before `pos`, optionally followed by a colon
// (ASCII or full-width) and spaces, or empty.
std::string_view label_before(std::string_view text, std::size_t pos) {
  pos = skip_space_back(text, pos);
  if (pos >= 1 && text[pos - 1] == ':') {
    pos = skip_space_back(text, pos - 1);
  } else if (pos >= 3 && text.substr(pos - 3, 3) == "：") {
    pos = skip_space_back(text, pos - 3);
  }
  std::string_view before = text.substr(0, pos);
  for (std::string_view label : k_labels) {
    if (before.ends_with(label)) return label;
  }
  return {};
}

} // namespace

void find_dates(std::string_view text, int default_year, std::uint32_t line,
                std::vector<DateMention>& out) {
  std::size_t pos = 0;
  std::size_t width = 0;
  while (pos < text.size()) {
    // Cheap scan: only an ASCII digit or the lead byte of a full-width form can start a date.
    auto c = static_cast<unsigned char>(text[pos]);
    if ((c < '0' || c > '9') && c != 0xEF) {
      ++pos;
      continue;
    }
    if (digit_at(text, pos, width) < 0) {
      ++pos;
      continue;
    }
    // Whole digit runs are consumed at once, so a run here never continues an earlier one:
    // no date is matched inside a longer number.
    Number number = read_number(text, pos);
    Match match;
    bool found = false;
    if (number.digits == 4) {
      found = match_full_date(text, pos, number, match);
    } else if (number.digits == 2 && default_year != 0) {
      found = match_short_date(text, pos, number, default_year, match);
    }
    if (!found) {
      pos = number.end;
      continue;
    }
    DateMention mention;
    mention.year = match.date.year;
    mention.month = match.date.month;
    mention.day = match.date.day;
    mention.line = line;
    mention.source = "text";
    mention.label = std::string(label_before(text, match.begin));
    out.push_back(std::move(mention));
    pos = match.end;
  }
}

} // namespace scanner
