#include <scanner/probe.hpp>
#include <scanner/sampled_crawl.hpp>

#include <algorithm>

namespace scanner {

std::vector<std::string> site_homepages(const SiteScope& scope) {
  std::vector<std::string> homepages;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    if (scope.start_urls(i).empty()) continue;
    const std::string& home = scope.start_urls(i).front();
    if (std::find(homepages.begin(), homepages.end(), home) == homepages.end()) {
      homepages.push_back(home);
    }
  }
  return homepages;
}

core::Expected<Site> crawl_with_samples(const CrawlOptions& options, const CrawlHooks& hooks,
                                        const SiteScope& scope, const SampleRules& rules) {
  const std::vector<std::string> homepages = site_homepages(scope);
  std::vector<ProbeSample> samples;
  std::vector<ProbeSample> family_samples;
  auto sample_families = [&](const ProbeSample& any) {
    if (!options.proxy.empty()) return;
    if (any.error.empty() && !any.remote_address.empty() &&
        any.remote_address.find(':') == std::string::npos) {
      family_samples.push_back(any);
      family_samples.back().family = 4;
    } else {
      family_samples.push_back(
          probe_page(any.url, options, rules.timeout_s, rules.error_phrases, 4));
    }
    family_samples.push_back(probe_page(any.url, options, rules.timeout_s, rules.error_phrases, 6));
  };
  // One round over every site's homepage: an availability sample and the pinned pair.
  auto sample_homepages = [&] {
    for (const auto& homepage : homepages) {
      samples.push_back(probe_page(homepage, options, rules.timeout_s, rules.error_phrases));
      sample_families(samples.back());
    }
  };
  sample_homepages();
  auto crawled = crawl(options, hooks);
  if (!crawled) return crawled;
  if (crawled->complete) sample_homepages();
  crawled->homepage_samples = std::move(samples);
  crawled->family_samples = std::move(family_samples);
  return crawled;
}

} // namespace scanner
