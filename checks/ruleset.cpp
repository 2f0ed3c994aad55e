#include <checks/catalogue.hpp>
#include <checks/default_ruleset.hpp>
#include <checks/ruleset.hpp>
#include <scanner/config.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace checks {
namespace {

using nlohmann::json;

std::string quote_json(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 60) + "..." : text;
}

// Collects the problems of one ruleset, each naming its key path.
class Validator {
public:
  void add(const std::string& path, const std::string& problem) {
    m_problems.push_back("ruleset: " + path + ": " + problem);
  }
  void bad_value(const std::string& path, const std::string& rule, const json& value) {
    add(path, rule + ", got " + quote_json(value));
  }
  bool ok() const { return m_problems.empty(); }
  std::string text() const {
    std::string out;
    for (const auto& line : m_problems) out += (out.empty() ? "" : "\n") + line;
    return out;
  }

  // The member `key` of `object` as a number >= 0 (or > 0 when `positive`); nullopt (and a
  // problem, when `required`) otherwise.
  std::optional<double> number(const json& object, const std::string& key, const std::string& path,
                               bool required, bool positive = false) {
    if (!object.contains(key)) {
      if (required) add(path + "." + key, "is missing (a number)");
      return std::nullopt;
    }
    const json& value = object.at(key);
    const double parsed = value.is_number() ? value.get<double>() : -1;
    if (!value.is_number() || !std::isfinite(parsed) || parsed < 0 || (positive && parsed == 0)) {
      bad_value(path + "." + key, positive ? "must be a number > 0" : "must be a number >= 0",
                value);
      return std::nullopt;
    }
    return parsed;
  }

  std::string text_member(const json& object, const std::string& key, const std::string& path,
                          bool required) {
    if (!object.contains(key)) {
      if (required) add(path + "." + key, "is missing (a non-empty string)");
      return {};
    }
    const json& value = object.at(key);
    if (!value.is_string() || value.get<std::string>().empty()) {
      bad_value(path + "." + key, "must be a non-empty string", value);
      return {};
    }
    return value.get<std::string>();
  }

  std::string confidence(const json& object, const std::string& path) {
    std::string tag = text_member(object, "confidence", path, true);
    if (!tag.empty() && tag != "confirmed" && tag != "secondary" && tag != "provisional") {
      bad_value(path + ".confidence", "must be \"confirmed\", \"secondary\" or \"provisional\"",
                tag);
    }
    return tag;
  }

private:
  std::vector<std::string> m_problems;
};

// The "checks" list of an item: check ids, each once.
std::vector<std::string> parse_item_checks(const json& list, const std::string& path,
                                           Validator& v) {
  std::vector<std::string> ids;
  if (!list.is_array()) {
    v.bad_value(path, "must be an array of check ids (empty: measured by people only)", list);
    return ids;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string() || list[i].get<std::string>().empty()) {
      v.bad_value(path + "[" + std::to_string(i) + "]", "must be a check id", list[i]);
      continue;
    }
    ids.push_back(list[i].get<std::string>());
  }
  return ids;
}

std::vector<ItemRule> parse_items(const json& list, const std::string& path, double group_points,
                                  Validator& v) {
  std::vector<ItemRule> items;
  if (!list.is_array() || list.empty()) {
    v.bad_value(path, "must be a non-empty array of items {id, zh, en, points, confidence, checks}",
                list);
    return items;
  }
  double sum = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string entry = path + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      v.bad_value(entry, "must be an object {id, zh, en, points, confidence, checks}", list[i]);
      continue;
    }
    for (const auto& [key, value] : list[i].items()) {
      if (key != "id" && key != "zh" && key != "en" && key != "points" && key != "confidence" &&
          key != "checks") {
        v.add(entry + "." + key,
              "unknown key (an item has id, zh, en, points, confidence, checks)");
      }
    }
    ItemRule item;
    item.id = v.text_member(list[i], "id", entry, true);
    item.name_zh = v.text_member(list[i], "zh", entry, true);
    item.name_en = v.text_member(list[i], "en", entry, true);
    item.points = v.number(list[i], "points", entry, true).value_or(0);
    item.confidence = v.confidence(list[i], entry);
    item.checks = parse_item_checks(list[i].value("checks", json()), entry + ".checks", v);
    sum += item.points;
    items.push_back(std::move(item));
  }
  if (std::abs(sum - group_points) > 1e-9) {
    std::ostringstream message;
    message << "item points add up to " << sum << ", not the group's " << group_points;
    v.add(path, message.str());
  }
  return items;
}

