#include "content_test_util.hpp"

#include <checks/ipv6/ipv6.hpp>

#include <catch2/catch.hpp>

namespace {

scanner::DnsAnswer answer(std::string status, std::vector<std::string> addresses = {}) {
  return {std::move(status), std::move(addresses), 0.01};
}

} // namespace

TEST_CASE("checks::aaaa_state", "[checks][ipv6]") {
  CHECK(checks::aaaa_state(answer("ok", {"2400:3200::1"}), false) == "has_aaaa");
  CHECK(checks::aaaa_state(answer("ok", {"::1"}), false) == "non_global");
  CHECK(checks::aaaa_state(answer("ok", {"::1"}), true) == "has_aaaa");
  CHECK(checks::aaaa_state(answer("ok", {"fe80::1", "fd00::2"}), true) == "non_global");
  CHECK(checks::aaaa_state(answer("ok", {"2001:db8::1"}), false) == "non_global");
  for (const char* status : {"nodata", "nxdomain", "servfail", "timeout", "refused"}) {
    CHECK(checks::aaaa_state(answer(status), false) == status);
  }
  CHECK(checks::aaaa_state(answer(""), false) == "unresolved");
}

TEST_CASE("checks::text_similarity", "[checks][ipv6]") {
  CHECK(checks::text_similarity("", "") == 1.0);
  CHECK(checks::text_similarity("青石区人民政府门户网站", "青石区人民政府门户网站") == 1.0);
  // Whitespace does not count; one character of ten differs in two bigrams of nine.
  CHECK(checks::text_similarity("青石区 人民政府门户网站", "青石区人民政府\n门户网站") == 1.0);
  CHECK(checks::text_similarity("青石区人民政府门户网站", "青石区人民政府门户网页") ==
        Approx(2.0 * 9 / 20));
  CHECK(checks::text_similarity("abcdef", "uvwxyz") == 0.0);
  CHECK(checks::text_similarity("a", "") == 0.0);
}

TEST_CASE("checks::link_similarity", "[checks][ipv6]") {
  CHECK(checks::link_similarity({}, {}) == 1.0);
  CHECK(checks::link_similarity({"a", "b"}, {"a", "b"}) == 1.0);
  CHECK(checks::link_similarity({"a", "b", "c"}, {"b", "c", "d"}) == Approx(0.5));
  CHECK(checks::link_similarity({"a"}, {}) == 0.0);
}

TEST_CASE("checks::read_ipv6_rules", "[checks][ipv6]") {
  nlohmann::json ruleset = content_tests::ruleset();
  SECTION("the spec's lines, each with its confidence") {
    const checks::Ipv6Rules& rules = content_tests::rules().ipv6;
    CHECK(rules.level2_min_ratio.value == 0.95);
    CHECK(rules.level3_min_ratio.value == 0.9);
    CHECK(rules.consistency_min_similarity.value == 0.9);
    CHECK(rules.perf_max_degradation.value == 0.1);
    CHECK(rules.homepage_min_rate.value == 0.95);
    CHECK(rules.level2_min_ratio.confidence == "provisional");
    CHECK(rules.full_window_samples == 140);
  }
  SECTION("a bare number is refused, naming the key") {
    ruleset["ipv6"]["level2_min_ratio"] = 0.95;
    const auto problems = content_tests::rule_problems(ruleset);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0],
               Catch::StartsWith("ruleset: ipv6.level2_min_ratio: must be {\"value\": a number, "
                                 "\"confidence\": \"confirmed\", \"secondary\" or "
                                 "\"provisional\"}"));
  }
  SECTION("an unknown confidence is refused") {
    ruleset["ipv6"]["perf_max_degradation"]["confidence"] = "guess";
    const auto problems = content_tests::rule_problems(ruleset);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::StartsWith("ruleset: ipv6.perf_max_degradation.confidence: "
                                              "must be"));
  }
}
