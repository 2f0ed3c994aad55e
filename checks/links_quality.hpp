#pragma once
// Link warnings that are not breakage: long or downgrading redirect chains
// (links.redirects), http resources on https pages (links.mixed_content) and fragments that
// point at no element (links.anchors).

#include <checks/check.hpp>

#include <string>
#include <vector>

namespace checks {

class LinksRedirects final : public Check {
public:
  // Reads links.redirect_chain_warn_hops from the ruleset (throws std::invalid_argument).
  explicit LinksRedirects(const CheckContext& context);
  std::string_view id() const override { return "links.redirects"; }
  PageReport check_page(const scanner::Page&) const override { return {}; }
  // One warning per working chain longer than the limit or leaving https for http, with the
  // hops and the pages that link to it. Over the whole crawl.
  std::vector<Finding> check_site(const SiteView& site, const PageFacts&) const override;
  bool per_site() const override { return false; }

private:
  std::size_t m_warn_hops = 0;
};

class LinksMixedContent final : public Check {
public:
  std::string_view id() const override { return "links.mixed_content"; }
  // One warning per http:// resource (image, script, style, frame, media) an https page loads.
  PageReport check_page(const scanner::Page& page) const override;
};

class LinksAnchors final : public Check {
public:
  // Reads links.ignored_fragments from the ruleset (throws std::invalid_argument).
  explicit LinksAnchors(const CheckContext& context);
  std::string_view id() const override { return "links.anchors"; }
  // Same-page fragments are judged here; links to another page's fragment and the page's own
  // ids are kept as facts.
  PageReport check_page(const scanner::Page& page) const override;
  // One warning per (page#fragment, linking page) where the parsed target has no such id.
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  bool per_site() const override { return false; }

private:
  bool ignored(const std::string& fragment) const;
  std::vector<std::string> m_ignored;
};

} // namespace checks
