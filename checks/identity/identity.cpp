#include <checks/content_util.hpp>
#include <checks/identity/identity.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace checks {
namespace {

using content::is_digit;

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// After one of `labels`, optional "：" / ":" and spaces, exactly `length` letters or digits.
std::string find_site_code(std::string_view text, const std::vector<std::string>& labels,
                           std::size_t length) {
  for (const auto& label : labels) {
    for (std::size_t at = scanner::find_text(text, label); at != std::string_view::npos;
         at = scanner::find_text(text, label, at + 1)) {
      std::size_t p = at + label.size();
      if (text.substr(p).starts_with("：")) p += std::string_view("：").size();
      while (p < text.size() && (text[p] == ':' || text[p] == ' ')) ++p;
      std::size_t end = p;
      while (end < text.size() && is_alnum(text[end])) ++end;
      if (end - p == length) return std::string(text.substr(p, length));
    }
  }
  return {};
}

// <省简称>ICP备12345678号(-1): the marker, digits, 号 and an optional "-N".
std::string find_icp(std::string_view text, const std::string& marker) {
  for (std::size_t at = scanner::find_text(text, marker); at != std::string_view::npos;
       at = scanner::find_text(text, marker, at + 1)) {
    std::size_t p = at + marker.size();
    std::size_t digits = p;
    while (p < text.size() && is_digit(text[p])) ++p;
    if (p == digits || !text.substr(p).starts_with("号")) continue;
    p += std::string_view("号").size();
    if (p + 1 < text.size() && text[p] == '-' && is_digit(text[p + 1])) {
      ++p;
      while (p < text.size() && is_digit(text[p])) ++p;
    }
    const std::size_t begin = at >= 3 ? at - 3 : at; // the province's one character
    return std::string(text.substr(begin, p - begin));
  }
  return {};
}

// <省简称>公网安备 33010202000123号: the marker, spaces, `digits` digits and 号.
std::string find_psb(std::string_view text, const std::string& marker, std::size_t digits) {
  for (std::size_t at = scanner::find_text(text, marker); at != std::string_view::npos;
       at = scanner::find_text(text, marker, at + 1)) {
    std::size_t p = at + marker.size();
    while (p < text.size() && text[p] == ' ') ++p;
    std::size_t start = p;
    while (p < text.size() && is_digit(text[p])) ++p;
    if (p - start != digits || !text.substr(p).starts_with("号")) continue;
    p += std::string_view("号").size();
    const std::size_t begin = at >= 3 ? at - 3 : at;
    return std::string(text.substr(begin, p - begin));
  }
  return {};
}

const std::map<std::string, std::vector<std::string>>& marks_by_check() {
  static const std::map<std::string, std::vector<std::string>> marks = {
      {"identity.site_code", {"site_code"}},
      {"identity.icp", {"icp", "icp_link"}},
      {"identity.psb", {"psb", "psb_link"}},
      {"identity.dzjg", {"dzjg"}},
      {"identity.footer", {"sponsor", "contact", "error_report"}},
  };
  return marks;
}

const std::map<std::string, std::string>& mark_labels() {
  static const std::map<std::string, std::string> labels = {
      {"site_code", "网站标识码"},
      {"icp", "ICP备案号"},
      {"icp_link", "ICP备案号链接"},
      {"psb", "公安机关备案号"},
      {"psb_link", "公安机关备案号链接"},
      {"dzjg", "党政机关网站标识"},
      {"sponsor", "主办单位"},
      {"contact", "联系方式"},
      {"error_report", "网站找错入口"},
  };
  return labels;
}

// A mark missing site-wide lists every page: the evidence names the first ones (the counts
// stay exact) so that findings.json and the report do not carry the whole site per mark.
constexpr std::size_t k_max_listed_pages = 1000;

std::vector<std::string> first_of(const std::vector<std::string>& pages) {
  const auto end =
      pages.begin() + static_cast<std::ptrdiff_t>(std::min(pages.size(), k_max_listed_pages));
  return {pages.begin(), end};
}

std::string percent(double ratio) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", ratio * 100);
  return text;
}

} // namespace

IdentityRules read_identity_rules(const rules::Section& section) {
  IdentityRules rules;
  rules.domain_suffixes = section.strings("domain_suffixes");
  rules.portal_prefix = section.string("portal_prefix");
  rules.footer_lines = static_cast<std::size_t>(section.integer("footer_lines", 0, 1000));
  rules.error_page_phrases = section.strings_or_empty("error_page_phrases");
  const auto site_code = section.child("site_code");
  rules.site_code_labels = site_code.strings("labels");
  rules.site_code_length = static_cast<std::size_t>(site_code.integer("length", 1, 64));
  const auto icp = section.child("icp");
  rules.icp_marker = icp.string("marker");
  rules.icp_targets = icp.strings("link_targets");
  const auto psb = section.child("psb");
  rules.psb_marker = psb.string("marker");
  rules.psb_digits = static_cast<std::size_t>(psb.integer("digits", 1, 64));
  rules.psb_targets = psb.strings("link_targets");
  const auto dzjg = section.child("dzjg");
  rules.dzjg_targets = dzjg.strings("link_targets");
  rules.dzjg_image_words = dzjg.strings_or_empty("image_words");
  const auto footer = section.child("footer");
  rules.sponsor_labels = footer.strings("sponsor_labels");
  rules.contact_labels = footer.strings("contact_labels");
  rules.error_report_words = footer.strings("error_report_words");
  rules.error_report_targets = footer.strings_or_empty("error_report_targets");
  rules.search_words = section.child("search").strings("words");
  return rules;
}

