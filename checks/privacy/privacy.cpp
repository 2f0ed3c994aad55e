#include <checks/content_util.hpp>
#include <checks/privacy/privacy.hpp>
#include <scanner/util.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace checks {
namespace {

using content::is_digit;

int digits_value(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

bool valid_date(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= core::days_in_month(year, month);
}

bool plausible_birth(int year, int month, int day, const PrivacyRules& rules,
                     const core::CivilDate& as_of) {
  if (!valid_date(year, month, day) || year < rules.min_birth_year) return false;
  return as_of.year == 0 || core::CivilDate{year, month, day} <= as_of;
}

// Whether a masking character touches the run [begin, end) of `text`.
bool touches_mask(std::string_view text, std::size_t begin, std::size_t end,
                  const PrivacyRules& rules) {
  for (const auto& mask_char : rules.mask_chars) {
    if (begin >= mask_char.size() &&
        text.substr(begin - mask_char.size(), mask_char.size()) == mask_char)
      return true;
    if (text.substr(end).starts_with(mask_char)) return true;
  }
  return false;
}

// The offset of the first ASCII digit at or after `at`, or text.size().
std::size_t next_digit(std::string_view text, std::size_t at) {
  at = scanner::skip_digit_free(text, at, '0');
  while (at < text.size() && !is_digit(text[at])) ++at;
  return at;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

} // namespace

PrivacyRules read_privacy_rules(const rules::Section& section) {
  PrivacyRules rules;
  const nlohmann::json& weights = section.raw("id_weights");
  if (!weights.is_null()) {
    bool ok = weights.is_array() && weights.size() == 17;
    for (const auto& weight : weights) ok = ok && weight.is_number_integer();
    if (ok) {
      for (const auto& weight : weights) rules.id_weights.push_back(weight.get<int>());
    } else {
      section.bad_value("id_weights", "must be an array of 17 integers", weights);
    }
  }
  rules.id_check_chars = section.string("id_check_chars");
  if (!rules.id_check_chars.empty() && rules.id_check_chars.size() != 11) {
    section.bad_value("id_check_chars", "must have 11 characters", rules.id_check_chars);
  }
  rules.min_birth_year = static_cast<int>(section.integer("id_min_birth_year", 1800, 2100));
  rules.area_first_digits = section.string("id_area_first_digits");
  rules.legacy_ids = section.boolean("legacy_ids");
  rules.mobile_second_digits = section.string("mobile_second_digits");
  rules.public_hotlines = section.strings_or_empty("public_hotlines");
  rules.mask_chars = section.strings("mask_chars");
  const rules::Section masking = section.child("masking");
  rules.id_keep_start = static_cast<int>(masking.integer("id_keep_start", 0, 6));
  rules.id_keep_end = static_cast<int>(masking.integer("id_keep_end", 0, 6));
  rules.phone_keep_start = static_cast<int>(masking.integer("phone_keep_start", 0, 4));
  rules.phone_keep_end = static_cast<int>(masking.integer("phone_keep_end", 0, 4));
  rules.high_count = static_cast<int>(section.integer("high_count", 1, 100000));
  return rules;
}

std::string mask(std::string_view value, int keep_start, int keep_end) {
  const auto size = static_cast<int>(value.size());
  std::string masked(value);
  for (int i = 0; i < size; ++i) {
    if (i >= keep_start && i < size - keep_end) masked[static_cast<std::size_t>(i)] = '*';
  }
  return masked;
}

bool valid_id_checksum(std::string_view id, const PrivacyRules& rules) {
  if (id.size() != 18) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!is_digit(id[i])) return false;
    sum += (id[i] - '0') * rules.id_weights[i];
  }
  char check = id[17] == 'x' ? 'X' : id[17];
  return rules.id_check_chars[static_cast<std::size_t>(sum % 11)] == check;
}

