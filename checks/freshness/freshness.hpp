#pragma once
// Content freshness (栏目更新), each site judged on its own pages:
// - home.stale (首页不更新): the newest dated item linked from the site's homepage (from the
//   second-level pages when the homepage only navigates): failure with a confirmed veto past the
//   veto window, warning past the early-warning window, info otherwise;
// - columns.stale (栏目不更新): one info row per column (the report's columns table), one
//   failure per stale column, one site-level finding when the veto lines (or early-warning
//   levels) are crossed;
// - columns.blank (空白栏目): one failure per blank column and one site-level finding at the veto
//   line (or the early-warning level);
// - newmedia.stale (政务新媒体内容不更新): one finding per account (listed on the site's 政务新媒体
//   page or configured for it): failure with a confirmed veto when its newest post is older than
//   the veto window or it has none (blank), warning past the early-warning window or when the
//   account page could not be read (review), info otherwise; the account is scored apart from
//   the website. One info finding per site counts them.
// Columns are discovered once per site (columns.hpp) for both column checks.

#include <checks/check.hpp>
#include <checks/freshness/columns.hpp>
#include <checks/freshness/list_facts.hpp>
#include <checks/freshness/rules.hpp>

#include <vector>

namespace checks {

class Freshness final : public CheckWith<FreshnessFacts> {
public:
  Freshness(const FreshnessRules& rules, const AuditContext& context)
      : m_rules(rules), m_context(context) {}
  std::span<const std::string_view> ids() const override;

protected:
  std::optional<FreshnessFacts> collect(const scanner::Page& page,
                                        std::vector<Finding>&) const override;
  std::vector<Finding> conclude_site(const SiteView& site, const Entries& facts) const override;

private:
  void judge_home(const SiteView& site, const Entries& facts, std::vector<Finding>& findings) const;
  void judge_columns(const SiteView& site, const std::vector<Column>& columns,
                     std::vector<Finding>& findings) const;
  void judge_blank(const SiteView& site, const std::vector<Column>& columns,
                   std::vector<Finding>& findings) const;
  void judge_accounts(const SiteView& site, const Entries& facts,
                      std::vector<Finding>& findings) const;

  const FreshnessRules& m_rules;
  const AuditContext& m_context;
};

} // namespace checks