const std::vector<std::string>& identity_mark_names() {
  static const std::vector<std::string> names = {"site_code", "icp",      "icp_link",
                                                 "psb",       "psb_link", "dzjg",
                                                 "sponsor",   "contact",  "error_report"};
  return names;
}

bool is_error_page(const scanner::Page& page, const IdentityRules& rules) {
  if (page.fetch.status >= 400) return true;
  // A fragment without a title or a single link (a visit counter's answer) is no site page.
  bool anchors = false;
  for (const auto& link : page.links) anchors = anchors || link.kind == scanner::LinkKind::anchor;
  if (page.title.empty() && !anchors) return true;
  return content::contains_any(page.title, rules.error_page_phrases) ||
         content::contains_any(page.text, rules.error_page_phrases);
}

std::map<std::string, std::string> find_identity_marks(const scanner::Page& page,
                                                       const IdentityRules& rules) {
  std::map<std::string, std::string> marks;
  for (const auto& name : identity_mark_names()) marks[name];
  const std::string_view footer = content::last_lines(page.text, rules.footer_lines);
  const std::size_t footer_start = page.text.size() - footer.size();
  marks["site_code"] = find_site_code(footer, rules.site_code_labels, rules.site_code_length);
  marks["icp"] = find_icp(footer, rules.icp_marker);
  marks["psb"] = find_psb(footer, rules.psb_marker, rules.psb_digits);
  std::string found;
  if (content::contains_any(footer, rules.sponsor_labels, &found)) marks["sponsor"] = found;
  if (content::contains_any(footer, rules.contact_labels, &found)) marks["contact"] = found;
  for (std::size_t i = 0; i < page.links.size(); ++i) {
    const scanner::Link& link = page.links[i];
    const bool in_footer = i < page.link_offsets.size() && page.link_offsets[i] >= footer_start;
    if (!in_footer || link.kind != scanner::LinkKind::anchor) continue;
    const std::string target = content::host_and_path(link.url);
    if (content::matches_target(target, rules.icp_targets)) marks["icp_link"] = link.url;
    if (content::matches_target(target, rules.psb_targets)) marks["psb_link"] = link.url;
    if (content::matches_target(target, rules.dzjg_targets)) marks["dzjg"] = link.url;
    if (content::matches_target(target, rules.error_report_targets) ||
        content::contains_any(link.text, rules.error_report_words))
      marks["error_report"] = link.url;
  }
  // The 党政机关 icon without its certificate link still shows the mark.
  for (std::size_t i = 0; i < page.images.size() && marks["dzjg"].empty(); ++i) {
    const bool in_footer = i < page.image_offsets.size() && page.image_offsets[i] >= footer_start;
    if (in_footer && (content::contains_any(page.images[i].alt, rules.dzjg_image_words) ||
                      content::contains_any(page.images[i].url, rules.dzjg_image_words)))
      marks["dzjg"] = page.images[i].url;
  }
  return marks;
}

std::span<const std::string_view> Identity::ids() const {
  static constexpr std::string_view k_ids[] = {
      "identity.domain", "identity.site_code", "identity.icp",   "identity.psb",
      "identity.dzjg",   "identity.footer",    "identity.search"};
  return k_ids;
}

std::optional<IdentityFacts> Identity::collect(const scanner::Page& page,
                                               std::vector<Finding>&) const {
  IdentityFacts facts;
  if (page.depth == 0) {
    bool search = false;
    for (const auto& link : page.links) {
      search = search || link.kind == scanner::LinkKind::form ||
               content::contains_any(link.text, m_rules.search_words);
    }
    facts.search = search ? 1 : 0;
  }
  if (is_error_page(page, m_rules)) {
    facts.lacking = -1;
    return facts;
  }
  const auto marks = find_identity_marks(page, m_rules);
  const auto& names = identity_mark_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (marks.at(names[i]).empty()) facts.lacking |= static_cast<std::int16_t>(1 << i);
  }
  return facts;
}

std::vector<Finding> Identity::conclude_site(const SiteView& site, const Entries& facts) const {
  std::vector<Finding> findings;
  judge_domain(site, findings);
  judge_marks(site, facts, findings);
  judge_search(site, facts, findings);
  return findings;
}

