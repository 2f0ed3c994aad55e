#include "../support/test_support.hpp"

#include <catch2/catch.hpp>

#include <rules/catalogue.hpp>
#include <rules/ruleset.hpp>

using nlohmann::json;

namespace {

json default_json() {
  return json::parse(rules::default_ruleset_text());
}

// Every problem of `ruleset`, one per line.
std::string problems_of(const json& ruleset) {
  core::Problems problems;
  rules::parse_ruleset(ruleset, problems);
  REQUIRE_FALSE(problems.empty());
  return problems.text();
}

bool parses(const json& ruleset) {
  core::Problems problems;
  rules::parse_ruleset(ruleset, problems);
  return problems.empty();
}

} // namespace

TEST_CASE("rules::default_ruleset", "[scoring]") {
  const rules::Ruleset& ruleset = rules::default_ruleset();
  CHECK(ruleset.id == "gov-2019");
  CHECK(ruleset.scoring.pass_mark == 60);
  CHECK(ruleset.scoring.bonus_gate == 80);
  CHECK(ruleset.scoring.bonus_cap == 30);
  CHECK(ruleset.scoring.service_scaling == Approx(4.0 / 3.0));
  // Every check of the catalogue has a rule, with the catalogue's veto flag.
  for (const auto& entry : rules::catalogue()) {
    const rules::CheckRule* rule = ruleset.find_check(std::string(entry.id));
    REQUIRE(rule != nullptr);
    CHECK(rule->veto == entry.veto);
  }
  // The four groups of the 2019 deduction table (§9.1), each the sum of its items.
  REQUIRE(ruleset.site_groups.size() == 4);
  const std::pair<const char*, double> k_groups[] = {
      {"发布解读", 31}, {"办事服务", 25}, {"互动交流", 23}, {"功能设计", 21}};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(ruleset.site_groups[i].name_zh == k_groups[i].first);
    CHECK(ruleset.site_groups[i].points == k_groups[i].second);
    double sum = 0;
    for (const auto& item : ruleset.site_groups[i].items) sum += item.points;
    CHECK(sum == k_groups[i].second);
  }
  CHECK(ruleset.site_groups[1].items.size() == 6);
  CHECK(ruleset.find_check("identity.search")->item == "search");
  CHECK(ruleset.find_check("identity.search")->group == "function");
  CHECK(ruleset.find_check("content.serious_error")->item_new_media == "nm_security");
  // The embedded text is the file in the repository.
  CHECK(json::parse(test_support::read_file(test_support::source_dir() +
                                            "/rulesets/gov-2019.json")) == default_json());
}

TEST_CASE("rules::parse_ruleset", "[scoring]") {
  SECTION("an unknown check id is named, with a suggestion") {
    json ruleset = default_json();
    ruleset["checks"]["links.brokn"] = ruleset["checks"]["links.broken"];
    CHECK(problems_of(ruleset) ==
          "ruleset: checks.links.brokn: unknown check id (did you mean \"links.broken\"?)");
  }
  SECTION("a negative cap or unit") {
    json ruleset = default_json();
    ruleset["checks"]["links.broken"]["cap"] = -1;
    ruleset["checks"]["identity.icp"]["unit"] = "one";
    const std::string problems = problems_of(ruleset);
    CHECK(problems.find("ruleset: checks.links.broken.cap: must be a number >= 0, got -1") !=
          std::string::npos);
    CHECK(problems.find("ruleset: checks.identity.icp.unit: must be a number >= 0, got \"one\"") !=
          std::string::npos);
  }
  SECTION("group points that do not add up to the total") {
    json ruleset = default_json();
    ruleset["groups"]["site"][0]["points"] = 20;
    CHECK(problems_of(ruleset) ==
          "ruleset: groups.site[0].items: item points add up to 31, not the group's 20\n"
          "ruleset: groups.site: group points add up to 89, not scoring.total 100");
  }
  SECTION("items: points, check ids, one item per check, units that would never be deducted") {
    json ruleset = default_json();
    json& items = ruleset["groups"]["site"][3]["items"];
    items[0]["checks"].push_back("identity.serch");
    items[0]["checks"].push_back("identity.site_code"); // also in 网站标识, the next item
    items[2]["colour"] = "red";
    ruleset["checks"]["privacy.phone"]["unit"] = 1; // listed in no item
    const std::string problems = problems_of(ruleset);
    for (const char* expected :
         {"ruleset: groups.site[3].items[0].checks: \"identity.serch\": unknown check id (did you "
          "mean \"identity.search\"?)",
          "ruleset: groups.site[3].items[1].checks: \"identity.site_code\" is already scored in "
          "item \"domain\"",
          "ruleset: groups.site[3].items[2].colour: unknown key",
          "ruleset: checks.privacy.phone.unit: is above 0 but no item lists the check"}) {
      CAPTURE(problems);
      CHECK(problems.find(expected) != std::string::npos);
    }
  }
  SECTION("missing pass mark, bad scaling, the old group key, unknown keys") {
    json ruleset = default_json();
    ruleset["scoring"].erase("pass_mark");
    ruleset["scoring"]["service_scaling"] = json::array({4, 0});
    ruleset["checks"]["links.broken"]["group"] = "avail";
    ruleset["checks"]["links.broken"]["unti"] = 1;
    ruleset["weights"] = 1;
    const std::string problems = problems_of(ruleset);
    for (const char* expected :
         {"ruleset: scoring.pass_mark: is missing (a number)",
          "ruleset: scoring.service_scaling: must be [numerator, denominator]",
          "ruleset: checks.links.broken.group: is no longer read: list the check in the "
          "\"checks\" of an item",
          "ruleset: checks.links.broken.unti: unknown key (did you mean \"unit\"?)",
          "ruleset: weights: unknown key"}) {
      CAPTURE(problems);
      CHECK(problems.find(expected) != std::string::npos);
    }
  }
  SECTION("sections of other checks are accepted as objects only") {
    json ruleset = default_json();
    ruleset["freshness"] = {{"anything", 1}};
    CHECK(parses(ruleset));
    ruleset["ipv6"] = json::array();
    CHECK(problems_of(ruleset) == "ruleset: ipv6: must be an object, got []");
  }
  SECTION("a province's variant loads from a file; errors name the file") {
    test_support::TempDir dir;
    json variant = default_json();
    variant["id"] = "gd-2023";
    variant["scoring"]["pass_mark"] = 70;
    test_support::write_file(dir.file("gd.json"), variant.dump());
    core::Problems problems;
    auto loaded = rules::load_ruleset_file(dir.file("gd.json"), problems);
    REQUIRE(loaded);
    CHECK(problems.empty());
    CHECK(loaded->id == "gd-2023");
    CHECK(loaded->scoring.pass_mark == 70);
    test_support::write_file(dir.file("bad.json"), "{");
    auto bad = rules::load_ruleset_file(dir.file("bad.json"), problems);
    REQUIRE_FALSE(bad);
    CHECK(problems.text() == "ruleset: not valid JSON");
  }
}
