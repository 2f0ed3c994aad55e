#pragma once
// A small audit for the report-format tests: a site with broken links, a confirmed veto, an
// explained finding, a warning with awkward CSV text, fact rows, and a page title that tries to
// inject markup.

#include <reports/report_data.hpp>
#include <reports/writers.hpp>

#include <memory>
#include <string>

namespace report_fixture {

inline constexpr const char* k_injected = "</script><img src=x onerror=alert(1)>";
inline const std::string k_home = "http://www.qingshi.gov.cn/";

// The findings (sorted), scored with gov-2019, with one exception applied.
inline reports::ReportData make_data() {
  using checks::Severity;
  reports::ReportData data;
  data.ruleset = &rules::default_ruleset();
  data.site = "青石区人民政府";
  data.as_of = "2026-11-01";
  for (int i = 0; i < 3; ++i) {
    data.findings.push_back({"links.broken",
                             Severity::failure,
                             k_home + "dead" + std::to_string(i),
                             k_home,
                             std::string("页面上的链接无法访问：") + k_injected,
                             {{"on_homepage", true}, {"anchor_text", k_injected}}});
  }
  data.findings.push_back({"links.broken",
                           Severity::failure,
                           k_home + "gone",
                           k_home + "p.html",
                           "链接无法访问",
                           {{"on_homepage", false}}});
  data.findings.push_back({"home.stale",
                           Severity::failure,
                           k_home,
                           "",
                           "首页最新信息距监测时间点30天",
                           {{"veto", "confirmed"}, {"value", 30}, {"threshold", 14}}});
  data.findings.push_back({"identity.https",
                           Severity::warning,
                           k_home,
                           "",
                           "未启用HTTPS, \"quoted\"\nsecond line",
                           {}});
  data.findings.push_back({"ipv6.aaaa",
                           Severity::info,
                           "www.qingshi.gov.cn",
                           "",
                           "主机有AAAA记录",
                           {{"addresses", {"2001:db8::1"}}}});
  // A row of the IPv6 per-host table.
  data.findings.push_back({"ipv6.support",
                           Severity::info,
                           "http://jyj.qingshi.gov.cn/",
                           k_home,
                           "主机 jyj.qingshi.gov.cn：AAAA nodata，IPv6 不可达",
                           {{"host", "jyj.qingshi.gov.cn"},
                            {"aaaa", "nodata"},
                            {"aaaa_addresses", nlohmann::json::array()},
                            {"v6_reachable", false},
                            {"pages_affected", 3},
                            {"v6_unreachable_urls", 2},
                            {"level_urls", 2}}});
  // As findings.json records them: the scoring fields ("veto", "on_homepage") among the
  // evidence, read back into the typed fields.
  for (auto& finding : data.findings) reports::read_scoring_fields(finding);
  reports::sort_findings(data.findings);
  reports::Subject site;
  site.name = "青石区人民政府";
  site.urls = {k_home};
  data.subjects = {site};
  data.score = reports::score_audit(data.findings, data.subjects, *data.ruleset);
  data.exceptions = {{"links.broken", k_home + "gone", "", "合作网站已关停，链接下月撤下", "网站办",
                      "2026-12-31"}};
  reports::GateSettings gate;
  gate.fail_on = reports::FailOn::failure;
  gate.exceptions = data.exceptions;
  gate.as_of = data.as_of;
  data.gate = reports::apply_gate(data.findings, data.subjects, *data.ruleset, gate);
  return data;
}

} // namespace report_fixture
