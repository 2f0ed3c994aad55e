// report.html: one self-contained page (inline CSS, JS and SVG; nothing loaded from anywhere),
// zh-CN with a switch to English. The first screen is rendered here with every text escaped;
// the rectification list is rendered by the page's script from the embedded findings JSON.
#include <reports/html_assets.hpp>
#include <reports/report_data.hpp>
#include <reports/writers.hpp>

#include <cmath>
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

// The score by group as horizontal bars over the group's points: kept (green, or red under 60%),
// lost (grey-red) and not assessed (hatched grey), so that points nobody looked at never read as
// kept.
std::string group_chart(const SubjectScore& subject) {
  constexpr int k_row = 26;
  constexpr int k_label = 170;
  constexpr int k_bar = 360;
  const int height = static_cast<int>(subject.groups.size()) * k_row + 8;
  std::ostringstream svg;
  svg << "<svg role=\"img\" class=\"chart\" viewBox=\"0 0 " << k_label + k_bar + 270 << ' '
      << height << "\"><defs><pattern id=\"na\" width=\"6\" height=\"6\" "
      << "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" "
      << "height=\"6\" fill=\"#eef1f4\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
      << "stroke=\"#b8c2cc\" stroke-width=\"2\"/></pattern></defs>";
  int y = 4;
  for (const auto& group : subject.groups) {
    const double assessed = group.assessed_points();
    const double kept = group.remaining();
    const auto px = [&](double points) {
      return group.points > 0 ? static_cast<int>(std::lround(points / group.points * k_bar)) : 0;
    };
    const char* color = !group.scored                              ? "#b8c2cc"
                        : (assessed > 0 && kept / assessed >= 0.6) ? "#2e8b57"
                                                                   : "#c0392b";
    svg << "<text x=\"0\" y=\"" << y + 15 << "\">" << both(group.name_zh, group.name_en, "tspan")
        << "</text><rect x=\"" << k_label << "\" y=\"" << y << "\" width=\"" << k_bar
        << "\" height=\"18\" fill=\"url(#na)\"/>";
    if (group.scored) {
      svg << "<rect x=\"" << k_label << "\" y=\"" << y << "\" width=\"" << px(assessed)
          << "\" height=\"18\" fill=\"#f1d3d0\"/><rect x=\"" << k_label << "\" y=\"" << y
          << "\" width=\"" << px(kept) << "\" height=\"18\" fill=\"" << color << "\"/>";
    }
    svg << "<text x=\"" << k_label + k_bar + 8 << "\" y=\"" << y + 15 << "\">";
    if (!group.scored) {
      svg << both("不计分", "not scored", "tspan");
    } else if (assessed <= 0) {
      svg << both("未检查 / " + number(group.points), "not assessed / " + number(group.points),
                  "tspan");
    } else {
      svg << number(kept) << " / " << number(assessed);
      if (assessed < group.points) {
        svg << both("（" + number(group.points - assessed) + " 分未检查）",
                    " (" + number(group.points - assessed) + " not assessed)", "tspan");
      }
    }
    svg << (group.cap_applied ? both(" (封顶)", " (capped)", "tspan") : "") << "</text>";
    y += k_row;
  }
  svg << "</svg>";
  return svg.str();
}

std::string veto_list(const std::vector<Veto>& vetoes) {
  std::string out = "<ul>";
  for (const auto& veto : vetoes) {
    out += "<li><b>" + both(check_name(veto.check, false), check_name(veto.check, true)) +
           "</b> (" + markup_escape(veto.check) + "): " + markup_escape(veto.message) +
           (veto.url.empty() ? "" : " — " + markup_escape(veto.url));
    if (veto.by_reviewer) {
      const VetoDecision& d = *veto.by_reviewer;
      out += " <span class=\"badge person\">" +
             both(std::string(d.confirmed ? "人工确认" : "人工排除") + "：" + d.assessor + "，" +
                      d.date,
                  std::string(d.confirmed ? "confirmed by " : "dismissed by ") + d.assessor + ", " +
                      d.date) +
             "</span> " + markup_escape(d.note);
    }
    out += "</li>";
  }
  return out + "</ul>";
}

std::string check_names(const std::vector<std::string>& ids, bool english) {
  std::string text;
  for (const auto& id : ids)
    text += (text.empty() ? "" : english ? ", " : "、") + check_name(id, english);
  return text;
}

// Items nobody assessed, by group: "办事服务 25 分（全部）、功能设计：页面标签 2、兼容性 1".
std::pair<std::string, std::string> not_assessed_text(const SubjectScore& subject) {
  std::string zh;
  std::string en;
  for (const auto& group : subject.groups) {
    if (!group.scored || group.assessed_points() >= group.points) continue;
    std::string zh_items;
    std::string en_items;
    if (group.assessed_points() <= 0) {
      zh_items = "全部 " + number(group.points) + " 分";
      en_items = "all " + number(group.points) + " points";
    } else {
      for (const auto& item : group.items) {
        if (item.assessed()) continue;
        zh_items += (zh_items.empty() ? "" : "、") + item.name_zh + " " + number(item.points);
        en_items += (en_items.empty() ? "" : ", ") + item.name_en + " " + number(item.points);
      }
    }
    zh += (zh.empty() ? "" : "；") + group.name_zh + "：" + zh_items;
    en += (en.empty() ? "" : "; ") + group.name_en + ": " + en_items;
  }
  return {zh, en};
}

