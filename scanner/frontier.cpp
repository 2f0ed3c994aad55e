#include <scanner/attachment.hpp>
#include <scanner/frontier.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <algorithm>
#include <array>

namespace scanner {
namespace {

constexpr std::size_t k_max_depth_buckets = 64;
constexpr int k_max_sitemap_level = 3;
constexpr std::uint16_t k_max_pager_run = 1000; // pager hops in a row that do not count as depth

// Files that are never HTML: checked for availability with HEAD, never downloaded whole.
bool is_resource_path(std::string_view url) {
  constexpr std::array<std::string_view, 34> k_extensions = {
      "pdf", "doc", "docx", "xls", "xlsx", "wps", "et",   "ppt", "pptx", "zip", "rar", "7z",
      "ofd", "jpg", "jpeg", "png", "gif",  "bmp", "webp", "svg", "ico",  "css", "js",  "mp4",
      "mp3", "avi", "flv",  "wmv", "swf",  "txt", "csv",  "gz",  "tif",  "woff"};
  const std::string extension = url_extension(url);
  return !extension.empty() &&
         std::find(k_extensions.begin(), k_extensions.end(), extension) != k_extensions.end();
}

// Links a reader follows to another document; they define a page's depth.
bool is_navigational(LinkKind kind) {
  return kind == LinkKind::anchor || kind == LinkKind::area || kind == LinkKind::frame ||
         kind == LinkKind::iframe || kind == LinkKind::meta_refresh;
}

// A pager link of a list: a pager text (is_pager_text) on an anchor to the same folder
// (index_2.html, ?page=3).
bool is_pager_link(std::string_view page_folder, const Link& link,
                   const std::vector<std::string>& words) {
  // The text first: it rules out almost every link, and more cheaply than the folder.
  return link.kind == LinkKind::anchor && is_pager_text(link.text, words) &&
         url_folder(link.url) == page_folder;
}

} // namespace

Frontier::Frontier(const CrawlOptions& options, Site& site)
    : m_options(options), m_site(site),
      m_index(1024, UrlIdHash{&site.urls}, UrlIdEqual{&site.urls}) {
  for (const auto& site_config : options.sites) {
    for (const auto& host : site_config.hosts) {
      std::string name = ascii_lower(host);
      if (name.rfind("*.", 0) == 0) {
        m_scope_suffix.push_back(name.substr(1));
      } else if (std::find(m_scope.begin(), m_scope.end(), name) == m_scope.end()) {
        m_scope.push_back(name);
      }
    }
  }
  // Patterns were validated with the options; a pattern that fails here is skipped.
  for (const auto& pattern : options.include) {
    try {
      m_include.emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
    }
  }
  for (const auto& pattern : options.exclude) {
    try {
      m_exclude.emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
    }
  }
}

bool Frontier::in_scope_host(std::string_view host) const {
  if (std::find(m_scope.begin(), m_scope.end(), host) != m_scope.end()) return true;
  return std::any_of(m_scope_suffix.begin(), m_scope_suffix.end(), [&](const std::string& s) {
    return host.size() > s.size() && host.substr(host.size() - s.size()) == s;
  });
}

bool Frontier::included(const std::string& url) const {
  if (!m_include.empty() && std::none_of(m_include.begin(), m_include.end(), [&](const auto& re) {
        return std::regex_search(url, re);
      })) {
    return false;
  }
  return std::none_of(m_exclude.begin(), m_exclude.end(),
                      [&](const auto& re) { return std::regex_search(url, re); });
}

std::vector<std::string> Frontier::scope_hosts() const {
  std::vector<std::string> hosts = m_scope;
  for (const auto& suffix : m_scope_suffix) hosts.push_back("*" + suffix);
  std::sort(hosts.begin(), hosts.end());
  return hosts;
}

std::uint32_t Frontier::intern(const std::string& url, std::size_t hash, bool& fresh) {
  if (const auto found = m_index.find(std::string_view(url), hash); found != m_index.end()) {
    fresh = false;
    return *found;
  }
  fresh = true;
  const auto id = static_cast<std::uint32_t>(m_site.urls.size());
  UrlRecord record;
  record.url = url;
  record.in_scope = in_scope_host(url_host(url));
  m_site.urls.push_back(std::move(record));
  m_index.insert(id); // hashes the record's URL: once per distinct URL, not per link
  m_scheduled.push_back(0);
  m_claimed.push_back(0);
  m_crawl_depth.push_back(0);
  m_pager_run.push_back(0);
  return id;
}

std::uint32_t Frontier::origin_of(const std::string& url) {
  std::string origin(url_origin(url));
  auto [it, inserted] =
      m_host_index.try_emplace(origin, static_cast<std::uint32_t>(m_hosts.size()));
  if (inserted) {
    HostState host;
    host.origin = origin;
    host.name = std::string(url_host(url));
    host.in_scope = in_scope_host(host.name);
    host.pages.resize(k_max_depth_buckets);
    m_hosts.push_back(std::move(host));
  }
  return it->second;
}

void Frontier::add_start(const std::string& url) {
  std::string name(url_host(url));
  if (!in_scope_host(name)) m_scope.push_back(name);
  // Records interned before the scope grew keep their flag: starts come first, so none exist.
  bool fresh = false;
  const std::uint32_t id = intern(url, fresh);
  m_site.urls[id].in_scope = true;
  m_site.urls[id].depth = 0;
  schedule(id, true, 0);
}

Job Frontier::make_job(Job::Kind kind, std::uint32_t url_id, int depth) const {
  Job job;
  job.kind = kind;
  job.url_id = url_id;
  job.start_url = m_site.urls[url_id].url;
  job.current_url = job.start_url;
  job.depth = depth;
  job.attachment =
      kind == Job::Kind::check && m_site.urls[url_id].in_scope && is_text_attachment(job.start_url);
  job.head = kind == Job::Kind::check && !job.attachment;
  job.body_wanted = !job.head;
  return job;
}

void Frontier::set_skipped(std::uint32_t id, UrlState state, std::string reason) {
  m_site.urls[id].state = state;
  m_site.urls[id].skip_reason = std::move(reason);
}

void Frontier::schedule(std::uint32_t id, bool navigational, int depth) {
  if (m_scheduled[id]) return;
  m_scheduled[id] = 1;
  m_crawl_depth[id] = depth;
  const UrlRecord& record = m_site.urls[id];
  Job::Kind kind = Job::Kind::check;
  if (record.in_scope) {
    if (!included(record.url)) {
      set_skipped(id, UrlState::skipped, "excluded by --include/--exclude");
      return;
    }
    if (std::string_view trap = m_traps.classify(record.url); !trap.empty()) {
      auto found = std::find_if(m_site.traps.begin(), m_site.traps.end(),
                                [&](const TrapRecord& t) { return t.kind == trap; });
      if (found == m_site.traps.end()) {
        m_site.traps.push_back({std::string(trap), record.url, 1});
      } else {
        found->dropped++;
      }
      set_skipped(id, UrlState::skipped, "crawl trap: " + std::string(trap));
      return;
    }
    if (navigational && !is_resource_path(record.url)) {
      if (depth > m_options.max_depth) {
        m_site.urls[id].skip_reason = "beyond --max-depth: checked, not crawled";
      } else if (m_pages_scheduled >= m_options.max_pages) {
        set_skipped(id, UrlState::skipped, "beyond --max-pages");
        if (m_site.stop_reason.empty()) m_site.stop_reason = "max-pages";
        return;
      } else {
        kind = Job::Kind::page;
        m_pages_scheduled++;
      }
    }
  }
  Job job = make_job(kind, id, depth);
  job.host = origin_of(record.url);
  enqueue(std::move(job));
}

void Frontier::enqueue(Job&& job) {
  HostState& host = m_hosts[job.host];
  m_queued++;
  switch (job.kind) {
  case Job::Kind::check:
    if (!job.attachment) {
      host.checks.push_back(std::move(job));
      break;
    }
    [[fallthrough]]; // an attachment's body waits for the parsers like a page's
  case Job::Kind::page:
    host.pages[std::min<std::size_t>(static_cast<std::size_t>(std::max(job.depth, 0)),
                                     k_max_depth_buckets - 1)]
        .push_back(std::move(job));
    break;
  case Job::Kind::robots:
  case Job::Kind::sitemap:
  case Job::Kind::not_found_probe:
  case Job::Kind::ipv6:
    host.priority.push_back(std::move(job));
    break;
  }
}

void Frontier::add_ipv6(Job&& job) {
  job.host = origin_of(job.current_url);
  enqueue(std::move(job));
}

std::vector<std::uint32_t> Frontier::hosts_with_work() {
  std::vector<std::uint32_t> ids;
  const auto count = static_cast<std::uint32_t>(m_hosts.size());
  if (count == 0) return ids;
  m_rotation = (m_rotation + 1) % count;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t id = (m_rotation + i) % count;
    const HostState& host = m_hosts[id];
    bool work = !host.priority.empty() || !host.checks.empty();
    for (std::size_t d = 0; !work && d < host.pages.size(); ++d) work = !host.pages[d].empty();
    if (work) ids.push_back(id);
  }
  return ids;
}

