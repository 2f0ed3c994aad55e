#include "../support/test_support.hpp"

#include <checks/catalogue.hpp>
#include <checks/ruleset.hpp>

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

json default_json() {
  return json::parse(checks::default_ruleset_text());
}

std::string problems_of(const json& ruleset) {
  auto parsed = checks::parse_ruleset(ruleset);
  REQUIRE_FALSE(parsed);
  return parsed.error();
}

} // namespace

TEST_CASE("checks::default_ruleset", "[scoring]") {
  const checks::Ruleset& ruleset = checks::default_ruleset();
  CHECK(ruleset.id == "gov-2019");
  CHECK(ruleset.scoring.pass_mark == 60);
  CHECK(ruleset.scoring.bonus_gate == 80);
  CHECK(ruleset.scoring.bonus_cap == 30);
  CHECK(ruleset.scoring.service_scaling == Approx(4.0 / 3.0));
  // Every check of the catalogue has a rule, with the catalogue's veto flag.
  for (const auto& entry : checks::catalogue()) {
    const checks::CheckRule* rule = ruleset.find_check(std::string(entry.id));
    REQUIRE(rule != nullptr);
    CHECK(rule->veto == entry.veto);
  }
  // The embedded text is the file in the repository.
  CHECK(json::parse(test_support::read_file(test_support::source_dir() +
                                            "/rulesets/gov-2019.json")) == default_json());
}

TEST_CASE("checks::parse_ruleset", "[scoring]") {
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
    CHECK(problems_of(ruleset) == "ruleset: groups.site: group points add up to 110, not "
                                  "scoring.total 100");
  }
  SECTION("missing pass mark, bad scaling, unknown group, unknown key") {
    json ruleset = default_json();
    ruleset["scoring"].erase("pass_mark");
    ruleset["scoring"]["service_scaling"] = json::array({4, 0});
    ruleset["checks"]["links.broken"]["group"] = "avail";
    ruleset["weights"] = 1;
    const std::string problems = problems_of(ruleset);
    for (const char* expected :
         {"ruleset: scoring.pass_mark: is missing (a number)",
          "ruleset: scoring.service_scaling: must be [numerator, denominator]",
          "ruleset: checks.links.broken.group: unknown group \"avail\"",
          "ruleset: weights: unknown key"}) {
      CHECK(problems.find(expected) != std::string::npos);
    }
  }
  SECTION("sections of other checks are accepted as objects only") {
    json ruleset = default_json();
    ruleset["freshness"] = {{"anything", 1}};
    CHECK(checks::parse_ruleset(ruleset));
    ruleset["ipv6"] = json::array();
    CHECK(problems_of(ruleset) == "ruleset: ipv6: must be an object, got []");
  }
  SECTION("a province's variant loads from a file; errors name the file") {
    test_support::TempDir dir;
    json variant = default_json();
    variant["id"] = "gd-2023";
    variant["scoring"]["pass_mark"] = 70;
    test_support::write_file(dir.file("gd.json"), variant.dump());
    auto loaded = checks::load_ruleset_file(dir.file("gd.json"));
    REQUIRE(loaded);
    CHECK(loaded->id == "gd-2023");
    CHECK(loaded->scoring.pass_mark == 70);
    test_support::write_file(dir.file("bad.json"), "{");
    auto bad = checks::load_ruleset_file(dir.file("bad.json"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == dir.file("bad.json") + ": ruleset: not valid JSON");
  }
}