// The items of every group: points, what was lost, and who measured it.
std::string item_table(const SubjectScore& subject) {
  std::ostringstream out;
  const bool open =
      subject.subject.kind == Subject::Kind::site && subject.verdict != Verdict::cannot_assess;
  out << "<details class=\"items\"" << (open ? " open" : "") << "><summary>"
      << both("评分指标明细", "Score items") << "</summary><table><thead><tr><th>"
      << both("分组", "Group") << "</th><th>" << both("指标", "Item") << "</th><th>"
      << both("分值", "Points") << "</th><th>" << both("扣分", "Lost") << "</th><th>"
      << both("检查方式", "Assessed by") << "</th><th>" << both("扣分明细", "Deductions")
      << "</th></tr></thead><tbody>";
  for (const auto& group : subject.groups) {
    for (const auto& item : group.items) {
      out << "<tr class=\"" << (item.assessed() && group.scored ? "assessed" : "not-assessed")
          << "\"><td>" << both(group.name_zh, group.name_en) << "</td><td>"
          << both(item.name_zh, item.name_en) << "</td><td>" << number(item.points) << "</td><td>";
      if (!group.scored) {
        out << both("不计分", "not scored") << "</td><td></td><td></td></tr>";
        continue;
      }
      out << (item.assessed() ? number(item.lost) : "—") << "</td><td>";
      if (!item.assessed()) {
        out << "<span class=\"badge na\">" << both("未检查", "not assessed") << "</span>";
      }
      if (item.by_checks)
        out << "<span class=\"badge\">" << both("自动检查", "checks") << "</span>";
      if (item.by_reviewer) {
        out << "<span class=\"badge person\">"
            << both("人工评分：" + item.by_reviewer->assessor + "，" + item.by_reviewer->date,
                    "reviewer: " + item.by_reviewer->assessor + ", " + item.by_reviewer->date)
            << "</span>";
      }
      out << "</td><td>";
      for (const auto& d : item.deductions) {
        out << markup_escape(d.check) << " " << d.count << " × " << number(d.unit) << " = "
            << number(d.check_cap ? *d.check_cap : d.points) << "<br>";
      }
      if (item.by_reviewer) {
        out << both("人工扣分 ", "reviewer: −") << number(item.by_reviewer->lost) << " "
            << markup_escape(item.by_reviewer->note);
      }
      if (item.cap_applied) out << both("（封顶）", " (capped)");
      out << "</td></tr>";
    }
  }
  out << "</tbody></table></details>";
  return out.str();
}

// The big verdict: 合格 / 不合格 / 无法评估, with 暂定 when it may still change.
std::string verdict_box(const SubjectScore& subject, bool headline) {
  const char* css = subject.verdict == Verdict::pass   ? "pass"
                    : subject.verdict == Verdict::fail ? "fail"
                                                       : "cannot";
  std::string out = std::string("<div class=\"verdict ") + css + "\" id=\"" +
                    (headline ? "verdict" : "") + "\" data-verdict=\"" +
                    verdict_name(subject.verdict) + "\">" +
                    both(verdict_zh(subject.verdict), verdict_en(subject.verdict));
  if (subject.provisional) {
    out += "<small class=\"provisional\">" + both("暂定", "provisional") + "</small>";
  }
  return out + "</div>";
}

std::string score_box(const SubjectScore& subject, bool headline) {
  std::ostringstream out;
  out << "<div class=\"score\" id=\"" << (headline ? "score" : "") << "\">";
  if (subject.verdict == Verdict::cannot_assess) {
    out << "—<small>" << both("无法评估，不计分", "cannot be assessed: no score") << "</small>";
  } else if (!subject.vetoes.empty()) {
    out << "—<small>" << both("单项否决，不计分", "vetoed: no score") << "</small>";
  } else if (subject.score) {
    out << number(*subject.score) << "<small>"
        << both(subject.provisional ? "分（暂定）" : "分",
                subject.provisional ? "points (provisional)" : "points")
        << "</small>";
  } else {
    out << number(subject.earned_points) << "<span class=\"of\"> / "
        << number(subject.assessed_points) << "</span><small>"
        << both("已检查 " + number(subject.assessed_points) + " 分中的得分（共 " +
                    number(subject.measurable_points) + " 分）；得分率折合 " +
                    number(subject.measured_score.value_or(0)) + " 分",
                "points kept of the " + number(subject.assessed_points) + " assessed (of " +
                    number(subject.measurable_points) +
                    "); as a rate: " + number(subject.measured_score.value_or(0)))
        << "</small>";
  }
  out << "</div>";
  return out.str();
}

