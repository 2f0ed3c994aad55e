#include <algorithm>
#include <cmath>
#include <core/jsonc.hpp>
#include <rules/catalogue.hpp>
#include <rules/default_ruleset.hpp>
#include <rules/reader.hpp>
#include <rules/ruleset.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace rules {
namespace {

using nlohmann::json;

constexpr std::string_view k_item_keys[] = {"id", "zh", "en", "points", "confidence", "checks"};
constexpr std::string_view k_group_keys[] = {"id", "zh", "en", "points", "confidence", "items"};
// "probe" belongs to avail.homepage's own settings.
constexpr std::string_view k_check_keys[] = {"veto", "confidence",   "unit", "unit_homepage",
                                             "cap",  "per_document", "probe"};

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// The "checks" list of an item: check ids, each once.
std::vector<std::string> item_checks(const Section& item) {
  std::vector<std::string> ids;
  const json& list = item.raw("checks");
  if (list.is_null()) return ids;
  if (!list.is_array()) {
    item.bad_value("checks", "must be an array of check ids (empty: measured by people only)",
                   list);
    return ids;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string() || list[i].get<std::string>().empty()) {
      item.bad_value("checks[" + std::to_string(i) + "]", "must be a check id", list[i]);
      continue;
    }
    ids.push_back(list[i].get<std::string>());
  }
  return ids;
}

std::vector<ItemRule> parse_items(const Section& group, double group_points) {
  std::vector<ItemRule> items;
  const json& list = group.raw("items");
  if (!list.is_null() && (!list.is_array() || list.empty())) {
    group.bad_value("items",
                    "must be a non-empty array of items {id, zh, en, points, confidence, checks}",
                    list);
    return items;
  }
  double sum = 0;
  for (const Section& entry : group.objects("items")) {
    if (!entry.valid()) continue;
    entry.only_keys(k_item_keys);
    ItemRule item;
    item.id = entry.string("id");
    item.name_zh = entry.string("zh");
    item.name_en = entry.string("en");
    item.points = entry.number("points");
    item.confidence = entry.confidence();
    item.checks = item_checks(entry);
    sum += item.points;
    items.push_back(std::move(item));
  }
  if (!items.empty() && std::abs(sum - group_points) > 1e-9) {
    group.problem("items", "item points add up to " + number_text(sum) + ", not the group's " +
                               number_text(group_points));
  }
  return items;
}

std::vector<GroupRule> parse_groups(const Section& groups, const std::string& kind) {
  std::vector<GroupRule> result;
  const json& list = groups.raw(kind);
  if (list.is_null()) return result;
  if (!list.is_array() || list.empty()) {
    groups.bad_value(kind, "must be a non-empty array of groups", list);
    return result;
  }
  for (const Section& entry : groups.objects(kind)) {
    if (!entry.valid()) continue;
    entry.only_keys(k_group_keys);
    GroupRule group;
    group.id = entry.string("id");
    group.name_zh = entry.string("zh");
    group.name_en = entry.string("en");
    group.points = entry.number("points");
    group.confidence = entry.confidence();
    group.items = parse_items(entry, group.points);
    result.push_back(std::move(group));
  }
  return result;
}

void check_group_total(const std::vector<GroupRule>& groups, double total, const Section& parent,
                       const std::string& kind) {
  double sum = 0;
  std::set<std::string> seen;
  for (const auto& group : groups) {
    sum += group.points;
    if (!group.id.empty() && !seen.insert(group.id).second) {
      parent.problem(kind, "group id \"" + group.id + "\" appears twice");
    }
  }
  if (!groups.empty() && std::abs(sum - total) > 1e-9) {
    parent.problem(kind, "group points add up to " + number_text(sum) + ", not scoring.total " +
                             number_text(total));
  }
}

