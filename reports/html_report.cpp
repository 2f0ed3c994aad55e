// report.html: one self-contained page (inline CSS, JS and SVG; nothing loaded from anywhere),
// zh-CN with a switch to English. The first screen is rendered here with every text escaped;
// the rectification list is rendered by the page's script from the embedded findings JSON.
#include <reports/html_assets.hpp>
#include <reports/report_data.hpp>
#include <reports/writers.hpp>

#include <fstream>
#include <sstream>

namespace reports {
namespace {

using nlohmann::json;

// A text shown in the current language: zh-CN first, the script swaps in the other. Inside
// SVG the element must be a <tspan>.
std::string both(const std::string& zh, const std::string& en, const char* tag = "span") {
  return std::string("<") + tag + " data-zh=\"" + markup_escape(zh) + "\" data-en=\"" +
         markup_escape(en) + "\">" + markup_escape(zh) + "</" + tag + ">";
}

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// The score by group as horizontal bars: remaining points over allotted points.
std::string group_chart(const SubjectScore& subject) {
  constexpr int k_row = 26;
  constexpr int k_label = 170;
  constexpr int k_bar = 360;
  const int height = static_cast<int>(subject.groups.size()) * k_row + 8;
  std::ostringstream svg;
  svg << "<svg role=\"img\" width=\"" << k_label + k_bar + 120 << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << k_label + k_bar + 120 << ' ' << height << "\">";
  int y = 4;
  for (const auto& group : subject.groups) {
    const double share = group.points > 0 ? group.remaining() / group.points : 0;
    const int width = static_cast<int>(share * k_bar + 0.5);
    const char* color = !group.scored ? "#b8c2cc" : share >= 0.6 ? "#2e8b57" : "#c0392b";
    svg << "<text x=\"0\" y=\"" << y + 15 << "\">" << both(group.name_zh, group.name_en, "tspan")
        << "</text><rect x=\"" << k_label << "\" y=\"" << y << "\" width=\"" << k_bar
        << "\" height=\"18\" fill=\"#e2e7ec\"/><rect x=\"" << k_label << "\" y=\"" << y
        << "\" width=\"" << width << "\" height=\"18\" fill=\"" << color << "\"/><text x=\""
        << k_label + k_bar + 8 << "\" y=\"" << y + 15 << "\">"
        << (group.scored ? number(group.remaining()) + " / " + number(group.points)
                         : both("不计分", "not scored", "tspan"))
        << (group.cap_applied ? both(" (封顶)", " (capped)", "tspan") : "") << "</text>";
    y += k_row;
  }
  svg << "</svg>";
  return svg.str();
}

std::string veto_list(const std::vector<Veto>& vetoes) {
  std::string out = "<ul>";
  for (const auto& veto : vetoes) {
    out += "<li><b>" + both(check_name(veto.check, false), check_name(veto.check, true)) +
           "</b> (" + markup_escape(veto.check) + "): " + markup_escape(veto.message) + " — " +
           markup_escape(veto.url) + "</li>";
  }
  return out + "</ul>";
}

std::string subject_card(const SubjectScore& subject, const ReportData& data, bool headline) {
  std::ostringstream out;
  const bool site = subject.subject.kind == Subject::Kind::site;
  out << "<section class=\"card subject\" data-verdict=\"" << (subject.passed ? "pass" : "fail")
      << "\">";
  if (!subject.vetoes.empty()) {
    out << "<div class=\"banner veto\" id=\"" << (headline ? "vetoes" : "") << "\"><b>"
        << both("单项否决：不合格", "Veto: fail") << "</b>" << veto_list(subject.vetoes)
        << "</div>";
  }
  if (!subject.candidates.empty()) {
    out << "<div class=\"banner candidate\"><b>"
        << both("否决候选（待人工复核），得分为暂定",
                "Veto candidates awaiting review: the score is provisional")
        << "</b>" << veto_list(subject.candidates) << "</div>";
  }
  out << "<div class=\"summary\"><dl class=\"meta\"><dt>"
      << both(site ? "网站" : "政务新媒体", site ? "Website" : "New-media account") << "</dt><dd>"
      << markup_escape(subject_label(subject)) << "</dd>";
  if (headline) {
    out << "<dt>" << both("检查日期", "Audit date") << "</dt><dd>" << markup_escape(data.as_of)
        << "</dd><dt>" << both("规则集", "Ruleset") << "</dt><dd>"
        << markup_escape(data.ruleset->id + " (" + data.ruleset->version + ") " +
                         data.ruleset->title)
        << "</dd>";
  }
  out << "</dl><div class=\"verdict " << (subject.passed ? "pass" : "fail") << "\" id=\""
      << (headline ? "verdict" : "") << "\">"
      << both(verdict_zh(subject.passed), subject.passed ? "Pass" : "Fail") << "</div>"
      << "<div class=\"score\" id=\"" << (headline ? "score" : "") << "\">"
      << (subject.score ? number(*subject.score) : std::string("—")) << "<small>"
      << (subject.score ? both(subject.provisional ? "分（暂定）" : "分",
                               subject.provisional ? "points (provisional)" : "points")
                        : both("单项否决，不计分", "vetoed: no score"))
      << "</small></div></div>" << group_chart(subject);
  if (!subject.notes.empty() || subject.to_review > 0) {
    out << "<div class=\"notes\">";
    for (const auto& note : subject.notes) out << markup_escape(note) << "<br>";
    if (subject.to_review > 0) {
      out << both(std::to_string(subject.to_review) + " 项待人工复核，未自动计分",
                  std::to_string(subject.to_review) + " finding(s) to review, not scored")
          << "<br>";
    }
    out << "</div>";
  }
  out << "</section>";
  return out.str();
}

// The findings and check texts the script renders, as JSON safe inside <script>: every '<' is
// written \u003c, so no "</script>" or "<!--" in page data can end the element early.
std::string data_json(const ReportData& data) {
  json findings = json::array();
  json checks = json::object();
  for (std::size_t i = 0; i < data.findings.size(); ++i) {
    const auto& finding = data.findings[i];
    json entry = {
        {"check", finding.check},     {"severity", checks::severity_name(finding.severity)},
        {"url", finding.url},         {"page", finding.page},
        {"message", finding.message}, {"evidence", finding.evidence}};
    if (i < data.gate.exception_of.size() && data.gate.exception_of[i] >= 0) {
      const ExceptionEntry& exception = data.exceptions[data.gate.exception_of[i]];
      entry["status"] = "explained";
      entry["explanation"] =
          exception.reason + " — " + exception.owner + ", ≤ " + exception.expires;
    } else if (const std::string status = gate_status(data.gate, i); status != "new") {
      entry["status"] = status; // "worsened" or "baseline"; the script shows none as "new"
    }
    if (i < data.gate.changes.size() && !data.gate.changes[i].empty()) {
      entry["change"] = data.gate.changes[i]; // since the baseline, worse or better
    }
    findings.push_back(std::move(entry));
    if (!checks.contains(finding.check)) {
      checks[finding.check] = {{"zh", check_name(finding.check, false)},
                               {"en", check_name(finding.check, true)},
                               {"advice_zh", check_advice(finding.check, false)},
                               {"advice_en", check_advice(finding.check, true)}};
    }
  }
  json tables =
      json::array({{{"id", "freshness"}, {"prefixes", {"columns.", "home.", "freshness"}}},
                   // The IPv6 per-host table: the host rows of ipv6.support, in fixed columns.
                   {{"id", "ipv6"},
                    {"prefixes", {"ipv6."}},
                    {"require", "host"},
                    {"columns",
                     {"host", "aaaa", "aaaa_addresses", "v6_reachable", "pages_affected",
                      "v6_unreachable_urls", "level_urls"}}},
                   {{"id", "disclosure"}, {"prefixes", {"disclose."}}},
                   {{"id", "maps"}, {"prefixes", {"map."}}}});
  std::string text = json{{"findings", std::move(findings)},
                          {"checks", std::move(checks)},
                          {"tables", std::move(tables)}}
                         .dump(-1, ' ', false, json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '<') {
      safe += "\\u003c";
    } else {
      safe += c;
    }
  }
  return safe;
}

std::string table_box(const char* id, const char* zh, const char* en) {
  return std::string("<section class=\"card\" id=\"table-") + id + "\" hidden><h2>" + both(zh, en) +
         "</h2><div class=\"rows\"></div></section>";
}

} // namespace