std::vector<GroupRule> parse_groups(const json& list, const std::string& path, Validator& v) {
  std::vector<GroupRule> groups;
  if (!list.is_array() || list.empty()) {
    v.bad_value(path, "must be a non-empty array of groups", list);
    return groups;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item = path + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      v.bad_value(item, "must be an object {id, zh, en, points, confidence, items}", list[i]);
      continue;
    }
    GroupRule group;
    group.id = v.text_member(list[i], "id", item, true);
    group.name_zh = v.text_member(list[i], "zh", item, true);
    group.name_en = v.text_member(list[i], "en", item, true);
    group.points = v.number(list[i], "points", item, true).value_or(0);
    group.confidence = v.confidence(list[i], item);
    group.items = parse_items(list[i].value("items", json()), item + ".items", group.points, v);
    groups.push_back(std::move(group));
  }
  return groups;
}

void check_group_total(const std::vector<GroupRule>& groups, double total, const std::string& path,
                       Validator& v) {
  double sum = 0;
  std::set<std::string> seen;
  for (const auto& group : groups) {
    sum += group.points;
    if (!group.id.empty() && !seen.insert(group.id).second) {
      v.add(path, "group id \"" + group.id + "\" appears twice");
    }
  }
  if (!groups.empty() && std::abs(sum - total) > 1e-9) {
    std::ostringstream message;
    message << "group points add up to " << sum << ", not scoring.total " << total;
    v.add(path, message.str());
  }
}

ScoringRule parse_scoring(const json& object, Validator& v) {
  ScoringRule rule;
  if (!object.is_object()) {
    v.bad_value("scoring", "must be an object", object);
    return rule;
  }
  rule.total = v.number(object, "total", "scoring", true, true).value_or(rule.total);
  rule.pass_mark = v.number(object, "pass_mark", "scoring", true).value_or(rule.pass_mark);
  rule.bonus_gate = v.number(object, "bonus_gate", "scoring", true).value_or(rule.bonus_gate);
  rule.bonus_cap = v.number(object, "bonus_cap", "scoring", true).value_or(rule.bonus_cap);
  rule.service_group = v.text_member(object, "service_group", "scoring", true);
  for (const char* key : {"pass_mark", "bonus_gate"}) {
    if (object.contains(key) && object[key].is_number() && object[key].get<double>() > rule.total) {
      v.bad_value(std::string("scoring.") + key, "must not exceed scoring.total", object[key]);
    }
  }
  const json scaling = object.value("service_scaling", json());
  if (scaling.is_array() && scaling.size() == 2 && scaling[0].is_number() &&
      scaling[1].is_number() && scaling[0].get<double>() > 0 && scaling[1].get<double>() > 0) {
    rule.service_scaling = scaling[0].get<double>() / scaling[1].get<double>();
  } else {
    v.bad_value("scoring.service_scaling",
                "must be [numerator, denominator], two numbers > 0 (e.g. [4, 3])", scaling);
  }
  return rule;
}

// The keys a check's rule may have; "probe" belongs to avail.homepage's own settings.
constexpr std::string_view k_check_keys[] = {"veto", "confidence",   "unit", "unit_homepage",
                                             "cap",  "per_document", "probe"};