ScoringRule parse_scoring(const Section& section) {
  ScoringRule rule;
  if (!section.valid()) return rule;
  rule.total = section.number("total", 1e-9);
  rule.pass_mark = section.number("pass_mark");
  rule.bonus_gate = section.number("bonus_gate");
  rule.bonus_cap = section.number("bonus_cap");
  rule.service_group = section.string("service_group");
  for (const char* key : {"pass_mark", "bonus_gate"}) {
    const json& value = section.raw(key);
    if (value.is_number() && value.get<double>() > rule.total) {
      section.bad_value(key, "must not exceed scoring.total", value);
    }
  }
  const json& scaling = section.raw("service_scaling");
  if (scaling.is_array() && scaling.size() == 2 && scaling[0].is_number() &&
      scaling[1].is_number() && scaling[0].get<double>() > 0 && scaling[1].get<double>() > 0) {
    rule.service_scaling = scaling[0].get<double>() / scaling[1].get<double>();
  } else if (!scaling.is_null()) {
    section.bad_value("service_scaling",
                      "must be [numerator, denominator], two numbers > 0 (e.g. [4, 3])", scaling);
  }
  return rule;
}

CheckRule parse_check(const std::string& id, const Section& entry) {
  CheckRule rule;
  rule.id = id;
  if (!entry.valid()) return rule;
  for (const std::string_view old_key : {"group", "group_new_media"}) {
    if (entry.has(old_key)) {
      entry.problem(old_key, "is no longer read: list the check in the \"checks\" of an item of "
                             "groups.site or groups.new_media");
    }
  }
  std::vector<std::string_view> known(std::begin(k_check_keys), std::end(k_check_keys));
  known.insert(known.end(), {"group", "group_new_media"}); // reported above
  entry.only_keys(known);
  if (!entry.has("veto") || !entry.raw("veto").is_boolean()) {
    entry.bad_value("veto", "must be true or false",
                    entry.has("veto") ? entry.raw("veto") : json());
  } else {
    rule.veto = entry.boolean("veto");
  }
  rule.confidence = entry.confidence();
  rule.unit = entry.number("unit");
  rule.unit_homepage = entry.optional_number("unit_homepage");
  rule.cap = entry.optional_number("cap");
  rule.per_document = entry.optional_boolean("per_document").value_or(false);
  return rule;
}

// Ties every item's checks to their rules: each check is scored in at most one item per kind of
// subject, every check an item names has a rule, and a check with a unit is scored somewhere.
void link_items(Ruleset& ruleset, const Section& groups, const Section& checks) {
  std::set<std::string> item_ids;
  const std::vector<std::string_view> known = catalogue_ids();
  for (const bool site : {true, false}) {
    const auto& list = site ? ruleset.site_groups : ruleset.new_media_groups;
    const std::string kind = site ? "site" : "new_media";
    for (std::size_t g = 0; g < list.size(); ++g) {
      for (std::size_t i = 0; i < list[g].items.size(); ++i) {
        const ItemRule& item = list[g].items[i];
        const std::string path =
            kind + "[" + std::to_string(g) + "].items[" + std::to_string(i) + "]";
        if (!item.id.empty() && !item_ids.insert(item.id).second) {
          groups.problem(path + ".id", "item id \"" + item.id + "\" appears twice");
        }
        for (const auto& check : item.checks) {
          auto rule = ruleset.checks.find(check);
          if (rule == ruleset.checks.end()) {
            groups.problem(path + ".checks", find_catalogue_entry(check) == nullptr
                                                 ? "\"" + check + "\": unknown check id" +
                                                       core::did_you_mean(check, known)
                                                 : "\"" + check + "\" has no rule in \"checks\"");
            continue;
          }
          std::string& scored_item = site ? rule->second.item : rule->second.item_new_media;
          if (!scored_item.empty()) {
            std::string text = "\"" + check;
            text += "\" is already scored in item \"";
            text += scored_item;
            text += '"';
            groups.problem(path + ".checks", text);
            continue;
          }
          scored_item = item.id;
          (site ? rule->second.group : rule->second.group_new_media) = list[g].id;
        }
      }
    }
  }
  for (const auto& [id, rule] : ruleset.checks) {
    if (rule.unit > 0 && rule.item.empty() && rule.item_new_media.empty()) {
      checks.problem(id + ".unit",
                     "is above 0 but no item lists the check, so it would never be deducted (set "
                     "0, or list it in an item's \"checks\")");
    }
  }
}

} // namespace