double Frontier::request_interval(const HostState& host) const {
  double interval = m_options.rate > 0 ? 1.0 / m_options.rate : 0.0;
  // Crawl-delay is a site's own request: kept unless robots.txt is ignored on purpose.
  if (!m_options.ignore_robots) interval = std::max(interval, host.robots.crawl_delay());
  return interval;
}

std::optional<Job> Frontier::pop(std::uint32_t host_id, bool parsers_busy) {
  HostState& host = m_hosts[host_id];
  if (host.in_scope && host.robots_state == HostState::Robots::unknown) {
    host.robots_state = HostState::Robots::fetching;
    Job job;
    job.kind = Job::Kind::robots;
    job.host = host_id;
    job.start_url = host.origin + "/robots.txt";
    job.current_url = job.start_url;
    return job;
  }
  if (host.robots_state == HostState::Robots::fetching) return std::nullopt;
  if (host.in_scope && host.probe_state == HostState::Probe::unknown) {
    host.probe_state = HostState::Probe::fetching;
    Job job;
    job.kind = Job::Kind::not_found_probe;
    job.host = host_id;
    job.start_url = host.origin + random_missing_path();
    job.current_url = job.start_url;
    host.not_found_url = job.start_url;
    return job;
  }
  // Pages wait for the probe: their soft-404 test needs its answer.
  if (host.probe_state == HostState::Probe::fetching) return std::nullopt;
  if (!host.priority.empty()) {
    Job job = std::move(host.priority.front());
    host.priority.pop_front();
    m_queued--;
    return job;
  }
  auto take = [&](std::deque<Job>& queue) -> std::optional<Job> {
    while (!queue.empty()) {
      Job job = std::move(queue.front());
      queue.pop_front();
      m_queued--;
      if (m_claimed[job.url_id]) continue;
      if (host.in_scope && !m_options.ignore_robots &&
          !host.robots.allowed(url_path_query(job.current_url))) {
        set_skipped(job.url_id, UrlState::disallowed, "disallowed by robots.txt");
        continue;
      }
      m_claimed[job.url_id] = 1;
      return job;
    }
    return std::nullopt;
  };
  if (!parsers_busy) {
    for (auto& queue : host.pages) {
      if (queue.empty()) continue;
      if (auto job = take(queue)) return job;
    }
  }
  return take(host.checks);
}