CheckRule parse_check(const std::string& id, const json& object, Validator& v) {
  const std::string path = "checks." + id;
  CheckRule rule;
  rule.id = id;
  if (!object.is_object()) {
    v.bad_value(path, "must be an object {veto, confidence, unit}", object);
    return rule;
  }
  for (const auto& [key, value] : object.items()) {
    if (key == "group" || key == "group_new_media") {
      v.add(path + "." + key, "is no longer read: list the check in the \"checks\" of an item "
                              "of groups.site or groups.new_media");
    } else if (std::find(std::begin(k_check_keys), std::end(k_check_keys), key) ==
               std::end(k_check_keys)) {
      std::string problem = "unknown key";
      if (auto match = scanner::closest_match(key, k_check_keys)) {
        problem += " (did you mean \"" + std::string(*match) + "\"?)";
      }
      v.add(path + "." + key, problem);
    }
  }
  if (!object.contains("veto") || !object["veto"].is_boolean()) {
    v.bad_value(path + ".veto", "must be true or false", object.value("veto", json()));
  } else {
    rule.veto = object["veto"].get<bool>();
  }
  rule.confidence = v.confidence(object, path);
  rule.unit = v.number(object, "unit", path, true).value_or(0);
  rule.unit_homepage = v.number(object, "unit_homepage", path, false);
  rule.cap = v.number(object, "cap", path, false);
  if (object.contains("per_document")) {
    if (object["per_document"].is_boolean()) {
      rule.per_document = object["per_document"].get<bool>();
    } else {
      v.bad_value(path + ".per_document", "must be true or false", object["per_document"]);
    }
  }
  return rule;
}

// "did you mean" over the catalogue's check ids.
std::string unknown_check(const std::string& id) {
  std::vector<std::string_view> known;
  for (const auto& entry : catalogue()) known.push_back(entry.id);
  std::string problem = "unknown check id";
  if (auto match = scanner::closest_match(id, known)) {
    problem += " (did you mean \"" + std::string(*match) + "\"?)";
  }
  return problem;
}

void parse_checks(const json& object, Ruleset& ruleset, Validator& v) {
  if (!object.is_object()) {
    v.bad_value("checks", "must be an object keyed by check id", object);
    return;
  }
  for (const auto& [id, value] : object.items()) {
    if (find_catalogue_entry(id) == nullptr) {
      v.add("checks." + id, unknown_check(id));
      continue;
    }
    ruleset.checks.emplace(id, parse_check(id, value, v));
  }
}

