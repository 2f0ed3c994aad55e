#pragma once
// The ruleset: every threshold, window, group, item, point value and confidence tag of an audit,
// read from a versioned JSON file (rulesets/gov-2019.json is the national default, built into
// the binary) through the one reader (rules/reader.hpp). The checks read their own sections
// (checks::load_rules); the scoring reads the typed part here.

#include <nlohmann/json.hpp>

#include <core/problems.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rules {

// A sub-item of a scoring group (the 2019 table's 指标, e.g. 站内搜索): it starts at `points`,
// never loses more than that, and is measured by the checks it lists. An item that no check
// measured and no reviewer scored is not assessed: it is awarded no points.
struct ItemRule {
  std::string id;      // "search", unique in the ruleset
  std::string name_zh; // "站内搜索"
  std::string name_en; // "Site search"
  double points = 0;
  std::string confidence;          // "confirmed", "secondary" or "provisional"
  std::vector<std::string> checks; // the check ids that measure it (may be empty: human only)
};

// A scoring group: it starts at `points` (the sum of its items' points) and never loses more.
struct GroupRule {
  std::string id;      // "function"
  std::string name_zh; // "功能设计"
  std::string name_en; // "Function and design"
  double points = 0;
  std::string confidence; // "confirmed", "secondary" or "provisional"
  std::vector<ItemRule> items;
};

// How one check is scored. Where it is scored follows from the items that list it.
struct CheckRule {
  std::string id;
  std::string group;           // group id for websites ("" when no site item lists it)
  std::string item;            // item id for websites
  std::string group_new_media; // group id when the finding is about a new-media account
  std::string item_new_media;  // item id for new-media accounts
  bool veto = false;           // a confirmed finding of this check makes the subject 不合格
  std::string confidence;      // "confirmed", "secondary" or "provisional"
  double unit = 0;             // points per deduction unit (0: reported, never deducted)
  std::optional<double> unit_homepage; // points per unit for findings on the homepage
  std::optional<double> cap;           // most points this check can take from its item
  // Deduct once per document (finding URL) rather than once per finding: a page that leaks an ID
  // number and a phone costs one unit, whichever checks with this flag found it in the group.
  bool per_document = false;
};

// The scoring method (section 8 of the catalogue).
struct ScoringRule {
  double total = 100;
  double pass_mark = 60;
  double bonus_gate = 80; // bonus only when the deduction score is above this
  double bonus_cap = 30;
  std::string service_group = "services"; // not scored for bodies without services
  double service_scaling = 4.0 / 3.0;     // applied to the other groups then
};

// A loaded, validated ruleset.
struct Ruleset {
  std::string id;      // "gov-2019"
  std::string version; // "2019.1"
  std::string title;
  std::string title_en;
  std::vector<GroupRule> site_groups;
  std::vector<GroupRule> new_media_groups;
  std::map<std::string, CheckRule> checks; // by check id
  ScoringRule scoring;
  nlohmann::json json; // the whole file, for the checks' own sections

  // The rule of `check_id`, or nullptr when the ruleset does not score it.
  const CheckRule* find_check(const std::string& check_id) const;
  // The group `group_id` (site or new-media), or nullptr.
  const GroupRule* find_group(const std::string& group_id) const;
  // The item `item_id` (site or new-media), or nullptr.
  const ItemRule* find_item(const std::string& item_id) const;
};

// The sections that the checks own and read through their own rules (checks::load_rules);
// here they need only be objects.
inline constexpr std::string_view k_check_owned_sections[] = {
    "freshness", "disclosure", "maps", "identity", "privacy", "links", "avail", "ipv6"};

// Builds the ruleset from `root`, adding every problem to `problems`, each "ruleset: <key path>:
// <problem>", e.g. `ruleset: checks.links.broken.unit: must be a number >= 0, got -1` or
// `ruleset: checks.links.brokn: unknown check id (did you mean "links.broken"?)`. The ruleset is
// complete only when no problem was added; the checks' sections are left to checks::load_rules.
Ruleset parse_ruleset(const nlohmann::json& root, core::Problems& problems);

// Reads the ruleset file at `path` and parses it as parse_ruleset does. A file that cannot be
// read or is no JSON is one problem and nullopt. The caller prefixes the problems with the
// file's name.
std::optional<Ruleset> load_ruleset_file(const std::string& path, core::Problems& problems);

// The built-in default ruleset (gov-2019), parsed once. Never fails (the tests validate it).
const Ruleset& default_ruleset();

// The text of the built-in default ruleset file.
const char* default_ruleset_text();

} // namespace rules