const CheckRule* Ruleset::find_check(const std::string& check_id) const {
  auto it = checks.find(check_id);
  return it == checks.end() ? nullptr : &it->second;
}

const ItemRule* Ruleset::find_item(const std::string& item_id) const {
  for (const auto* list : {&site_groups, &new_media_groups}) {
    for (const auto& group : *list) {
      for (const auto& item : group.items) {
        if (item.id == item_id) return &item;
      }
    }
  }
  return nullptr;
}

const GroupRule* Ruleset::find_group(const std::string& group_id) const {
  for (const auto* list : {&site_groups, &new_media_groups}) {
    for (const auto& group : *list) {
      if (group.id == group_id) return &group;
    }
  }
  return nullptr;
}

Ruleset parse_ruleset(const json& root, core::Problems& problems) {
  Ruleset ruleset;
  const Section top(&root, "", problems);
  if (!top.valid()) return ruleset;
  static const std::set<std::string_view> k_owned{"id",     "version", "title", "title_en",
                                                  "groups", "scoring", "checks"};
  for (const auto& [key, value] : root.items()) {
    const bool check_owned =
        std::find(std::begin(k_check_owned_sections), std::end(k_check_owned_sections), key) !=
        std::end(k_check_owned_sections);
    if (check_owned) {
      if (!value.is_object()) top.bad_value(key, "must be an object", value);
    } else if (k_owned.count(key) == 0) {
      top.problem(key, "unknown key");
    }
  }
  ruleset.id = top.string("id");
  ruleset.version = top.string("version");
  ruleset.title = top.string("title");
  ruleset.title_en = top.string_or("title_en", "");
  const Section scoring = top.child("scoring");
  ruleset.scoring = parse_scoring(scoring);
  const Section groups = top.child("groups");
  if (groups.valid()) {
    ruleset.site_groups = parse_groups(groups, "site");
    ruleset.new_media_groups = parse_groups(groups, "new_media");
    if (!groups.has("site")) groups.problem("site", "is missing (an array of groups)");
    if (!groups.has("new_media")) groups.problem("new_media", "is missing (an array of groups)");
    check_group_total(ruleset.site_groups, ruleset.scoring.total, groups, "site");
    check_group_total(ruleset.new_media_groups, ruleset.scoring.total, groups, "new_media");
    if (!ruleset.scoring.service_group.empty() &&
        std::none_of(ruleset.site_groups.begin(), ruleset.site_groups.end(),
                     [&](const GroupRule& g) { return g.id == ruleset.scoring.service_group; })) {
      scoring.problem("service_group",
                      "names no site group, got \"" + ruleset.scoring.service_group + "\"");
    }
  }
  const Section checks = top.child("checks");
  if (checks.valid()) {
    const std::vector<std::string_view> known = catalogue_ids();
    for (const auto& [id, value] : root.at("checks").items()) {
      if (find_catalogue_entry(id) == nullptr) {
        checks.problem(id, "unknown check id" + core::did_you_mean(id, known));
        continue;
      }
      ruleset.checks.emplace(id, parse_check(id, checks.child(id)));
    }
  }
  link_items(ruleset, groups, checks);
  ruleset.json = root;
  return ruleset;
}

std::optional<Ruleset> load_ruleset_file(const std::string& path, core::Problems& problems) {
  auto text = core::read_text_file(path, "ruleset file");
  if (!text) {
    problems.add(text.error());
    return std::nullopt;
  }
  json root = json::parse(*text, nullptr, false);
  if (root.is_discarded()) {
    problems.add("ruleset: not valid JSON");
    return std::nullopt;
  }
  return parse_ruleset(root, problems);
}

const char* default_ruleset_text() {
  return k_default_ruleset_json;
}

const Ruleset& default_ruleset() {
  static const Ruleset ruleset = [] {
    core::Problems problems;
    Ruleset parsed = parse_ruleset(json::parse(k_default_ruleset_json), problems);
    if (!problems.empty()) {
      throw std::logic_error("the built-in ruleset is invalid: " + problems.text());
    }
    return parsed;
  }();
  return ruleset;
}

} // namespace rules
