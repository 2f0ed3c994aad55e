#pragma once
// Personal data exposed on pages (个人隐私): privacy.id_number finds PRC resident ID numbers
// (18-digit with a valid GB 11643 check character and birth date, 15-digit legacy ones) and
// privacy.phone finds 11-digit mobile numbers that are not configured public hotlines. Only
// masked values (33*************018, 139****1111) are ever kept, printed or stored. The rules
// come from the ruleset's "privacy" section.

#include <checks/check.hpp>
#include <scanner/dates.hpp>

#include <rules/reader.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace checks {

// The "privacy" section of the ruleset, validated.
struct PrivacyRules {
  std::vector<int> id_weights; // the 17 GB 11643 weights
  std::string id_check_chars;  // check character for each remainder 0..10
  int min_birth_year = 1900;
  std::string area_first_digits; // first digits of real area codes
  bool legacy_ids = true;
  std::string mobile_second_digits;
  std::vector<std::string> public_hotlines;
  std::vector<std::string> mask_chars;
  int id_keep_start = 2, id_keep_end = 3, phone_keep_start = 3, phone_keep_end = 4;
  int high_count = 10;
};

// Reads the "privacy" section of the ruleset; problems go to the section's collector.
PrivacyRules read_privacy_rules(const rules::Section& section);

// One personal number found in a text; `masked` is all that is kept of it.
struct PrivacyMatch {
  std::string kind;       // "id_number" or "phone"
  std::string masked;     // e.g. "33*************018" or "139****1111"
  bool legacy = false;    // a 15-digit ID number
  std::uint32_t line = 0; // 1-based line of the text
};

// Every unmasked ID number and mobile number in `text`. `as_of` bounds birth dates.
std::vector<PrivacyMatch> find_personal_numbers(std::string_view text, const PrivacyRules& rules,
                                                const core::CivilDate& as_of);

// Whether the 18 characters of `id` carry a valid GB 11643 check character.
bool valid_id_checksum(std::string_view id, const PrivacyRules& rules);

// `value` with all but `keep_start` leading and `keep_end` trailing characters replaced by '*'.
std::string mask(std::string_view value, int keep_start, int keep_end);

// privacy.id_number and privacy.phone: one failure per (page or text attachment, masked number),
// with its count, from one pass over the text. Keeps no page facts.
class Privacy final : public Check {
public:
  Privacy(const PrivacyRules& rules, const AuditContext& context)
      : m_rules(rules), m_as_of(context.as_of) {}
  std::span<const std::string_view> ids() const override;
  bool reads_attachments() const override { return true; }
  bool per_site() const override { return false; }
  void inspect(const scanner::Page& page, FactsStore*,
               std::vector<Finding>& findings) const override;
  std::vector<Finding> conclude(const SiteView&, const FactsStore*) const override { return {}; }

private:
  const PrivacyRules& m_rules;
  core::CivilDate m_as_of;
};

} // namespace checks