std::string subject_card(const SubjectScore& subject, const ReportData& data, bool headline) {
  std::ostringstream out;
  const bool site = subject.subject.kind == Subject::Kind::site;
  out << "<section class=\"card subject\" data-verdict=\"" << verdict_name(subject.verdict)
      << "\">";
  if (subject.verdict == Verdict::cannot_assess) {
    out << "<div class=\"banner cannot\"" << (headline ? " id=\"cannot\"" : "") << "><b>"
        << both("无法评估：" + blocked_text(subject.subject.blocked, false),
                "Cannot be assessed: " + blocked_text(subject.subject.blocked, true))
        << "</b>";
    if (!subject.subject.blocked_detail.empty()) {
      out << "<div>" << markup_escape(subject.subject.blocked_detail) << "</div>";
    }
    out << both("本次结果不能作为合格或不合格的结论，请排除原因后重新检查。",
                "This result is neither a pass nor a fail: remove the cause and scan again.")
        << "</div>";
  }
  if (!subject.vetoes.empty()) {
    out << "<div class=\"banner veto\" id=\"" << (headline ? "vetoes" : "") << "\"><b>"
        << both("单项否决：不合格", "Veto: fail") << "</b>" << veto_list(subject.vetoes)
        << "</div>";
  }
  if (!subject.candidates.empty()) {
    out << "<div class=\"banner candidate\"><b>"
        << both("否决候选（待人工复核），结论为暂定",
                "Veto candidates awaiting review: the verdict is provisional")
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
    if (!data.ruleset_source.empty()) {
      out << "<dt>" << both("规则集来源", "Ruleset from") << "</dt><dd>"
          << (data.ruleset_source == "built-in" ? both("内置", "built-in")
                                                : markup_escape(data.ruleset_source))
          << "</dd>";
    }
  }
  out << "</dl>" << verdict_box(subject, headline) << score_box(subject, headline) << "</div>";
  if (subject.verdict != Verdict::cannot_assess) {
    out << "<div class=\"coverage\"" << (headline ? " id=\"coverage\"" : "") << ">";
    const auto [zh, en] = not_assessed_text(subject);
    if (subject.complete_coverage()) {
      out << both("全部 " + number(subject.measurable_points) + " 分的指标均已检查。",
                  "Every item of the " + number(subject.measurable_points) +
                      " points was assessed.");
    } else {
      out << "<b>"
          << both("已检查 " + number(subject.assessed_points) + " / " +
                      number(subject.measurable_points) + " 分，未检查的指标不计分：",
                  number(subject.assessed_points) + " of " + number(subject.measurable_points) +
                      " points assessed; items not assessed earn nothing: ")
          << "</b>" << both(zh, en) << "。";
    }
    if (!subject.vetoes_not_assessed.empty()) {
      out << "<br><b>" << both("未检查的否决项：", "Veto checks not assessed: ") << "</b>"
          << both(check_names(subject.vetoes_not_assessed, false),
                  check_names(subject.vetoes_not_assessed, true));
    }
    if (subject.provisional) {
      out << "<br>"
          << both("结论为暂定：需人工复核否决候选、补充未检查指标的评分（--"
                  "assessments）后方可定论。",
                  "The verdict is provisional until a reviewer decides the veto candidates and "
                  "scores the items not assessed (--assessments).");
    }
    out << "</div>";
  }
  out << group_chart(subject) << item_table(subject);
  if (!subject.dismissed.empty()) {
    out << "<div class=\"notes\"><b>" << both("已人工排除的否决候选", "Veto candidates dismissed")
        << "</b>" << veto_list(subject.dismissed) << "</div>";
  }
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
        {"message", finding.message}, {"evidence", evidence_json(finding)}};
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

core::Expected<bool> write_html(const std::string& path, const ReportData& data) {
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
    out << "<div class=\"banner incomplete\" id=\"incomplete\"><b>"
        << both("扫描未完成，或有网站、账号无法评估：结果不完整，不能视为合格",
                "The scan is incomplete or a subject could not be assessed: the results are "
                "partial, never a pass")
        << "</b><ul>";
    for (const auto& subject : data.score.subjects) {
      if (subject.subject.blocked.empty()) continue;
      out << "<li>" << markup_escape(subject_label(subject)) << "："
          << both(blocked_text(subject.subject.blocked, false),
                  blocked_text(subject.subject.blocked, true))
          << (subject.subject.blocked_detail.empty()
                  ? ""
                  : "（" + markup_escape(subject.subject.blocked_detail) + "）")
          << "</li>";
    }
    out << "</ul></div>";
  }
  if (!data.expired.empty()) {
    out << "<div class=\"banner candidate\" id=\"expired\"><b>"
        << both("以下例外说明已过期，不再豁免任何问题：",
                "These exceptions have expired and explain nothing any more:")
        << "</b><ul>";
    for (const auto& entry : data.expired) {
      out << "<li>"
          << markup_escape(entry.check + " " + entry.url + " — " + entry.owner + ", " +
                           entry.expires + ": " + entry.reason)
          << "</li>";
    }
    out << "</ul></div>";
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