void Frontier::push_front(Job&& job) {
  m_queued++;
  m_hosts[job.host].priority.push_front(std::move(job));
}

void Frontier::follow(Job&& job) {
  job.host = origin_of(job.current_url);
  // A page that leaves the site is only checked: its content is not ours to crawl.
  if ((job.kind == Job::Kind::page || job.attachment) && !m_hosts[job.host].in_scope) {
    job.kind = Job::Kind::check;
    job.attachment = false;
    job.head = true;
    job.body_wanted = false;
  }
  m_queued++;
  m_hosts[job.host].priority.push_back(std::move(job));
}

void Frontier::delay(Job&& job, Clock::time_point when) {
  m_delayed.emplace_back(when, std::move(job));
}

void Frontier::release_delayed(Clock::time_point now) {
  for (auto it = m_delayed.begin(); it != m_delayed.end();) {
    if (it->first <= now) {
      m_queued++;
      m_hosts[it->second.host].priority.push_back(std::move(it->second));
      it = m_delayed.erase(it);
    } else {
      ++it;
    }
  }
}

std::chrono::milliseconds Frontier::next_wakeup(Clock::time_point now,
                                                std::chrono::milliseconds max) const {
  auto wait = max;
  auto consider = [&](Clock::time_point when) {
    if (when <= now) return;
    wait = std::min(wait, std::chrono::ceil<std::chrono::milliseconds>(when - now));
  };
  for (const auto& [when, job] : m_delayed) consider(when);
  if (m_queued > 0) {
    for (const auto& host : m_hosts) {
      consider(host.next_start);
      consider(host.paused_until);
    }
  }
  return wait;
}

bool Frontier::has_work() const {
  return m_queued > 0 || !m_delayed.empty();
}