scanner::Expected<bool> write_html(const std::string& path, const ReportData& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
      << "<title>" << markup_escape("govaudit: " + data.site + " " + data.as_of)
      << "</title><style>" << k_report_css << "</style></head><body>\n"
      << "<header class=\"top\"><h1>" << both("政府网站检查报告", "Government website audit report")
      << " · " << markup_escape(data.site)
      << "</h1><button id=\"lang\" type=\"button\">English</button>"
      << "</header><main>\n";
  if (!data.complete) {
    out << "<div class=\"banner incomplete\">"
        << both("扫描未完成（" + data.stop_reason + "）：结果不完整，不能视为合格",
                "Scan incomplete (" + data.stop_reason +
                    "): results are partial, not a clean result")
        << "</div>";
  }
  if (!data.gate.reasons.empty()) {
    out << "<div class=\"banner candidate\" id=\"gate\"><b>"
        << both("CI 门禁未通过", "CI gate failed") << "</b><ul>";
    for (const auto& reason : data.gate.reasons) out << "<li>" << markup_escape(reason) << "</li>";
    out << "</ul></div>";
  }
  for (std::size_t i = 0; i < data.score.subjects.size(); ++i) {
    out << subject_card(data.score.subjects[i], data, i == 0) << '\n';
  }
  out << "<section class=\"card\" id=\"rect\"><h2>" << both("整改清单", "Rectification list")
      << "</h2><div class=\"filters\"><select id=\"f-check\"></select>"
      << "<select id=\"f-severity\"></select><input id=\"f-page\" type=\"search\">"
      << "<input id=\"f-q\" type=\"search\"></div><table><thead id=\"rect-head\"></thead>"
      << "<tbody id=\"rect-body\"></tbody></table><div class=\"pager\">"
      << "<button id=\"prev\" type=\"button\">‹</button><span id=\"pager-text\"></span>"
      << "<button id=\"next\" type=\"button\">›</button></div></section>\n"
      << table_box("freshness", "栏目更新情况", "Column freshness")
      << table_box("ipv6", "IPv6 支持（按主机）", "IPv6 per host")
      << table_box("disclosure", "政府信息公开目录", "Disclosure catalogue")
      << table_box("maps", "待复核地图", "Maps to review") << "\n</main>\n"
      << "<script type=\"application/json\" id=\"govaudit-data\">" << data_json(data)
      << "</script>\n<script>" << k_report_js << "</script>\n</body></html>\n";
  out.flush();
  if (!out) return write_failed(path);
  return true;
}

} // namespace reports
