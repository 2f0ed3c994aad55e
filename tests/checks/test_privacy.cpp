#include "content_test_util.hpp"

#include <checks/privacy/privacy.hpp>
#include <checks/runner.hpp>

#include <catch2/catch.hpp>

namespace {

const checks::AuditContext& context() {
  static const checks::AuditContext ctx = content_tests::context_at({2026, 11, 1});
  return ctx;
}

const checks::PrivacyRules& privacy_rules() {
  return content_tests::rules().privacy;
}

} // namespace

TEST_CASE("checks::find_personal_numbers", "[privacy]") {
  const checks::PrivacyRules& rules = privacy_rules();
  const core::CivilDate as_of{2026, 11, 1};
  SECTION("a valid 18-digit ID is found and masked") {
    // 11010519491231002X is the GB 11643 standard's example (check character X).
    auto found = checks::find_personal_numbers("身份证号：11010519491231002X。", rules, as_of);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == "id_number");
    CHECK(found[0].masked == "11*************02X");
  }
  SECTION("bad checksums, masked forms, order numbers and 文号 are not IDs") {
    auto found = checks::find_personal_numbers(
        "110105194912310021 33*************412 订单号202410150000123456 青石政发〔2024〕12号 "
        "ABC11010519491231002X 0571-87000000 网站标识码3301990001",
        rules, as_of);
    CHECK(found.empty());
  }
  SECTION("a birth date after the audit date is not plausible") {
    // Valid checksum, born 2030-01-01.
    const std::string body = "11010520300101001";
    int sum = 0;
    const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    for (int i = 0; i < 17; ++i) sum += (body[static_cast<std::size_t>(i)] - '0') * weights[i];
    const std::string id = body + std::string(1, "10X98765432"[sum % 11]);
    CHECK(checks::valid_id_checksum(id, rules));
    CHECK(checks::find_personal_numbers(id, rules, as_of).empty());
  }
  SECTION("15-digit legacy IDs") {
    auto found = checks::find_personal_numbers("旧证号 110105491231002", rules, as_of);
    REQUIRE(found.size() == 1);
    CHECK(found[0].legacy);
    CHECK(found[0].masked == "11**********002");
  }
  SECTION("mobiles: found, masked; hotlines and masked forms are not") {
    auto found = checks::find_personal_numbers(
        "联系人手机13900001111，热线18900001234，138****1234，12345678901", rules, as_of);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == "phone");
    CHECK(found[0].masked == "139****1111");
  }
}

TEST_CASE("checks::Privacy id numbers and phones", "[privacy]") {
  const auto page = content_tests::page_from(
      "<html><head><title>公示</title></head><body><table>"
      "<tr><td>张三</td><td>11010519491231002X</td><td>13900001111</td></tr>"
      "<tr><td>李四</td><td>11*************02X</td><td>139****1111</td></tr>"
      "</table><p>再次出现 11010519491231002X</p></body></html>",
      "http://www.qingshi.gov.cn/gs/1.html");
  const checks::Privacy check(privacy_rules(), context());
  auto ids = content_tests::inspect(check, page, "privacy.id_number");
  REQUIRE(ids.size() == 1);
  CHECK(ids[0].evidence["masked"] == "11*************02X");
  CHECK(ids[0].evidence["count"] == 2);
  auto phones = content_tests::inspect(check, page, "privacy.phone");
  REQUIRE(phones.size() == 1);
  CHECK(phones[0].evidence["masked"] == "139****1111");
  // Never the full number, anywhere in a finding.
  for (const auto& finding : ids) {
    CHECK(finding.message.find("11010519491231002X") == std::string::npos);
    CHECK(finding.evidence.dump().find("11010519491231002X") == std::string::npos);
  }
  for (const auto& finding : phones)
    CHECK(finding.evidence.dump().find("13900001111") == std::string::npos);
}

TEST_CASE("checks::CheckRunner on text attachments", "[privacy]") {
  scanner::Page attachment;
  attachment.url = "http://www.qingshi.gov.cn/files/%E5%90%8D%E5%8D%95.csv?v=1";
  attachment.fetch.status = 200;
  attachment.attachment = true;
  attachment.text = "序号,姓名,身份证号码,电话\n1,张三,11010519491231002X,13900001111\n";
  const checks::Privacy check(privacy_rules(), context());
  CHECK(check.reads_attachments());
  auto ids = content_tests::inspect(check, attachment, "privacy.id_number");
  REQUIRE(ids.size() == 1);
  const auto& finding = ids[0];
  CHECK(finding.url == attachment.url);
  CHECK(finding.evidence["masked"] == "11*************02X");
  CHECK(finding.evidence["text_line"] == 2);
  CHECK(finding.evidence["attachment"] == "%E5%90%8D%E5%8D%95.csv");
  CHECK(finding.message == "附件公开了未脱敏的身份证号：11*************02X（第2行）");
  CHECK(content_tests::inspect(check, attachment, "privacy.phone").size() == 1);

  // The runner gives an attachment to no check that reads more than the text, and a page is
  // still a page.
  class Counting final : public checks::Check {
  public:
    std::span<const std::string_view> ids() const override {
      static constexpr std::string_view k_ids[] = {"test.counting"};
      return k_ids;
    }
    void inspect(const scanner::Page&, checks::FactsStore*,
                 std::vector<checks::Finding>& findings) const override {
      findings.push_back({"test.counting", checks::Severity::info, "", "", "seen"});
    }
    std::vector<checks::Finding> conclude(const checks::SiteView&,
                                          const checks::FactsStore*) const override {
      return {};
    }
  };
  auto seen = [](const scanner::Page& page) {
    std::vector<std::unique_ptr<checks::Check>> counting;
    counting.push_back(std::make_unique<Counting>());
    checks::CheckRunner runner(std::move(counting));
    runner.check_page(page);
    return runner.finish(scanner::Site{}, scanner::SiteScope{}).size();
  };
  CHECK(seen(attachment) == 0);
  attachment.attachment = false;
  CHECK(seen(attachment) == 1);
}

TEST_CASE("checks::PrivacyRules validation", "[privacy]") {
  nlohmann::json broken = content_tests::ruleset();
  broken["privacy"]["id_weights"] = {1, 2, 3};
  CHECK(content_tests::rule_problems(broken) ==
        std::vector<std::string>{"ruleset: privacy.id_weights: must be an array of 17 "
                                 "integers, got [1,2,3]"});
  broken = content_tests::ruleset();
  broken.erase("privacy");
  CHECK(content_tests::rule_problems(broken) ==
        std::vector<std::string>{"ruleset: privacy: missing"});
}
