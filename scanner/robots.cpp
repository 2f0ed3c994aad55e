#include <scanner/robots.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace scanner {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Whether the User-agent value `token` names our crawler `agent` (case-insensitive prefix of
// the product token, as RFC 9309 section 2.2.1 suggests).
bool names_agent(std::string_view token, std::string_view agent) {
  if (token.empty() || agent.empty()) return false;
  std::string_view product = token.substr(0, token.find('/'));
  return iequals(product, agent);
}

} // namespace

RobotsRules RobotsRules::parse(std::string_view text, std::string_view agent) {
  RobotsRules ours;
  RobotsRules any;
  bool have_ours = false;
  // Group state: the agents named by the current run of User-agent lines.
  bool group_ours = false;
  bool group_any = false;
  bool in_agent_run = false;
  RobotsRules sitemaps_only;

  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));

    if (iequals(key, "user-agent")) {
      if (!in_agent_run) {
        group_ours = false;
        group_any = false;
      }
      in_agent_run = true;
      if (value == "*") group_any = true;
      if (names_agent(value, agent)) {
        group_ours = true;
        have_ours = true;
      }
      continue;
    }
    in_agent_run = false;
    if (iequals(key, "sitemap")) {
      if (!value.empty()) sitemaps_only.m_sitemaps.emplace_back(value);
      continue;
    }
    const bool allow = iequals(key, "allow");
    if (allow || iequals(key, "disallow")) {
      // An empty Disallow allows everything: it adds no rule.
      if (value.empty()) continue;
      if (group_ours) ours.m_rules.push_back({std::string(value), allow});
      if (group_any) any.m_rules.push_back({std::string(value), allow});
    } else if (iequals(key, "crawl-delay")) {
      double delay = std::strtod(std::string(value).c_str(), nullptr);
      if (delay > 0) {
        if (group_ours) ours.m_crawl_delay = delay;
        if (group_any) any.m_crawl_delay = delay;
      }
    }
  }
  RobotsRules result = have_ours ? std::move(ours) : std::move(any);
  result.m_sitemaps = std::move(sitemaps_only.m_sitemaps);
  return result;
}

bool RobotsRules::matches(std::string_view pattern, std::string_view path) {
  // '*' matches any run of characters; a trailing '$' anchors at the end. Iterative matcher
  // with backtracking to the last '*', linear in practice for robots patterns.
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool RobotsRules::allowed(std::string_view path_query) const {
  // The most specific (longest) matching rule wins; on a tie Allow wins (RFC 9309 2.2.2).
  std::size_t best_length = 0;
  bool verdict = true;
  bool matched = false;
  for (const auto& rule : m_rules) {
    if (!matches(rule.pattern, path_query)) continue;
    const std::size_t length = rule.pattern.size();
    if (!matched || length > best_length || (length == best_length && rule.allow)) {
      best_length = length;
      verdict = rule.allow;
      matched = true;
    }
  }
  return verdict;
}

} // namespace scanner
