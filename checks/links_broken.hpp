#pragma once
// links.broken (链接可用性) and links.unverified: every link target that fails, with the pages
// that link to it; soft 404s; hosts that block crawlers reported apart, never as broken.

#include <checks/check.hpp>

#include <string>
#include <vector>

namespace checks {

class LinksBroken final : public Check {
public:
  // Reads the "links" section of the ruleset (soft-404 phrases and text limit). Throws
  // std::invalid_argument naming the key when it is missing or malformed.
  explicit LinksBroken(const CheckContext& context);
  std::string_view id() const override { return "links.broken"; }
  std::vector<std::string_view> ids() const override {
    return {"links.broken", "links.unverified"};
  }
  // Keeps, for a page that reads as an error page, why (facts {"soft_404": reason, ...}).
  PageReport check_page(const scanner::Page& page) const override;
  // One finding per (broken target, linking page); a target no page links to (a start URL)
  // gets one finding without a page. Blocked hosts give links.unverified findings instead.
  // Over the whole crawl: a link counts against the site of the page that carries it, and
  // on_homepage says whether that page is a site's homepage.
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  bool per_site() const override { return false; }

private:
  std::vector<std::string> m_phrases;
  std::size_t m_max_text_chars = 0;
};

// Whether `fetch` failed: a transport failure or an HTTP status of 400 or more. Blocked
// answers and robots.txt refusals are not failures of the link.
bool is_broken(const scanner::FetchOutcome& fetch);

} // namespace checks
