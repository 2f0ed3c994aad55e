#pragma once
// Publication dates as Chinese government sites show them.

#include <scanner/page.hpp>

#include <core/civil_date.hpp>
#include <string_view>
#include <vector>

namespace scanner {

// Finds every date written in the UTF-8 text `text`: 2026-11-03, 2026/11/03, 2026.11.03,
// 2026年11月3日, full-width digits and punctuation, and [11-03] / 11-03 with the year taken from
// `default_year` (0: such dates are ignored). Labels such as 发布时间： / 发布日期： / 日期： /
// 时间： right before a date are recorded in DateMention::label. Impossible dates (month 13,
// 30 February) are skipped. `line` is stored in every mention.
void find_dates(std::string_view text, int default_year, std::uint32_t line,
                std::vector<DateMention>& out);

} // namespace scanner
