#pragma once
// The check catalogue (../shared/spec/checks.md): every check id the scanner knows, with its
// default group, its names in both report languages and whether it can decide a veto. Rulesets
// naming a check that is not here are rejected.

#include <span>
#include <string_view>

namespace checks {

// One entry of the catalogue.
struct CatalogueEntry {
  std::string_view id;      // "links.broken"
  std::string_view group;   // default scoring group id, e.g. "availability"
  std::string_view name_zh; // "链接可用性"
  std::string_view name_en; // "Broken links"
  bool veto = false;        // can decide a veto (单项否决)
  bool new_media = false;   // about new-media accounts rather than websites
};

// Every check of the catalogue, in the catalogue's order.
std::span<const CatalogueEntry> catalogue();

// The entry of `id`, or nullptr when the catalogue has no such check.
const CatalogueEntry* find_catalogue_entry(std::string_view id);

} // namespace checks