std::vector<PrivacyMatch> find_personal_numbers(std::string_view text, const PrivacyRules& rules,
                                                const core::CivilDate& as_of) {
  std::vector<PrivacyMatch> matches;
  std::uint32_t line = 1;
  std::size_t counted = 0; // line counts the breaks before this offset
  std::size_t at = 0;
  while (at < text.size()) {
    at = next_digit(text, at);
    if (at == text.size()) break;
    const std::size_t begin = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    std::size_t end = at;
    // An ID number may end in the check character X.
    if (end - begin == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
    at = end;
    // Only a run of an ID number's or a mobile number's length can be one.
    const std::size_t size = end - begin;
    if (size != 11 && size != 15 && size != 18) continue;
    // Runs glued to letters are codes (订单号 AB2024...), and masked values are compliant.
    if ((begin > 0 && is_ascii_letter(text[begin - 1])) ||
        (end < text.size() && is_ascii_letter(text[end])))
      continue;
    if (touches_mask(text, begin, end, rules)) continue;
    const std::string_view run = text.substr(begin, size);
    // Lines are counted only up to the runs that get this far: most text has none.
    line += static_cast<std::uint32_t>(
        std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                   text.begin() + static_cast<std::ptrdiff_t>(begin), '\n'));
    counted = begin;
    const bool area_ok = rules.area_first_digits.find(run[0]) != std::string::npos;
    if (run.size() == 18 && area_ok && valid_id_checksum(run, rules) &&
        plausible_birth(digits_value(run.substr(6, 4)), digits_value(run.substr(10, 2)),
                        digits_value(run.substr(12, 2)), rules, as_of)) {
      std::string upper(run);
      if (upper.back() == 'x') upper.back() = 'X';
      matches.push_back(
          {"id_number", mask(upper, rules.id_keep_start, rules.id_keep_end), false, line});
    } else if (run.size() == 15 && rules.legacy_ids && area_ok &&
               plausible_birth(1900 + digits_value(run.substr(6, 2)),
                               digits_value(run.substr(8, 2)), digits_value(run.substr(10, 2)),
                               rules, as_of)) {
      matches.push_back(
          {"id_number", mask(run, rules.id_keep_start, rules.id_keep_end), true, line});
    } else if (run.size() == 11 && run[0] == '1' &&
               rules.mobile_second_digits.find(run[1]) != std::string::npos) {
      bool hotline = false;
      for (const auto& number : rules.public_hotlines) hotline = hotline || number == run;
      if (!hotline) {
        matches.push_back(
            {"phone", mask(run, rules.phone_keep_start, rules.phone_keep_end), false, line});
      }
    }
  }
  return matches;
}

namespace {

// The file name of an attachment's `url`: its last path segment, without the query.
std::string attachment_name(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  return std::string(url.substr(url.rfind('/') + 1));
}

// One failure per distinct masked value of `kind` among `matches` of `page`.
void report_kind(const scanner::Page& page, const PrivacyRules& rules,
                 const std::vector<PrivacyMatch>& matches, std::string_view kind,
                 std::string_view check, std::string_view label, std::vector<Finding>& findings) {
  struct Seen {
    int count = 0;
    std::uint32_t line = 0;
    bool legacy = false;
  };
  std::map<std::string, Seen> seen;
  int total = 0;
  for (const auto& match : matches) {
    if (match.kind != kind) continue;
    auto& entry = seen[match.masked];
    if (entry.count++ == 0) {
      entry.line = match.line;
      entry.legacy = match.legacy;
    }
    ++total;
  }
  for (const auto& [masked, entry] : seen) {
    nlohmann::json evidence = {
        {"kind", kind},        {"masked", masked},        {"count", entry.count},
        {"page_total", total}, {"text_line", entry.line}, {"high", total >= rules.high_count}};
    if (kind == "id_number") evidence["legacy"] = entry.legacy;
    std::string message = "页面公开了未脱敏的" + std::string(label) + "：" + masked;
    if (page.attachment) {
      // An attachment's text lines are the file's lines: the reviewer opens it at that line.
      evidence["attachment"] = attachment_name(page.url);
      message = "附件公开了未脱敏的" + std::string(label) + "：" + masked + "（第" +
                std::to_string(entry.line) + "行）";
    }
    Finding finding{std::string(check), Severity::failure, page.url, {}, message,
                    std::move(evidence)};
    finding.key = masked;
    findings.push_back(std::move(finding));
  }
}

} // namespace

std::span<const std::string_view> Privacy::ids() const {
  static constexpr std::string_view k_ids[] = {"privacy.id_number", "privacy.phone"};
  return k_ids;
}

void Privacy::inspect(const scanner::Page& page, FactsStore*,
                      std::vector<Finding>& findings) const {
  const auto matches = find_personal_numbers(page.text, m_rules, m_as_of);
  if (matches.empty()) return;
  report_kind(page, m_rules, matches, "id_number", "privacy.id_number", "身份证号", findings);
  report_kind(page, m_rules, matches, "phone", "privacy.phone", "手机号", findings);
}

} // namespace checks