// Ties every item's checks to their rules: each check is scored in at most one item per kind of
// subject, every check an item names has a rule, and a check with a unit is scored somewhere.
void link_items(Ruleset& ruleset, Validator& v) {
  std::set<std::string> item_ids;
  for (const bool site : {true, false}) {
    const auto& groups = site ? ruleset.site_groups : ruleset.new_media_groups;
    const std::string kind = site ? "groups.site" : "groups.new_media";
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (std::size_t i = 0; i < groups[g].items.size(); ++i) {
        const ItemRule& item = groups[g].items[i];
        const std::string path =
            kind + "[" + std::to_string(g) + "].items[" + std::to_string(i) + "]";
        if (!item.id.empty() && !item_ids.insert(item.id).second) {
          v.add(path + ".id", "item id \"" + item.id + "\" appears twice");
        }
        for (const auto& check : item.checks) {
          auto rule = ruleset.checks.find(check);
          if (rule == ruleset.checks.end()) {
            v.add(path + ".checks", find_catalogue_entry(check) == nullptr
                                        ? "\"" + check + "\": " + unknown_check(check)
                                        : "\"" + check + "\" has no rule in \"checks\"");
            continue;
          }
          std::string& scored_item = site ? rule->second.item : rule->second.item_new_media;
          if (!scored_item.empty()) {
            v.add(path + ".checks",
                  "\"" + check + "\" is already scored in item \"" + scored_item + "\"");
            continue;
          }
          scored_item = item.id;
          (site ? rule->second.group : rule->second.group_new_media) = groups[g].id;
        }
      }
    }
  }
  for (const auto& [id, rule] : ruleset.checks) {
    if (rule.unit > 0 && rule.item.empty() && rule.item_new_media.empty()) {
      v.add("checks." + id + ".unit",
            "is above 0 but no item lists the check, so it would never be deducted (set 0, or "
            "list it in an item's \"checks\")");
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

scanner::Expected<Ruleset> parse_ruleset(const json& root) {
  Validator v;
  Ruleset ruleset;
  if (!root.is_object()) {
    return scanner::unexpected("ruleset: the ruleset must be a JSON object, got " +
                               quote_json(root));
  }
  static const std::set<std::string> k_owned{"id",     "version", "title", "title_en",
                                             "groups", "scoring", "checks"};
  for (const auto& [key, value] : root.items()) {
    const bool check_owned =
        std::any_of(std::begin(k_check_owned_sections), std::end(k_check_owned_sections),
                    [&](const char* section) { return key == section; });
    if (check_owned) {
      if (!value.is_object()) v.bad_value(key, "must be an object", value);
    } else if (k_owned.count(key) == 0) {
      v.add(key, "unknown key");
    }
  }
  ruleset.id = v.text_member(root, "id", "(top)", true);
  ruleset.version = v.text_member(root, "version", "(top)", true);
  ruleset.title = v.text_member(root, "title", "(top)", true);
  ruleset.title_en = v.text_member(root, "title_en", "(top)", false);
  ruleset.scoring = parse_scoring(root.value("scoring", json()), v);
  const json groups = root.value("groups", json());
  if (!groups.is_object()) {
    v.bad_value("groups", "must be an object {\"site\": [...], \"new_media\": [...]}", groups);
  } else {
    ruleset.site_groups = parse_groups(groups.value("site", json()), "groups.site", v);
    ruleset.new_media_groups =
        parse_groups(groups.value("new_media", json()), "groups.new_media", v);
    check_group_total(ruleset.site_groups, ruleset.scoring.total, "groups.site", v);
    check_group_total(ruleset.new_media_groups, ruleset.scoring.total, "groups.new_media", v);
    if (!ruleset.scoring.service_group.empty() &&
        std::none_of(ruleset.site_groups.begin(), ruleset.site_groups.end(),
                     [&](const GroupRule& g) { return g.id == ruleset.scoring.service_group; })) {
      v.add("scoring.service_group",
            "names no site group, got \"" + ruleset.scoring.service_group + "\"");
    }
  }
  parse_checks(root.value("checks", json::object()), ruleset, v);
  link_items(ruleset, v);
  if (!v.ok()) return scanner::unexpected(v.text());
  ruleset.json = root;
  return ruleset;
}

scanner::Expected<Ruleset> load_ruleset_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return scanner::unexpected("cannot read ruleset file \"" + path + "\"");
  std::stringstream text;
  text << in.rdbuf();
  json root = json::parse(text.str(), nullptr, false);
  if (root.is_discarded()) {
    return scanner::unexpected(path + ": ruleset: not valid JSON");
  }
  auto ruleset = parse_ruleset(root);
  if (!ruleset) {
    std::string prefixed;
    std::istringstream lines(ruleset.error());
    for (std::string line; std::getline(lines, line);) {
      prefixed += (prefixed.empty() ? "" : "\n") + path + ": " + line;
    }
    return scanner::unexpected(prefixed);
  }
  return ruleset;
}

const char* default_ruleset_text() {
  return k_default_ruleset_json;
}

const Ruleset& default_ruleset() {
  static const Ruleset ruleset = [] {
    auto parsed = parse_ruleset(json::parse(k_default_ruleset_json));
    if (!parsed) throw std::logic_error("the built-in ruleset is invalid: " + parsed.error());
    return std::move(*parsed);
  }();
  return ruleset;
}

} // namespace checks
