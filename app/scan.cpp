#include <app/coverage.hpp>
#include <app/reporting.hpp>
#include <app/run.hpp>
#include <checks/check.hpp>
#include <checks/runner.hpp>
#include <reports/writers.hpp>
#include <scanner/crawler.hpp>
#include <scanner/probe.hpp>
#include <scanner/sampled_crawl.hpp>
#include <scanner/site_scope.hpp>
#include <scanner/url.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
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

} // namespace

int run_scan(const Settings& input) {
  Settings options = input;
  if (options.as_of.empty()) options.as_of = today_in_china();

  // Everything that can be checked is checked before the first request, and every problem is
  // reported at once: the output folder, the ruleset, exceptions, baseline and assessments.
  std::vector<reports::Subject> subjects = reports::subjects_of(options, options.bonus);
  std::string problems;
  if (auto problem = out_dir_problem(options.out_dir)) problems = *problem;
  auto plan = load_report_plan(options, subjects);
  if (!plan) problems += (problems.empty() ? "" : "\n") + plan.error();
  if (!problems.empty()) {
    std::istringstream lines(problems);
    for (std::string line; std::getline(lines, line);) print_error(line);
    return k_exit_usage;
  }
  warn_expired_exceptions(*plan, options.as_of);

  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  scanner::global_init();

  // --as-of is read here once; every check gets the date.
  const checks::AuditContext context{core::parse_iso_date(options.as_of), &options.sites,
                                     &plan->check_rules, options.allow_loopback_ipv6};
  auto checks = checks::builtin_checks(context);
  std::vector<std::string> checks_run;
  for (const auto& check : checks) {
    for (std::string_view id : check->ids()) checks_run.emplace_back(id);
  }
  std::sort(checks_run.begin(), checks_run.end());
  auto runner = std::make_unique<checks::CheckRunner>(std::move(checks));
  // The crawler tells a list's pager by the texts the freshness checks use for it.
  options.pager_texts = plan->check_rules.freshness.pagination_texts;
  ProgressPrinter printer(options.quiet);

  scanner::CrawlHooks hooks;
  hooks.stop = &g_stop;
  hooks.on_progress = [&](const scanner::CrawlProgress& progress) { printer.update(progress); };
  hooks.on_page = [&](const scanner::Page& page) { runner->check_page(page); };

  // avail.homepage and the IPv6 checks: the crawl samples each site's homepage before and
  // after itself (scanner/sampled_crawl.hpp).
  const scanner::SiteScope scope(options.sites);
  const scanner::SampleRules sample_rules{plan->check_rules.availability.sample_timeout,
                                          plan->check_rules.links.soft_404_phrases};
  auto crawled = scanner::crawl_with_samples(options, hooks, scope, sample_rules);
  printer.end_line();
  if (!crawled) {
    print_error(crawled.error());
    scanner::global_cleanup();
    return k_exit_incomplete;
  }
  scanner::Site& site = *crawled;

  // Which subjects the scan saw: before crawl.json is written, so that both files agree.
  assess_coverage(site, options, subjects);
  const reports::RunStatus status = run_status(site, subjects);

  // crawl.json records the crawl only, not the findings: it is written (a record per URL, the
  // largest file by far, streamed) on a thread of its own while the checks conclude and the
  // other reports are written; all of them only read the site.
  reports::Audit crawl_audit(site, options, options.as_of);
  crawl_audit.status = status;
  crawl_audit.status_set = true;
  const std::string crawl_path = options.out_dir + "/crawl.json";
  auto crawl_written = std::async(
      std::launch::async, [&] { return reports::write_crawl_json(crawl_path, crawl_audit); });
  std::vector<checks::Finding> findings = runner->finish(site, scope);
  drop_unmeasured(findings, subjects);
  reports::sort_findings(findings);
  reports::Audit audit(site, options, options.as_of, std::move(findings));
  audit.status = status;
  audit.status_set = true;
  audit.checks_run = checks_run;
  // findings.json (scored), the other formats and the gate's verdict.
  Written written = write_reports(*plan, options, audit, subjects);
  int code = written.code;
  if (auto result = crawl_written.get(); !result) {
    print_error(result.error());
    code = k_exit_incomplete;
  } else {
    written.files.insert(written.files.begin(), crawl_path);
  }
  scanner::global_cleanup();

  if (!options.quiet) {
    std::cerr << "govaudit: scanned " << site.totals.pages << " pages, " << site.urls.size()
              << " URLs in " << std::lround(site.totals.seconds) << " s; " << audit.findings.size()
              << " findings\n";
  }
  // Only what was written is named.
  for (const auto& path : written.files) std::cout << "report: " << path << '\n';
  if (!status.complete) {
    if (!site.complete) {
      print_error("scan interrupted after " + std::to_string(site.totals.pages) +
                  " pages: partial results written to " + options.out_dir +
                  " (findings.json says \"complete\": false)");
    }
    for (const auto& subject : subjects) {
      if (subject.blocked.empty() || subject.blocked == "interrupted") continue;
      print_error(reports::subject_label(subject) + " cannot be assessed (无法评估): " +
                  reports::blocked_text(subject.blocked, true) + ":\n  " + subject.blocked_detail +
                  (subject.blocked == "unreachable"
                       ? "\ncheck the URL, that the site is up and reachable from here "
                         "(--dns-server, --proxy), then scan again"
                       : "\nraise the limit and scan again"));
    }
    return k_exit_incomplete;
  }
  return code;
}

} // namespace app
