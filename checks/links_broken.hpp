#pragma once
// links.broken (链接可用性): every link target whose fetch failed, with the pages that link it.

#include <checks/check.hpp>

namespace checks {

class LinksBroken final : public Check {
public:
  std::string_view id() const override { return "links.broken"; }
  // Pages are judged as link targets once the crawl is over: nothing per page.
  PageReport check_page(const scanner::Page&) const override { return {}; }
  // One finding per (broken target, linking page); targets without a recorded referrer (a
  // start URL) get one finding without a page.
  std::vector<Finding> check_site(const scanner::Site& site, const PageFacts&) const override;
};

// Whether `fetch` counts as broken: a transport failure or an HTTP status of 400 or more.
bool is_broken(const scanner::FetchOutcome& fetch);

} // namespace checks
