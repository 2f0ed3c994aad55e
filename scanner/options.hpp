#pragma once
// Crawl settings: what the crawler obeys (app/settings.hpp reads them from the command line and
// the config file).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scanner {

// A new-media account (WeChat official account, Weibo, Douyin ...) that a site declares.
struct NewMediaAccount {
  std::string name;     // account name as shown to the public, may be empty
  std::string platform; // free-form platform name, e.g. "wechat" or "weibo"; may be empty
  std::string url;      // absolute http(s) URL of the account page
};

// A column (栏目) the config names or corrects: `url` is the column's first list page; `name`
// and `column_class` (a class id of the ruleset's "freshness" section) override what discovery
// found, and `level` (1 = first-level column, 0 = unknown) its level. A configured column that
// discovery missed (a 重点领域专栏 not linked from the navigation) is added.
struct ColumnConfig {
  std::string url;
  std::string name;
  std::string column_class;
  int level = 0;
};

// One audited site from the config file (or the start URLs of the command line).
struct SiteConfig {
  std::string name;                    // display name, may be empty
  std::vector<std::string> start_urls; // absolute http(s) URLs
  std::vector<std::string> hosts;      // extra hosts that belong to the site (crawled)
  std::vector<std::string> new_media;  // new-media account pages (fetched, checked by later checks)
  // The same accounts as `new_media`, in the same order, with their name and platform when the
  // config file gives them (a plain URL entry yields empty name and platform).
  std::vector<NewMediaAccount> new_media_accounts;
  std::vector<ColumnConfig> columns; // named or corrected columns
  // False for a body without external services (办事服务): its score leaves the service group
  // out and scales the other groups (ruleset "scoring.service_scaling").
  bool has_services = true;
  // Path prefixes ("/jyj/") that are the site's where it shares a host with other configured
  // sites (a department under the portal's host); see SiteScope.
  std::vector<std::string> paths = {};
};

struct CrawlOptions {
  std::vector<SiteConfig> sites;
  std::uint32_t max_pages = 100000;
  int max_depth = 50;
  int concurrency = 16;               // transfers in flight, all hosts together
  int per_host = 2;                   // transfers in flight per host
  double rate = 4;                    // requests per second per host; 0 = unlimited
  double timeout = 30;                // total seconds per transfer
  double connect_timeout = 10;        // seconds
  int retries = 2;                    // extra attempts for transient failures
  double recheck_after = 60;          // seconds before failed links get a second look
  int probe_count = 20;               // govaudit probe: samples to take
  double probe_interval = 60;         // govaudit probe: seconds between two samples
  std::uint64_t max_body = 20u << 20; // bytes; larger bodies are cut and flagged too_large
  std::string user_agent;             // empty = the default honest one
  std::string dns_server;             // IP[:PORT]; empty = the system's resolvers
  bool ignore_robots = false;
  std::vector<std::string> include; // ECMAScript regexes: in-scope URLs must match one (if any)
  std::vector<std::string> exclude; // in-scope URLs matching one are not crawled
  // Anchor texts of a list's pager besides page numbers (is_pager_text): pager hops do not count
  // toward max_depth. run_scan sets them from the ruleset (freshness.list.pagination_texts).
  std::vector<std::string> pager_texts;
  // Request shaping for staging sites. Secrets are never written to crawl.json.
  std::vector<std::string> headers; // "Name: value"
  std::string cookie_jar;           // file read and written by libcurl
  std::string user;                 // USER:PASS for basic auth
  std::string proxy;                // proxy URL
  bool insecure = false;            // accept invalid TLS certificates
  bool allow_loopback = true;       // loopback addresses count as usable (fixtures, demo)
  // IPv6 checks: ::1 counts as a global address (fixtures and the bench serve IPv6 on loopback;
  // a real site's AAAA must be global). Off by default.
  bool allow_loopback_ipv6 = false;
  // IPv6 checks: at most this many URLs per origin and level fetched over IPv6 once the origin
  // has answered over IPv6 (the rest take the origin's verdict); 0 = every URL.
  int ipv6_sample = 0;
};

// The default User-Agent: names govaudit, its version and where to learn more.
std::string default_user_agent();

} // namespace scanner
