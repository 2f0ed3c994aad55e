#pragma once
// Crawl-trap guards: URLs that a site can generate without end (calendars, session ids in
// paths, ever-growing relative paths) are stopped before they are queued.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace scanner {

class TrapGuard {
public:
  struct Limits {
    std::size_t max_url_length = 2048;
    int max_segment_repeats = 3; // same path segment this many times -> trap
    int max_path_segments = 40;
    std::uint32_t max_query_variants = 500; // distinct queries on one path
    std::uint32_t max_calendar_pages = 40;  // distinct date-like variants of one calendar page
  };

  TrapGuard() = default;
  explicit TrapGuard(Limits limits) : m_limits(limits) {}

  // Returns the trap kind that `url` (normalised, in scope) falls into, or empty when it may be
  // crawled: "long_url", "repeated_segment", "query_variations" or "calendar". Counts variants,
  // so call it once per new URL.
  std::string_view classify(std::string_view url);

private:
  Limits m_limits;
  // Distinct query strings seen per "origin + path"; distinct variants per calendar template.
  std::unordered_map<std::string, std::uint32_t> m_query_variants;
  std::unordered_map<std::string, std::uint32_t> m_calendar_variants;
};

} // namespace scanner