void Frontier::record_dns(std::uint32_t host_id, const HostAddresses& addresses) {
  m_hosts[host_id].addresses = addresses;
}

void Frontier::robots_done(std::uint32_t host_id, const FetchOutcome& outcome,
                           const std::string& body) {
  HostState& host = m_hosts[host_id];
  host.robots_state = HostState::Robots::ready;
  host.robots_status = outcome.status;
  // RFC 9309: a 4xx answer means no rules. A 5xx or unreachable robots.txt would mean "keep
  // out"; an audit must still see the site, so it proceeds, politely, and crawl.json says so.
  if (outcome.ok() && outcome.status == 200) {
    host.robots = RobotsRules::parse(body, "govaudit");
  }
  if (host.sitemaps_seeded) return;
  host.sitemaps_seeded = true;
  if (host.robots.sitemaps().empty()) {
    add_sitemap(host.origin + "/sitemap.xml", 0);
  }
  for (const auto& sitemap : host.robots.sitemaps()) {
    if (auto url = normalize_url(sitemap)) add_sitemap(*url, 0);
  }
}

void Frontier::add_sitemap(const std::string& url, int level) {
  if (level > k_max_sitemap_level) return;
  if (!in_scope_host(url_host(url))) return;
  if (std::find(m_sitemaps_seen.begin(), m_sitemaps_seen.end(), url) != m_sitemaps_seen.end()) {
    return;
  }
  m_sitemaps_seen.push_back(url);
  Job job;
  job.kind = Job::Kind::sitemap;
  job.start_url = url;
  job.current_url = url;
  job.sitemap_level = level;
  job.host = origin_of(url);
  enqueue(std::move(job));
}

void Frontier::add_from_sitemap(const std::string& url) {
  bool fresh = false;
  const std::uint32_t id = intern(url, fresh);
  UrlRecord& record = m_site.urls[id];
  if (!record.in_scope) return;
  record.from_sitemap = true;
  // Sitemap pages queue after the start pages; their link depth stays unknown until a link
  // to them is found.
  schedule(id, true, record.depth >= 0 ? record.depth : 1);
}

void Frontier::not_found_done(std::uint32_t host_id, int status, const std::string& title,
                              std::shared_ptr<const NotFoundSignature> signature) {
  HostState& host = m_hosts[host_id];
  host.probe_state = HostState::Probe::ready;
  host.not_found_status = status;
  host.not_found_title = title;
  host.not_found = std::move(signature);
}

Job Frontier::recheck_job(std::uint32_t id) {
  const UrlRecord& record = m_site.urls[id];
  const bool page = record.state == UrlState::fetched;
  Job job = make_job(page ? Job::Kind::page : Job::Kind::check, id, std::max(record.depth, 0));
  job.head = record.fetch.method == "HEAD";
  job.body_wanted = page || job.attachment;
  job.recheck = true;
  job.host = origin_of(record.url);
  HostState& host = m_hosts[job.host];
  if (record.fetch.error == ErrorClass::dns && host.dns == HostState::Dns::failed) {
    host.dns = HostState::Dns::unresolved;
  }
  return job;
}

std::uint32_t Frontier::complete(const Job& job, const FetchOutcome& outcome, bool is_html) {
  if (job.url_id == k_no_url) return k_no_url;
  UrlRecord& record = m_site.urls[job.url_id];
  if (job.recheck) {
    if (outcome.ok()) m_errors--;
    record.first_look = std::make_shared<const FetchOutcome>(std::move(record.fetch));
  } else if (!outcome.ok()) {
    m_errors++;
  }
  record.fetch = outcome;
  record.state = job.kind == Job::Kind::page ? UrlState::fetched : UrlState::checked;
  if (!is_html) return k_no_url;
  if (job.chain.empty()) return job.url_id;

  // The document arrived through redirects: it is the page of the final URL, parsed once.
  const std::string& target = job.chain.back();
  if (!in_scope_host(url_host(target))) return k_no_url;
  bool fresh = false;
  const std::uint32_t target_id = intern(target, fresh);
  if (m_claimed[target_id]) return k_no_url;
  m_claimed[target_id] = 1;
  if (!m_scheduled[target_id]) m_crawl_depth[target_id] = m_crawl_depth[job.url_id];
  m_scheduled[target_id] = 1;
  UrlRecord& final_record = m_site.urls[target_id];
  final_record.fetch = outcome;
  final_record.fetch.redirects.clear();
  final_record.fetch.final_url.clear();
  final_record.state = UrlState::fetched;
  const int depth = m_site.urls[job.url_id].depth;
  if (final_record.depth < 0 || (depth >= 0 && depth < final_record.depth)) {
    final_record.depth = depth;
  }
  return target_id;
}

