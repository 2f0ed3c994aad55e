#pragma once
// robots.txt (RFC 9309): the group that applies to our User-Agent, Allow/Disallow with the
// longest match winning, '*' and '$' patterns, Crawl-delay and Sitemap lines.

#include <string>
#include <string_view>
#include <vector>

namespace scanner {

class RobotsRules {
public:
  // Parses robots.txt `text` for the crawler whose product token is `agent` (e.g. "govaudit").
  // A group naming `agent` wins over the "*" group. Unknown lines are ignored.
  static RobotsRules parse(std::string_view text, std::string_view agent);

  // Rules that allow everything (no robots.txt, or a 4xx answer).
  static RobotsRules allow_all() { return RobotsRules(); }

  // Whether `path_query` ("/a/b?c", percent-encoded as in the URL) may be fetched.
  bool allowed(std::string_view path_query) const;

  double crawl_delay() const { return m_crawl_delay; }
  const std::vector<std::string>& sitemaps() const { return m_sitemaps; }

private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  static bool matches(std::string_view pattern, std::string_view path);

  std::vector<Rule> m_rules;
  double m_crawl_delay = 0;
  std::vector<std::string> m_sitemaps;
};

} // namespace scanner
