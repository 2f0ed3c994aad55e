#include <scanner/crawler.hpp>
#include <scanner/dns.hpp>
#include <scanner/fetch.hpp>
#include <scanner/frontier.hpp>
#include <scanner/html.hpp>
#include <scanner/ipv6_plan.hpp>
#include <scanner/robots.hpp>
#include <scanner/sitemap.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>
#include <scanner/work_pool.hpp>

#include <ares.h>
#include <curl/curl.h>
#include <libxml/parser.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <map>
#include <random>
#include <unordered_map>

namespace scanner {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto k_block_pause = std::chrono::seconds(2);

// Words of the pages that WAFs, anti-bot services and captchas show instead of the content.
bool looks_blocked(const FetchOutcome& outcome, const std::string& body, bool in_scope) {
  if (outcome.status == 429) return true;
  if (outcome.status != 403 && outcome.status != 503) return false;
  static const std::array<std::string_view, 15> k_words = {"captcha",       "验证码",
                                                           "人机验证",      "滑块",
                                                           "waf",           "防火墙",
                                                           "安全狗",        "云盾",
                                                           "安全防护",      "访问被拒绝",
                                                           "access denied", "cloudflare",
                                                           "请求过于频繁",  "too many requests",
                                                           "拦截"};
  const std::string lowered = ascii_lower(body.substr(0, 65536));
  for (std::string_view word : k_words) {
    if (lowered.find(word) != std::string::npos) return true;
  }
  // A plain 403 from another site is its answer to crawlers: not ours to call broken.
  return outcome.status == 403 && !in_scope;
}

// Statuses worth a second attempt: the server or the path to it may recover.
bool transient_status(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

bool transient_error(ErrorClass error) {
  return error == ErrorClass::timeout || error == ErrorClass::reset;
}

// Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or -1.
double retry_after_seconds(std::string_view value) {
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stod(std::string(value));
  }
  const time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return -1;
  return std::max(0.0, std::difftime(when, std::time(nullptr)));
}

class Crawl {
public:
  Crawl(const CrawlOptions& options, const CrawlHooks& hooks, std::unique_ptr<Resolver> resolver)
      : m_options(options), m_hooks(hooks), m_resolver(std::move(resolver)),
        m_frontier(options, m_site), m_fetcher(options),
        m_pool(options, hooks.on_page, [this] { m_fetcher.wakeup(); }) {}

  Site run();

private:
  void seed();
  void schedule();
  bool start_one(std::uint32_t host_id, Clock::time_point now);
  void on_transfer_done(Transfer&& transfer);
  void finish_job(Job& job, FetchOutcome&& outcome, std::string&& body);
  void handle_sitemap(Job& job, const FetchOutcome& outcome, const std::string& body);
  void handle_probe(Job& job, FetchOutcome&& outcome, std::string&& body);
  bool retry_blocked(Job& job, FetchOutcome& outcome, const std::string& body);
  bool schedule_rechecks();
  bool start_ipv6();
  void plan_ipv6_origin(const std::vector<std::uint32_t>& url_ids);
  void lookup_delegation(std::size_t index, const std::string& name);
  void handle_ipv6(Job& job, FetchOutcome&& outcome);
  bool retry_later(Job& job, const FetchOutcome& outcome);
  void on_resolved(std::uint32_t host_id, const HostAddresses& addresses);
  void fail_host_jobs(std::uint32_t host_id);
  void drain_parsed();
  void report_progress(bool force);
  bool idle() const;
  void stop_everything();

