#pragma once
// Site identity (网站基本规范): the .gov.cn domain rule, site search, and the marks every page's
// bottom area must carry — 网站标识码, ICP备案号 linked to the MIIT filing site, 公安机关备案号
// linked to the 公安 filing site, the 党政机关网站标识, 主办单位, 联系方式 and the 网站找错
// entry. Each mark's coverage is the share of pages carrying it, error pages excluded, with the
// pages that lack it. Words, patterns and link targets come from the ruleset's "identity"
// section.

#include <checks/check.hpp>

#include <map>
#include <rules/reader.hpp>
#include <string>
#include <vector>

namespace checks {

// The "identity" section of the ruleset, validated.
struct IdentityRules {
  std::vector<std::string> domain_suffixes;
  std::string portal_prefix;
  std::size_t footer_lines = 12; // the page-bottom area: this many last lines of text (0: all)
  std::vector<std::string> error_page_phrases;
  std::vector<std::string> site_code_labels;
  std::size_t site_code_length = 10;
  std::string icp_marker;
  std::vector<std::string> icp_targets;
  std::string psb_marker;
  std::size_t psb_digits = 14;
  std::vector<std::string> psb_targets;
  std::vector<std::string> dzjg_targets;
  std::vector<std::string> dzjg_image_words;
  std::vector<std::string> sponsor_labels;
  std::vector<std::string> contact_labels;
  std::vector<std::string> error_report_words;
  std::vector<std::string> error_report_targets;
  std::vector<std::string> search_words;
};

// Reads the "identity" section of the ruleset; problems go to the section's collector.
IdentityRules read_identity_rules(const rules::Section& section);

// Every mark name: site_code, icp, icp_link, psb, psb_link, dzjg, sponsor, contact,
// error_report.
const std::vector<std::string>& identity_mark_names();

// Which marks the bottom area of `page` carries (mark name -> matched text, empty if absent).
std::map<std::string, std::string> find_identity_marks(const scanner::Page& page,
                                                       const IdentityRules& rules);

// Whether `page` is an error page (HTTP status >= 400, a "页面不存在" soft 404) or no site page
// at all (no title and no anchor: a counter's or a widget's answer).
bool is_error_page(const scanner::Page& page, const IdentityRules& rules);

// What the identity concern keeps about a page: the bit set of the marks it lacks (bit i =
// identity_mark_names()[i]; -1 for an error page, which no mark rule judges) and, for a start
// page, whether it offers a site search.
struct IdentityFacts {
  std::int16_t lacking = 0;
  std::int8_t search = -1; // -1: not a start page; 0 or 1
};

// Site identity, per site:
// - identity.site_code (site_code), identity.icp (icp, icp_link), identity.psb (psb, psb_link),
//   identity.dzjg (dzjg), identity.footer (sponsor, contact, error_report): per mark one finding
//   about the site's own pages, a failure naming the coverage and every page without the mark
//   (a warning for the provisional error_report mark), or an info row when every page has it;
// - identity.domain: every start host ends in a government suffix (.gov.cn, .政务), and the
//   portal's (the first site's) begins with "www."; a department's host need not;
// - identity.search: the homepage offers a site search (a form, or a 搜索 link); a warning when
//   not (provisional rule).
class Identity final : public CheckWith<IdentityFacts> {
public:
  explicit Identity(const IdentityRules& rules) : m_rules(rules) {}
  std::span<const std::string_view> ids() const override;

protected:
  std::optional<IdentityFacts> collect(const scanner::Page& page,
                                       std::vector<Finding>&) const override;
  std::vector<Finding> conclude_site(const SiteView& site, const Entries& facts) const override;

private:
  void judge_marks(const SiteView& site, const Entries& facts,
                   std::vector<Finding>& findings) const;
  void judge_domain(const SiteView& site, std::vector<Finding>& findings) const;
  void judge_search(const SiteView& site, const Entries& facts,
                    std::vector<Finding>& findings) const;

  const IdentityRules& m_rules;
};

} // namespace checks
