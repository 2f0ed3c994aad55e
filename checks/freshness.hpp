#pragma once
// home.stale (首页不更新) and newmedia.stale (政务新媒体内容不更新): the newest dated item linked
// from the homepage, and the newest post of each new-media account, against the audit date.

#include <checks/check.hpp>
#include <checks/freshness_rules.hpp>
#include <checks/list_facts.hpp>

namespace checks {

// home.stale: one finding per site: failure with evidence.veto when the newest item linked from
// the site's homepage (from the second-level pages when the homepage only navigates) is older than
// the veto window, warning past the early-warning window, info otherwise.
class HomeStale final : public Check {
public:
  // Reads the ruleset's "freshness" section; throws std::invalid_argument when it is malformed.
  explicit HomeStale(const CheckContext& context);
  std::string_view id() const override { return "home.stale"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  std::string_view shared_facts() const override { return k_freshness_facts; }

private:
  FreshnessRules m_rules;
  scanner::CivilDate m_as_of;
};

// newmedia.stale: one finding per account (listed on the site's 政务新媒体 page or configured for
// it): failure when its newest post is older than the veto window or it has none (blank),
// warning past the early-warning window or when the account page could not be read
// (evidence.review), info otherwise. A stale or blank account's finding carries the veto
// (evidence.veto): the account is scored apart from the website. One info finding per site
// counts them.
class NewmediaStale final : public Check {
public:
  // Reads the ruleset's "freshness" section; throws std::invalid_argument when it is malformed.
  explicit NewmediaStale(const CheckContext& context);
  std::string_view id() const override { return "newmedia.stale"; }
  PageReport check_page(const scanner::Page& page) const override;
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  std::string_view shared_facts() const override { return k_freshness_facts; }

private:
  const CheckContext& m_context;
  FreshnessRules m_rules;
  scanner::CivilDate m_as_of;
};

} // namespace checks