  const CrawlOptions& m_options;
  const CrawlHooks& m_hooks;
  std::unique_ptr<Resolver> m_resolver;
  Site m_site;
  Frontier m_frontier;
  Fetcher m_fetcher;
  WorkPool m_pool;
  UrlResolver m_url_resolver; // for redirect targets and sitemap entries, on this thread only
  Clock::time_point m_started = Clock::now();
  Clock::time_point m_last_progress{};
  std::mt19937 m_random{std::random_device{}()};
  // When each failed URL failed: its second look comes --recheck-after seconds later.
  std::unordered_map<std::uint32_t, Clock::time_point> m_failed_at;
  bool m_rechecks_scheduled = false;
  bool m_ipv6_started = false;
  // IPv6 phase: the fetches of an origin that wait for its first URL (key: that fetch's index).
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_ipv6_waiting;
};

void Crawl::seed() {
  for (const auto& site : m_options.sites) {
    for (const auto& start : site.start_urls) {
      auto normalised = normalize_url(start);
      if (!normalised) continue; // validated before the crawl; nothing to do here
      m_site.start_urls.push_back(*normalised);
      m_frontier.add_start(*normalised);
    }
  }
  m_site.scope_hosts = m_frontier.scope_hosts();
}

Site Crawl::run() {
  m_site.started_at = utc_now_iso();
  seed();
  while (true) {
    if (m_hooks.stop != nullptr && m_hooks.stop->load()) {
      stop_everything();
      break;
    }
    drain_parsed();
    m_frontier.release_delayed(Clock::now());
    schedule();
    if (idle()) {
      // The end-of-crawl work: the second looks and the IPv6 phase, side by side.
      bool more = !m_rechecks_scheduled && schedule_rechecks();
      more = (!m_ipv6_started && start_ipv6()) || more;
      if (more) continue;
      break;
    }

    auto wait = m_frontier.next_wakeup(Clock::now(), std::chrono::milliseconds(200));
    wait = std::min(wait, m_resolver->timeout(wait));
    std::vector<ResolverSocket> dns_sockets = m_resolver->sockets();
    auto ready = m_fetcher.poll(dns_sockets, wait);
    for (const auto& socket : ready) {
      m_resolver->process(socket.read ? socket.fd : -1, socket.write ? socket.fd : -1);
    }
    m_resolver->process(-1, -1);
    for (auto& transfer : m_fetcher.completed()) on_transfer_done(std::move(transfer));
    report_progress(false);
  }
  m_pool.finish();
  drain_parsed();
  m_frontier.finish();
  m_site.finished_at = utc_now_iso();
  m_site.totals.seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
  report_progress(true);
  return std::move(m_site);
}

bool Crawl::idle() const {
  return m_fetcher.in_flight() == 0 && !m_frontier.has_work() && m_resolver->pending() == 0 &&
         m_pool.idle();
}

void Crawl::stop_everything() {
  m_fetcher.cancel_all();
  m_site.complete = false;
  if (m_site.stop_reason.empty()) m_site.stop_reason = "interrupted";
}

void Crawl::schedule() {
  const auto now = Clock::now();
  for (std::uint32_t host_id : m_frontier.hosts_with_work()) {
    HostState& host = m_frontier.host(host_id);
    if (host.dns == HostState::Dns::unresolved) {
      host.dns = HostState::Dns::resolving;
      m_resolver->resolve(host.name, [this, host_id](const std::string&, const HostAddresses& a) {
        on_resolved(host_id, a);
      });
      continue;
    }
    if (host.dns == HostState::Dns::resolving) continue;
    if (host.dns == HostState::Dns::failed) {
      fail_host_jobs(host_id);
      continue;
    }
    while (m_fetcher.in_flight() < static_cast<std::size_t>(m_options.concurrency)) {
      if (!start_one(host_id, now)) break;
    }
    if (m_fetcher.in_flight() >= static_cast<std::size_t>(m_options.concurrency)) break;
  }
}

bool Crawl::start_one(std::uint32_t host_id, Clock::time_point now) {
  HostState& host = m_frontier.host(host_id);
  if (host.in_flight >= m_options.per_host || now < host.next_start || now < host.paused_until) {
    return false;
  }
  // Pages wait while the parsers are behind, so bodies never pile up in memory.
  const bool parsers_busy = m_pool.backlog() >= m_pool.max_backlog();
  std::optional<Job> job = m_frontier.pop(host_id, parsers_busy);
  if (!job) return false;
  host.in_flight++;
  host.requests++;
  const double interval = m_frontier.request_interval(host);
  host.next_start =
      interval > 0 ? now + std::chrono::microseconds(static_cast<long>(interval * 1e6)) : now;
  m_fetcher.start(std::move(*job), host.addresses);
  return true;
}

void Crawl::on_resolved(std::uint32_t host_id, const HostAddresses& addresses) {
  HostState& host = m_frontier.host(host_id);
  host.addresses = addresses;
  m_frontier.record_dns(host_id, addresses);
  const bool any = !addresses.a.addresses.empty() || !addresses.aaaa.addresses.empty();
  host.dns = any ? HostState::Dns::resolved : HostState::Dns::failed;
  if (!any) fail_host_jobs(host_id);
}

void Crawl::fail_host_jobs(std::uint32_t host_id) {
  const HostState& host = m_frontier.host(host_id);
  const std::string detail = "cannot resolve " + host.name + " (A: " + host.addresses.a.status +
                             ", AAAA: " + host.addresses.aaaa.status + ")";
  while (auto job = m_frontier.pop(host_id, false)) {
    FetchOutcome outcome;
    outcome.error = ErrorClass::dns;
    outcome.error_detail = detail;
    outcome.method = job->head ? "HEAD" : "GET";
    outcome.attempts = job->attempt + 1;
    outcome.checked_at = std::time(nullptr);
    outcome.redirects = job->chain;
    finish_job(*job, std::move(outcome), {});
  }
}

bool Crawl::retry_later(Job& job, const FetchOutcome& outcome) {
  if (job.attempt >= m_options.retries) return false;
  double delay = -1;
  if (outcome.status == 429 || outcome.status == 503) {
    for (const auto& [name, value] : outcome.headers) {
      if (name == "retry-after") delay = retry_after_seconds(value);
    }
    // A server asking for more than two minutes is not waited for: the URL is reported.
    if (delay > 120) return false;
  }
  if (delay < 0) {
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    delay = 0.5 * std::pow(2.0, job.attempt) * jitter(m_random);
  }
  HostState& host = m_frontier.host(job.host);
  if (outcome.status == 429 || outcome.status == 503) {
    // Retry-After speaks for the whole host: everything there waits.
    host.paused_until =
        std::max(host.paused_until,
                 Clock::now() + std::chrono::milliseconds(static_cast<long>(delay * 1000)));
  }
  job.attempt++;
  m_site.totals.retries++;
  m_frontier.delay(std::move(job),
                   Clock::now() + std::chrono::milliseconds(static_cast<long>(delay * 1000)));
  return true;
}

void Crawl::on_transfer_done(Transfer&& transfer) {
  Job& job = transfer.job;
  HostState& host = m_frontier.host(job.host);
  host.in_flight--;
  FetchOutcome outcome = std::move(transfer.outcome);
  if (outcome.error != ErrorClass::none || outcome.status >= 500) host.failures++;

  const bool transient = transient_error(outcome.error) || transient_status(outcome.status);
  if (transient && retry_later(job, outcome)) return;

  // HEAD is refused or mishandled by many servers: ask again with GET before judging.
  if (job.head && (outcome.status == 405 || outcome.status == 501 || outcome.status == 403 ||
                   outcome.error == ErrorClass::reset)) {
    job.head = false;
    job.body_wanted = false;
    m_frontier.push_front(std::move(job));
    return;
  }

  // Redirects are followed here, hop by hop, so that each hop obeys the per-host limits and
  // the chain is kept as evidence.
  if (outcome.error == ErrorClass::none && outcome.status >= 300 && outcome.status < 400 &&
      outcome.status != 304) {
    std::string_view location;
    for (const auto& [name, value] : outcome.headers) {
      if (name == "location") location = value;
    }
    std::string target;
    std::string fragment;
    m_url_resolver.set_base(job.current_url);
    if (!location.empty() && m_url_resolver.resolve(location, target, fragment)) {
      job.chain.push_back(target);
      const bool loop =
          target == job.start_url || std::count(job.chain.begin(), job.chain.end(), target) > 1;
      if (loop || job.chain.size() > k_max_redirects) {
        outcome.error = loop ? ErrorClass::redirect_loop : ErrorClass::too_many_redirects;
        outcome.error_detail = loop ? "redirect loop back to " + target
                                    : "more than " + std::to_string(k_max_redirects) + " redirects";
      } else {
        job.current_url = target;
        m_frontier.follow(std::move(job));
        return;
      }
    }
  }
  if (retry_blocked(job, outcome, transfer.body)) return;
  outcome.redirects = job.chain;
  if (!job.chain.empty()) outcome.final_url = job.chain.back();
  if (!outcome.ok() && !outcome.blocked && job.url_id != k_no_url && !job.recheck) {
    m_failed_at.emplace(job.url_id, Clock::now());
  }
  finish_job(job, std::move(outcome), std::move(transfer.body));
}

// Hosts that block crawlers answer 403/429/503 (or reset the connection) to our client only:
// one more try after a pause, with a browser's headers, tells a block from a real failure.
bool Crawl::retry_blocked(Job& job, FetchOutcome& outcome, const std::string& body) {
  const bool refused = outcome.status == 403 || outcome.status == 429 || outcome.status == 503 ||
                       outcome.error == ErrorClass::reset;
  if (!refused || job.kind == Job::Kind::robots || job.kind == Job::Kind::not_found_probe ||
      job.kind == Job::Kind::ipv6) {
    return false;
  }
  if (!job.browser_like) {
    job.browser_like = true;
    job.head = false;
    m_frontier.delay(std::move(job), Clock::now() + k_block_pause);
    return true;
  }
  outcome.blocked = looks_blocked(outcome, body, m_frontier.host(job.host).in_scope);
  return false;
}

bool Crawl::schedule_rechecks() {
  m_rechecks_scheduled = true;
  const auto wait = std::chrono::milliseconds(static_cast<long>(m_options.recheck_after * 1000));
  bool any = false;
  for (const auto& [id, failed_at] : m_failed_at) {
    const ErrorClass error = m_site.urls[id].fetch.error;
    const int status = m_site.urls[id].fetch.status;
    // A second look is for what may pass: networks and servers, not 404s or redirect loops.
    const bool network = error != ErrorClass::none && error != ErrorClass::redirect_loop &&
                         error != ErrorClass::too_many_redirects && error != ErrorClass::robots;
    if (!network && status < 500) continue;
    m_frontier.delay(m_frontier.recheck_job(id), failed_at + wait);
    any = true;
  }
  return any;
}

void Crawl::finish_job(Job& job, FetchOutcome&& outcome, std::string&& body) {
  outcome.attempts = job.attempt + 1;
  m_site.totals.fetched++;
  m_site.totals.bytes += outcome.size;
  switch (job.kind) {
  case Job::Kind::robots:
    m_frontier.robots_done(job.host, outcome, body);
    return;
  case Job::Kind::sitemap:
    handle_sitemap(job, outcome, body);
    return;
  case Job::Kind::not_found_probe:
    handle_probe(job, std::move(outcome), std::move(body));
    return;
  case Job::Kind::ipv6:
    handle_ipv6(job, std::move(outcome));
    return;
  case Job::Kind::page:
  case Job::Kind::check:
    break;
  }
  const bool is_html = job.kind == Job::Kind::page && outcome.ok() && !body.empty() &&
                       is_html_type(outcome.content_type);
  std::uint32_t page_id = m_frontier.complete(job, outcome, is_html);
  if (job.attachment && outcome.ok() && !body.empty()) {
    // Read on the workers like a page; the findings belong to the URL as linked.
    Page attachment;
    attachment.id = job.url_id;
    attachment.url = m_site.urls[job.url_id].url;
    attachment.depth = m_site.urls[job.url_id].depth;
    attachment.attachment = true;
    attachment.fetch = std::move(outcome);
    m_pool.submit(std::move(attachment), std::move(body), nullptr);
    return;
  }
  if (is_html && page_id != k_no_url) {
    Page page;
    page.id = page_id;
    page.url = m_site.urls[page_id].url;
    page.depth = m_site.urls[page_id].depth;
    page.fetch = std::move(outcome);
    m_pool.submit(std::move(page), std::move(body), m_frontier.host(job.host).not_found);
  }
}

// The IPv6 phase, once the crawl is idle: the delegation of each site's zone (NS, and A/AAAA
// of every name server) and the level URLs fetched again over IPv6 only, one origin at a time:
// its first URL decides whether the origin answers over IPv6 at all, then the (sampled) rest.
// Every request goes through the frontier, under the same per-host limits as the crawl.
bool Crawl::start_ipv6() {
  m_ipv6_started = true;
  Ipv6Facts& facts = m_site.ipv6;
  facts.allow_loopback = m_options.allow_loopback_ipv6;
  if (!m_options.proxy.empty()) {
    facts.note = "not measured: requests go through a proxy, which picks the address family";
    return false;
  }
  if (!m_site.complete) {
    facts.note = "not measured: the crawl was cut short";
    return false;
  }
  facts.measured = true;
  facts.zones = ipv6_zones(m_site.start_urls);

  for (const auto& start : m_site.start_urls) {
    const std::string host(url_host(start));
    if (std::any_of(facts.delegations.begin(), facts.delegations.end(),
                    [&](const ZoneRecord& z) { return z.host == host; })) {
      continue;
    }
    ZoneRecord zone;
    zone.host = host;
    const std::string& source = m_frontier.host(m_frontier.host_of(start)).addresses.source;
    // A name the hosts file answers has no DNS delegation that the public sees; asking the
    // network about it would also leave the loopback world of a test or a bench.
    if (source == "hosts") zone.note = "answered by the hosts file: no DNS delegation looked up";
    if (source == "literal") zone.note = "an IP address: no domain";
    if (source.empty()) zone.note = "the host was never resolved";
    facts.delegations.push_back(std::move(zone));
  }
  for (std::size_t i = 0; i < facts.delegations.size(); ++i) {
    if (facts.delegations[i].note.empty()) lookup_delegation(i, facts.delegations[i].host);
  }

  facts.targets = ipv6_targets(m_site, facts.zones);
  // One request per distinct URL that the crawl reached (robots.txt refusals and skipped URLs
  // are not fetched now either), grouped by origin.
  std::map<std::string, std::vector<std::uint32_t>> by_origin;
  for (const auto& target : facts.targets) {
    const UrlRecord& record = m_site.urls[target.url];
    if (record.state != UrlState::fetched && record.state != UrlState::checked) continue;
    auto& ids = by_origin[std::string(url_origin(record.url))];
    if (std::find(ids.begin(), ids.end(), target.url) == ids.end()) ids.push_back(target.url);
  }
  for (auto& [origin, ids] : by_origin) {
    std::sort(ids.begin(), ids.end());
    plan_ipv6_origin(ids);
  }
  return m_frontier.has_work() || m_resolver->pending() > 0;
}

void Crawl::plan_ipv6_origin(const std::vector<std::uint32_t>& url_ids) {
  auto& fetches = m_site.ipv6.fetches;
  const std::string& first_url = m_site.urls[url_ids.front()].url;
  const HostAddresses& addresses = m_frontier.host(m_frontier.host_of(first_url)).addresses;
  std::string no_address;
  if (addresses.aaaa.addresses.empty()) {
    no_address = "no AAAA record (" + addresses.aaaa.status + ")";
  } else if (std::none_of(addresses.aaaa.addresses.begin(), addresses.aaaa.addresses.end(),
                          [&](const std::string& address) {
                            return is_global_ipv6(address, m_options.allow_loopback_ipv6);
                          })) {
    no_address = "no global IPv6 address in the AAAA record";
  }
  const auto first_index = static_cast<std::uint32_t>(fetches.size());
  for (std::uint32_t id : url_ids) {
    FamilyFetch fetch;
    fetch.url = m_site.urls[id].url;
    fetch.family = 6;
    fetch.host_probe = fetches.size() == first_index;
    fetch.skip_reason = no_address;
    fetches.push_back(std::move(fetch));
  }
  if (!no_address.empty()) return;
  std::vector<std::uint32_t>& rest = m_ipv6_waiting[first_index];
  for (std::size_t i = first_index + 1; i < fetches.size(); ++i) {
    rest.push_back(static_cast<std::uint32_t>(i));
  }
  Job job;
  job.kind = Job::Kind::ipv6;
  job.family = 6;
  job.ipv6_index = first_index;
  job.start_url = first_url;
  job.current_url = first_url;
  job.body_wanted = false; // the status is the answer; the page was read by the crawl
  m_frontier.add_ipv6(std::move(job));
}

void Crawl::lookup_delegation(std::size_t index, const std::string& name) {
  m_resolver->resolve_ns(name, [this, index, name](const DnsAnswer& answer) {
    ZoneRecord& zone = m_site.ipv6.delegations[index];
    zone.ns = answer;
    if (answer.status == "ok") {
      zone.zone = name;
      for (const auto& server : answer.addresses) {
        zone.servers.push_back({server, {}, {}});
        const std::size_t server_index = zone.servers.size() - 1;
        m_resolver->resolve(
            server, [this, index, server_index](const std::string&, const HostAddresses& found) {
              NameServerRecord& record = m_site.ipv6.delegations[index].servers[server_index];
              record.a = found.a;
              record.aaaa = found.aaaa;
            });
      }
      return;
    }
    // The host name itself is rarely a zone: walk up to its parent, never to a top-level name.
    const auto dot = name.find('.');
    const bool walk_up = (answer.status == "nodata" || answer.status == "nxdomain") &&
                         dot != std::string::npos && name.find('.', dot + 1) != std::string::npos;
    if (walk_up) lookup_delegation(index, name.substr(dot + 1));
  });
}

void Crawl::handle_ipv6(Job& job, FetchOutcome&& outcome) {
  auto& fetches = m_site.ipv6.fetches;
  FamilyFetch& fetch = fetches[job.ipv6_index];
  fetch.fetched = true;
  fetch.remote_address = outcome.remote_address;
  fetch.local_address = outcome.local_address;
  outcome.redirects = job.chain;
  if (!job.chain.empty()) outcome.final_url = job.chain.back();
  fetch.fetch = std::move(outcome);
  auto waiting = m_ipv6_waiting.find(job.ipv6_index);
  if (waiting == m_ipv6_waiting.end()) return;
  const std::vector<std::uint32_t> rest = std::move(waiting->second);
  m_ipv6_waiting.erase(waiting);
  // No HTTP answer over IPv6 from the origin's first URL: the origin does not serve IPv6, and
  // asking again for each URL would only load the site with failures.
  if (fetch.fetch.error != ErrorClass::none) {
    for (std::uint32_t index : rest) {
      fetches[index].skip_reason = "the origin did not answer over IPv6 (see " + fetch.url + ")";
    }
    return;
  }
  const std::vector<std::size_t> chosen =
      sample_indices(rest.size(), static_cast<std::size_t>(m_options.ipv6_sample));
  for (std::size_t i = 0, next = 0; i < rest.size(); ++i) {
    FamilyFetch& other = fetches[rest[i]];
    if (next >= chosen.size() || chosen[next] != i) {
      other.skip_reason = "not sampled (--ipv6-sample): the origin's answer over IPv6 applies";
      continue;
    }
    ++next;
    Job more;
    more.kind = Job::Kind::ipv6;
    more.family = 6;
    more.ipv6_index = rest[i];
    more.start_url = other.url;
    more.current_url = other.url;
    more.body_wanted = false;
    m_frontier.add_ipv6(std::move(more));
  }
}

void Crawl::handle_probe(Job& job, FetchOutcome&& outcome, std::string&& body) {
  // A host that redirects missing paths (to its homepage, usually) is not a soft-404 host: a
  // signature of the page it lands on would only match that page.
  if (outcome.ok() && outcome.status == 200 && job.chain.empty() && !body.empty() &&
      is_html_type(outcome.content_type)) {
    Page page;
    page.url = job.current_url;
    page.fetch = std::move(outcome);
    m_pool.submit(std::move(page), std::move(body), nullptr, true, job.host);
    return;
  }
  m_frontier.not_found_done(job.host, outcome.status, {}, nullptr);
}

void Crawl::handle_sitemap(Job& job, const FetchOutcome& outcome, const std::string& body) {
  if (!outcome.ok() || outcome.status != 200) return;
  SitemapEntries entries = parse_sitemap(body);
  for (const auto& location : entries.locations) {
    auto normalised = normalize_url(location);
    if (!normalised) continue;
    if (entries.is_index) {
      m_frontier.add_sitemap(*normalised, job.sitemap_level + 1);
    } else {
      m_frontier.add_from_sitemap(*normalised);
    }
  }
}

void Crawl::drain_parsed() {
  for (ParsedPage& parsed : m_pool.take_results()) {
    if (parsed.probe) {
      m_frontier.not_found_done(parsed.host, 200, parsed.title, std::move(parsed.signature));
      continue;
    }
    if (parsed.attachment) {
      // Not a page and no links: only what reading it taught.
      UrlRecord& record = m_site.urls[parsed.id];
      record.charset = std::move(parsed.charset);
      if (!parsed.handler_error.empty())
        record.skip_reason = "check error: " + parsed.handler_error;
      continue;
    }
    m_site.totals.pages++;
    m_frontier.add_links(parsed);
  }
}

void Crawl::report_progress(bool force) {
  const auto now = Clock::now();
  if (!m_hooks.on_progress) return;
  if (!force && now - m_last_progress < std::chrono::milliseconds(500)) return;
  m_last_progress = now;
  CrawlProgress progress;
  progress.pages = m_site.totals.pages;
  progress.done = m_site.totals.fetched;
  progress.queued = m_frontier.queued();
  progress.errors = m_frontier.errors();
  progress.in_flight = static_cast<std::uint32_t>(m_fetcher.in_flight());
  progress.seconds = std::chrono::duration<double>(now - m_started).count();
  m_hooks.on_progress(progress);
}

} // namespace

void global_init() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ares_library_init(ARES_LIB_INIT_ALL);
  init_html_parser();
}

void global_cleanup() {
  xmlCleanupParser();
  ares_library_cleanup();
  curl_global_cleanup();
}

core::Expected<Site> crawl(const CrawlOptions& options, const CrawlHooks& hooks) {
  auto resolver = Resolver::create(options.dns_server, std::min(options.timeout, 5.0));
  if (!resolver) return core::unexpected(resolver.error());
  Crawl crawl(options, hooks, std::move(*resolver));
  return crawl.run();
}

} // namespace scanner
