#pragma once
// The crawl with its homepage samples: what `govaudit scan` runs. Each configured site's
// homepage is sampled before the crawl and once more after it when the crawl completed
// (avail.homepage), and each sample is paired with one pinned to IPv4 and one pinned to IPv6
// (the IPv6 checks' homepage phase). The checks only judge what this collects.

#include <scanner/crawler.hpp>
#include <scanner/site_scope.hpp>

#include <string>
#include <vector>

namespace scanner {

// How a homepage sample is taken: its time limit and the phrases of an error page served
// with 200 (the ruleset's "avail" and "links" sections).
struct SampleRules {
  double timeout_s = 10;
  std::vector<std::string> error_phrases;
};

// The homepage of each site of `scope` (its first start URL, normalised as the crawl stores
// it), each once: the URLs sampled.
std::vector<std::string> site_homepages(const SiteScope& scope);

// crawl(options, hooks), with Site::homepage_samples and Site::family_samples filled for the
// homepage of each site of `scope`: one round before the crawl, one after it when it completed.
// An availability sample that connected over IPv4 is already the round's IPv4 sample; through
// a proxy, which picks the family itself, no family is pinned.
core::Expected<Site> crawl_with_samples(const CrawlOptions& options, const CrawlHooks& hooks,
                                        const SiteScope& scope, const SampleRules& rules);

} // namespace scanner
