#include <app/reporting.hpp>
#include <app/run.hpp>
#include <checks/avail_homepage.hpp>
#include <checks/check.hpp>
#include <checks/freshness_rules.hpp>
#include <checks/runner.hpp>
#include <reports/writers.hpp>
#include <scanner/crawler.hpp>
#include <scanner/probe.hpp>
#include <scanner/site_scope.hpp>
#include <scanner/url.hpp>

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <mutex>
#include <sstream>

namespace app {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

// Today in Asia/Shanghai (UTC+8, no daylight saving), the audit's default reference date.
std::string today_in_china() {
  const std::time_t now = std::time(nullptr) + 8 * 3600;
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

void print_error(const std::string& message) {
  std::cerr << "govaudit: error: " << message << '\n';
}

// Prints progress on stderr: a rewritten line on a terminal, a line every 5 s otherwise.
class ProgressPrinter {
public:
  explicit ProgressPrinter(bool quiet) : m_quiet(quiet), m_tty(isatty(STDERR_FILENO) != 0) {}

  void update(const scanner::CrawlProgress& progress) {
    if (m_quiet) return;
    if (!m_tty && progress.seconds - m_last < 5.0) return;
    m_last = progress.seconds;
    const double rate = progress.seconds > 0 ? progress.done / progress.seconds : 0;
    char line[200];
    std::snprintf(line, sizeof line,
                  "govaudit: %u pages, %u requests done, %u queued, %u in flight, %u errors, "
                  "%.0f req/s, %.0f s",
                  progress.pages, progress.done, progress.queued, progress.in_flight,
                  progress.errors, rate, progress.seconds);
    if (m_tty) {
      std::cerr << '\r' << line << "\x1b[K" << std::flush;
      m_dirty = true;
    } else {
      std::cerr << line << '\n';
    }
  }

  void end_line() {
    if (m_dirty) std::cerr << '\n';
    m_dirty = false;
  }

private:
  bool m_quiet;
  bool m_tty;
  bool m_dirty = false;
  double m_last = -10;
};

// The homepage of each site of `scope` (its first start URL, normalised as the crawl stores it),
// each once: the URLs sampled for avail.homepage and the IPv6 checks.
std::vector<std::string> site_homepages(const scanner::SiteScope& scope) {
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

// Why the scan could not be done, when none of the start URLs gave an HTML page; else empty.
std::string start_failure(const scanner::Site& site) {
  std::ostringstream problems;
  std::size_t usable = 0;
  for (const auto& start : site.start_urls) {
    const scanner::UrlRecord* record = nullptr;
    for (const auto& candidate : site.urls) {
      if (candidate.url == start) {
        record = &candidate;
        break;
      }
    }
    if (record == nullptr) continue;
    const auto& fetch = record->fetch;
    if (record->state == scanner::UrlState::queued) continue; // interrupted before
    if (record->state == scanner::UrlState::disallowed) {
      problems << "\n  " << start << ": robots.txt disallows it (use --ignore-robots if the "
               << "site's owner agrees)";
    } else if (fetch.error != scanner::ErrorClass::none) {
      problems << "\n  " << start << ": " << scanner::error_class_name(fetch.error) << " ("
               << fetch.error_detail << ")";
    } else if (fetch.status >= 400) {
      problems << "\n  " << start << ": HTTP " << fetch.status;
    } else if (!record->is_page) {
      const std::string& final_page = fetch.final_url.empty() ? start : fetch.final_url;
      bool final_parsed = false;
      for (const auto& candidate : site.urls) {
        if (candidate.url == final_page && candidate.is_page) final_parsed = true;
      }
      if (final_parsed) {
        ++usable;
      } else {
        problems << "\n  " << start << ": not an HTML page (Content-Type \"" << fetch.content_type
                 << "\")";
      }
    } else {
      ++usable;
    }
  }
  if (usable > 0 || problems.str().empty()) return {};
  return "cannot scan: no start URL gave an HTML page:" + problems.str() +
         "\ncheck the URL, that the site is up and reachable from here (--dns-server, --proxy), "
         "then scan again";
}

} // namespace

int run_scan(const scanner::CrawlOptions& input) {
  scanner::CrawlOptions options = input;
  if (options.as_of.empty()) options.as_of = today_in_china();

  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) {
    print_error("cannot create the output folder \"" + options.out_dir + "\": " + error.message());
    return k_exit_usage;
  }

  // The ruleset, exceptions and baseline are checked before the crawl: a typo costs no scan.
  auto plan = load_report_plan(options);
  if (!plan) {
    std::cerr << "govaudit: error: " << plan.error() << '\n';
    return k_exit_usage;
  }

  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  scanner::global_init();

  const nlohmann::json& ruleset = plan->ruleset.json;
  const checks::CheckContext context{options.as_of, &options, &ruleset};
  std::unique_ptr<checks::CheckRunner> runner;
  try {
    runner = std::make_unique<checks::CheckRunner>(checks::builtin_checks(context));
    // The crawler tells a list's pager by the texts the freshness checks use for it.
    options.pager_texts = checks::load_freshness_rules(ruleset).pagination_texts;
  } catch (const std::invalid_argument& problem) {
    print_error(problem.what());
    return k_exit_usage;
  }
  ProgressPrinter printer(options.quiet);

  scanner::CrawlHooks hooks;
  hooks.stop = &g_stop;
  hooks.on_progress = [&](const scanner::CrawlProgress& progress) { printer.update(progress); };
  hooks.on_page = [&](const scanner::Page& page) { runner->check_page(page); };

  // avail.homepage: each site's homepage sampled once before the crawl and once after it.
  const scanner::SiteScope scope(options.sites);
  const auto homepages = site_homepages(scope);
  const auto avail_rules = checks::availability_rules(context);
  const auto error_phrases =
      ruleset.at("links").at("soft_404_phrases").get<std::vector<std::string>>();
  std::vector<scanner::ProbeSample> samples;
  // The IPv6 checks' homepage samples, on the same schedule: over IPv4 only, then over IPv6
  // only. An availability sample that connected over IPv4 is already an IPv4 sample (a
  // connection of its own): it is not asked for twice. Through a proxy the proxy picks the
  // family, so there is nothing to pin.
  std::vector<scanner::ProbeSample> family_samples;
  auto sample_families = [&](const scanner::ProbeSample& any) {
    if (!options.proxy.empty()) return;
    if (any.error.empty() && !any.remote_address.empty() &&
        any.remote_address.find(':') == std::string::npos) {
      family_samples.push_back(any);
      family_samples.back().family = 4;
    } else {
      family_samples.push_back(
          scanner::probe_page(any.url, options, avail_rules.sample_timeout, error_phrases, 4));
    }
    family_samples.push_back(
        scanner::probe_page(any.url, options, avail_rules.sample_timeout, error_phrases, 6));
  };
  // One round over every site's homepage: an availability sample and the pinned pair.
  auto sample_homepages = [&] {
    for (const auto& homepage : homepages) {
      samples.push_back(
          scanner::probe_page(homepage, options, avail_rules.sample_timeout, error_phrases));
      sample_families(samples.back());
    }
  };
  sample_homepages();

  auto crawled = scanner::crawl(options, hooks);
  printer.end_line();
  if (!crawled) {
    print_error(crawled.error());
    scanner::global_cleanup();
    return k_exit_incomplete;
  }
  scanner::Site& site = *crawled;
  if (site.complete) sample_homepages();
  site.homepage_samples = std::move(samples);
  site.family_samples = std::move(family_samples);

  // crawl.json records the crawl only, not the findings: it is written (a record per URL, the
  // largest file by far, streamed) on a thread of its own while the checks conclude and the
  // other reports are written; all of them only read the site.
  const reports::Audit crawl_audit{site, options, options.as_of, {}};
  const std::string crawl_path = options.out_dir + "/crawl.json";
  auto crawl_written = std::async(
      std::launch::async, [&] { return reports::write_crawl_json(crawl_path, crawl_audit); });
  std::vector<checks::Finding> findings = runner->finish(site, scope);
  reports::sort_findings(findings);
  reports::Audit audit{site, options, options.as_of, std::move(findings)};
  // findings.json (scored), the other formats and the gate's verdict.
  const int report_code = write_reports(*plan, audit);
  int code = k_exit_ok;
  if (auto written = crawl_written.get(); !written) {
    print_error(written.error());
    code = k_exit_incomplete;
  }
  scanner::global_cleanup();

  if (!site.complete) {
    print_error("scan interrupted after " + std::to_string(site.totals.pages) +
                " pages: partial results written to " + options.out_dir +
                " (crawl.json says \"complete\": false)");
    return k_exit_incomplete;
  }
  if (std::string failure = start_failure(site); !failure.empty()) {
    print_error(failure);
    return k_exit_incomplete;
  }
  if (!options.quiet) {
    std::cerr << "govaudit: scanned " << site.totals.pages << " pages, " << site.urls.size()
              << " URLs in " << static_cast<int>(site.totals.seconds + 0.5) << " s; "
              << audit.findings.size() << " findings\n";
  }
  std::cout << "report: " << options.out_dir << "/findings.json (crawl: " << crawl_path << ")\n";
  return code != k_exit_ok ? code : report_code;
}

} // namespace app