void Identity::judge_marks(const SiteView& site, const Entries& facts,
                           std::vector<Finding>& findings) const {
  const auto& urls = site.crawl().urls;
  std::size_t pages = 0;
  std::vector<std::string> excluded;
  std::map<std::string, std::vector<std::string>> missing;
  const auto& names = identity_mark_names();
  for (const auto* entry : facts) {
    const std::uint32_t page_id = entry->first;
    const std::string url = page_id < urls.size() ? urls[page_id].url : std::string();
    const int lacking = entry->second.lacking;
    if (lacking < 0) {
      excluded.push_back(url);
      continue;
    }
    ++pages;
    auto lacks = [&](std::string_view mark) {
      const auto at = std::find(names.begin(), names.end(), mark);
      return at != names.end() && ((lacking >> (at - names.begin())) & 1) != 0;
    };
    for (const auto& name : names) {
      // The filing number and its link are one footer item: a page without the number is
      // counted once, under the number; the link is missing only where the number is shown.
      if (!lacks(name)) continue;
      if (name == "icp_link" && lacks("icp")) continue;
      if (name == "psb_link" && lacks("psb")) continue;
      missing[name].push_back(url);
    }
  }
  if (pages == 0) return;
  const std::string& home = site.home();
  for (const auto& [check, marks] : marks_by_check()) {
    for (const auto& mark : marks) {
      const auto& lacking = missing[mark];
      const double ratio = static_cast<double>(pages - lacking.size()) / static_cast<double>(pages);
      nlohmann::json evidence = {{"mark", mark},
                                 {"pages", pages},
                                 {"with_mark", pages - lacking.size()},
                                 {"coverage", ratio},
                                 {"value", ratio},
                                 {"threshold", 1.0},
                                 {"pages_missing", first_of(lacking)},
                                 {"excluded_pages", first_of(excluded)}};
      if (lacking.size() > k_max_listed_pages || excluded.size() > k_max_listed_pages) {
        evidence["listed_pages_limit"] = k_max_listed_pages;
      }
      const std::string& label = mark_labels().at(mark);
      // The 网站找错 entry is provisional advice: a warning, never scored.
      const bool advisory = mark == "error_report";
      Finding finding{check, Severity::info, home, {}, {}, std::move(evidence)};
      finding.key = mark;
      if (lacking.empty()) {
        finding.message = "全部 " + std::to_string(pages) + " 个页面均显示" + label;
      } else {
        finding.severity = advisory ? Severity::warning : Severity::failure;
        finding.message = std::to_string(lacking.size()) + " 个页面缺少" + label + "（覆盖率 " +
                          percent(ratio) + "）";
      }
      findings.push_back(std::move(finding));
    }
  }
}

void Identity::judge_domain(const SiteView& site, std::vector<Finding>& findings) const {
  for (std::size_t i = 0; i < site.start_urls().size(); ++i) {
    const std::string& start = site.start_urls()[i];
    const std::string host(scanner::url_host(start));
    if (host.empty()) continue;
    bool government = false;
    for (const auto& suffix : m_rules.domain_suffixes) {
      government = government || (host.size() > suffix.size() && host.ends_with(suffix));
    }
    const bool ip_literal = scanner::is_ip_literal(host);
    nlohmann::json evidence = {{"host", host}, {"suffixes", m_rules.domain_suffixes}};
    if (ip_literal || host == "localhost") {
      Finding finding{"identity.domain",
                      Severity::warning,
                      start,
                      {},
                      "站点以 IP 地址或本机名访问，无法判断域名是否规范：" + host,
                      std::move(evidence)};
      finding.review = true;
      findings.push_back(std::move(finding));
    } else if (!government) {
      findings.push_back({"identity.domain",
                          Severity::failure,
                          start,
                          {},
                          "网站域名不以政府网站后缀结尾：" + host,
                          std::move(evidence)});
    } else if (i == 0 && site.portal() && !host.starts_with(m_rules.portal_prefix)) {
      // The www. rule is the portal's: a department (jyj.example.gov.cn) is not a portal.
      findings.push_back(
          {"identity.domain",
           Severity::warning,
           start,
           {},
           "门户网站域名未采用 " + m_rules.portal_prefix + "<名称>.gov.cn 形式：" + host,
           std::move(evidence)});
    } else {
      findings.push_back({"identity.domain",
                          Severity::info,
                          start,
                          {},
                          "网站域名符合规范：" + host,
                          std::move(evidence)});
    }
  }
}

void Identity::judge_search(const SiteView& site, const Entries& facts,
                            std::vector<Finding>& findings) const {
  bool start_pages = false;
  bool search = false;
  for (const auto* entry : facts) {
    if (entry->second.search < 0) continue;
    start_pages = true;
    search = search || entry->second.search == 1;
  }
  if (!start_pages) return;
  const std::string& home = site.home();
  if (search) {
    findings.push_back(
        {"identity.search", Severity::info, home, {}, "首页提供站内搜索", {{"search", true}}});
    return;
  }
  // A provisional rule [P]: advice, not scored.
  findings.push_back(
      {"identity.search", Severity::warning, home, {}, "首页未提供站内搜索", {{"search", false}}});
}

} // namespace checks
