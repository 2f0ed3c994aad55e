#pragma once
// The check catalogue (../shared/spec/checks.md): every check id the scanner knows, its names in
// both report languages, what to do about a finding of it, and whether it can decide a veto.
// Rulesets, exceptions and assessments naming a check that is not here are rejected.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rules {

// One entry of the catalogue.
struct CatalogueEntry {
  std::string_view id;        // "links.broken"
  std::string_view name_zh;   // "链接不可用"
  std::string_view name_en;   // "Broken links"
  std::string_view advice_zh; // what to do about a finding (整改建议)
  std::string_view advice_en;
  bool veto = false;      // can decide a veto (单项否决)
  bool new_media = false; // about new-media accounts rather than websites
};

// Every check of the catalogue, in the catalogue's order.
std::span<const CatalogueEntry> catalogue();

// The entry of `id`, or nullptr when the catalogue has no such check.
const CatalogueEntry* find_catalogue_entry(std::string_view id);

// Every check id, in the catalogue's order (for "did you mean" hints).
std::vector<std::string_view> catalogue_ids();

} // namespace rules
