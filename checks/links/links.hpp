#pragma once
// Links (链接可用性): links.broken (every link target that fails, with the pages that link to
// it; soft 404s), links.unverified (hosts that block crawlers, reported apart and never as
// broken), and the link warnings that are not breakage: links.redirects (long or downgrading
// redirect chains), links.mixed_content (http resources on https pages) and links.anchors
// (fragments that point at no element). Phrases and limits come from the ruleset's "links"
// section. Concludes once over the whole crawl: a link's finding is the site's whose page
// carries it.

#include <checks/check.hpp>

#include <optional>
#include <rules/reader.hpp>
#include <string>
#include <vector>

namespace checks {

// The "links" section of the ruleset, validated.
struct LinksRules {
  std::vector<std::string> soft_404_phrases;
  std::size_t soft_404_max_text_chars = 0;
  std::size_t redirect_chain_warn_hops = 0;
  std::vector<std::string> ignored_fragments;
};

// Reads the "links" section of the ruleset; problems go to the section's collector.
LinksRules read_links_rules(const rules::Section& section);

// Why a page served with 200 reads as an error page.
struct SoftNotFound {
  std::string how; // "title" or "text"
  std::string phrase;
  std::string title;
};

// A link to a fragment of another page: judged once that page's ids are known.
struct FragmentLink {
  std::string url;
  std::string fragment;
  std::uint32_t line = 0;
  std::string text;
};

// What the links concern keeps about a page.
struct LinkFacts {
  std::optional<SoftNotFound> soft_404;
  std::vector<FragmentLink> fragment_links;
  std::string ids; // the page's element ids, '\n'-terminated (the first 256)
};

// Whether `fetch` failed: a transport failure or an HTTP status of 400 or more. Blocked
// answers and robots.txt refusals are not failures of the link.
bool is_broken(const scanner::FetchOutcome& fetch);

class Links final : public CheckWith<LinkFacts> {
public:
  explicit Links(const LinksRules& rules) : m_rules(rules) {}
  std::span<const std::string_view> ids() const override;
  bool per_site() const override { return false; }

protected:
  // Same-page fragments and mixed content are judged here; a page that reads as an error page,
  // links to other pages' fragments and the page's own ids are kept.
  std::optional<LinkFacts> collect(const scanner::Page& page,
                                   std::vector<Finding>& findings) const override;
  std::vector<Finding> conclude_site(const SiteView& site, const Entries& facts) const override;

private:
  // links.broken and links.unverified: one finding per (failed target, linking page); a target
  // no page links to (a start URL) gets one finding without a page; one info summary.
  void judge_targets(const SiteView& site, const Entries& facts,
                     std::vector<Finding>& findings) const;
  // links.redirects: one warning per working chain longer than the limit or leaving https.
  void judge_redirects(const SiteView& site, std::vector<Finding>& findings) const;
  // links.anchors: one warning per (page#fragment, linking page) where the parsed target has no
  // such id.
  void judge_fragments(const SiteView& site, const Entries& facts,
                       std::vector<Finding>& findings) const;
  std::optional<SoftNotFound> soft_404(const scanner::Page& page) const;
  void check_mixed_content(const scanner::Page& page, std::vector<Finding>& findings) const;
  void check_fragments(const scanner::Page& page, LinkFacts& facts,
                       std::vector<Finding>& findings) const;

  const LinksRules& m_rules;
};

} // namespace checks