void Frontier::add_links(ParsedPage& parsed) {
  UrlRecord& page = m_site.urls[parsed.id];
  page.is_page = true;
  page.like_not_found = parsed.like_not_found;
  page.title = std::move(parsed.title);
  page.charset = std::move(parsed.charset);
  if (!parsed.handler_error.empty()) page.skip_reason = "check error: " + parsed.handler_error;
  const int depth = page.depth;
  const int crawl_depth = m_crawl_depth[parsed.id];
  const bool pager_run_left = m_pager_run[parsed.id] < k_max_pager_run;
  const std::string_view folder = url_folder(page.url);
  for (std::size_t i = 0; i < parsed.links.size(); ++i) {
    Link& link = parsed.links[i];
    bool fresh = false;
    const std::uint32_t id = intern(link.url, parsed.link_hashes[i], fresh);
    // A list's next page is as deep as the list for --max-depth (its page 200 is not 200
    // levels down), up to k_max_pager_run pages in a row, so that an endless pager still ends.
    const bool pager = pager_run_left && is_pager_link(folder, link, m_options.pager_texts);
    UrlRecord& target = m_site.urls[id];
    target.referrer_count++;
    if (target.referrers.size() < k_max_referrers) {
      if (link.text.size() > 200) link.text.resize(200);
      target.referrers.push_back({parsed.id, link.line, link.kind, std::move(link.text)});
    }
    // Icons and other <link> targets load with the page too, as far as IPv6 is concerned.
    const bool loads_with_page = is_embedded(link.kind) || link.kind == LinkKind::link;
    if (loads_with_page && depth >= 0 && depth < 8) {
      target.embedded_at = static_cast<std::uint8_t>(target.embedded_at | (1u << depth));
    }
    const bool navigational = is_navigational(link.kind);
    if (navigational && depth >= 0 && (target.depth < 0 || depth + 1 < target.depth)) {
      target.depth = depth + 1;
    }
    // Forms are recorded, never submitted: their targets are fetched only when also linked.
    if (link.kind == LinkKind::form) continue;
    if (pager && !m_scheduled[id])
      m_pager_run[id] = static_cast<std::uint16_t>(m_pager_run[parsed.id] + 1);
    schedule(id, navigational, pager ? crawl_depth : crawl_depth + 1);
  }
}

void Frontier::finish() {
  // Pages parsed out of breadth-first order can leave a depth one hop too deep; settle every
  // depth over the recorded referrers (depths only decrease, so this converges).
  for (int round = 0; round < 50; ++round) {
    bool changed = false;
    for (auto& record : m_site.urls) {
      for (const auto& referrer : record.referrers) {
        if (!is_navigational(referrer.kind)) continue;
        const int from = m_site.urls[referrer.page].depth;
        if (from >= 0 && (record.depth < 0 || from + 1 < record.depth)) {
          record.depth = from + 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  m_site.totals.errors = m_errors;
  // One record per host name (an origin is scheme, host and port).
  for (const auto& host : m_hosts) {
    auto found = std::find_if(m_site.hosts.begin(), m_site.hosts.end(),
                              [&](const HostRecord& r) { return r.name == host.name; });
    if (found == m_site.hosts.end()) {
      HostRecord record;
      record.name = host.name;
      record.in_scope = host.in_scope;
      record.a = host.addresses.a;
      record.aaaa = host.addresses.aaaa;
      m_site.hosts.push_back(std::move(record));
      found = std::prev(m_site.hosts.end());
    }
    found->requests += host.requests;
    found->failures += host.failures;
    if (!host.not_found_url.empty()) {
      found->not_found_url = host.not_found_url;
      found->not_found_status = host.not_found_status;
      found->not_found_title = host.not_found_title;
    }
    if (host.robots_state == HostState::Robots::ready) {
      found->robots_fetched = true;
      found->robots_status = host.robots_status;
      found->crawl_delay = host.robots.crawl_delay();
      for (const auto& sitemap : host.robots.sitemaps()) found->sitemaps.push_back(sitemap);
    }
  }
  std::sort(m_site.hosts.begin(), m_site.hosts.end(),
            [](const HostRecord& a, const HostRecord& b) { return a.name < b.name; });
}

} // namespace scanner
