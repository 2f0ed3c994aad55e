// Fuzz target: the date extractor (scanner/dates.hpp). The input's first byte chooses the year
// that short dates ([11-03]) take (odd: 2026, even: none), the rest is the text searched, also
// read as an --as-of date.
//
// Contracts checked: every date found is a real date with the given line; calendar arithmetic
// from it to a fixed monitoring point and back lands on the same day; parse_iso_date gives a
// real date or year 0.

#include "fuzz_target.hpp"

#include <scanner/dates.hpp>

#include <string_view>
#include <vector>

namespace {

constexpr std::uint32_t k_line = 7;
constexpr core::CivilDate k_as_of{2026, 11, 30};

bool is_real(const core::CivilDate& date) {
  return date.year != 0 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= core::days_in_month(date.year, date.month);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int default_year = (data[0] & 1) != 0 ? 2026 : 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::vector<scanner::DateMention> mentions;
  scanner::find_dates(text, default_year, k_line, mentions);
  for (const scanner::DateMention& mention : mentions) {
    const core::CivilDate date{mention.year, mention.month, mention.day};
    FUZZ_ASSERT(is_real(date));
    FUZZ_ASSERT(mention.line == k_line);
    FUZZ_ASSERT(core::add_days(date, core::days_between(date, k_as_of)) == k_as_of);
    FUZZ_ASSERT(core::add_days(k_as_of, core::days_between(k_as_of, date)) == date);
    const int weekday = core::weekday(date);
    FUZZ_ASSERT(weekday >= 0 && weekday <= 6);
  }

  const core::CivilDate iso = core::parse_iso_date(text);
  FUZZ_ASSERT(iso.year == 0 || is_real(iso));
  return 0;
}
