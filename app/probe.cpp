#include <app/reporting.hpp>
#include <app/run.hpp>
#include <checks/availability/availability.hpp>
#include <scanner/crawler.hpp>
#include <scanner/probe.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace app {
namespace {

std::atomic<bool> g_probe_stop{false};

extern "C" void on_probe_signal(int) {
  g_probe_stop.store(true);
}

} // namespace

int run_probe(const Settings& options) {
  auto plan = load_report_plan(options, reports::subjects_of(options, 0));
  if (!plan) {
    std::cerr << "govaudit: error: " << plan.error() << '\n';
    return k_exit_usage;
  }
  const checks::AvailabilityRules& rules = plan->check_rules.availability;
  const std::vector<std::string>& phrases = plan->check_rules.links.soft_404_phrases;
  std::signal(SIGINT, on_probe_signal);
  std::signal(SIGTERM, on_probe_signal);
  scanner::global_init();
  const std::string url = options.sites.front().start_urls.front();
  std::vector<scanner::ProbeSample> samples;
  for (int i = 0; i < options.probe_count && !g_probe_stop.load(); ++i) {
    if (i > 0) {
      // Sleep in small steps so that Ctrl-C ends the probe at once.
      const auto until =
          std::chrono::steady_clock::now() +
          std::chrono::milliseconds(static_cast<long>(options.probe_interval * 1000));
      while (!g_probe_stop.load() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (g_probe_stop.load()) break;
    }
    samples.push_back(scanner::probe_page(url, options, rules.sample_timeout, phrases));
    const auto& sample = samples.back();
    if (!options.quiet) {
      std::cerr << "govaudit: probe " << (i + 1) << "/" << options.probe_count << " " << sample.at
                << " " << (sample.ok ? "ok" : "FAILED") << " status " << sample.status << " "
                << static_cast<long>(sample.seconds * 1000) << " ms"
                << (sample.error.empty() ? "" : " " + sample.error + ": " + sample.error_detail)
                << (sample.error_page ? " (error page)" : "") << '\n';
    }
  }
  scanner::global_cleanup();
  if (samples.empty()) {
    std::cerr << "govaudit: error: the probe was stopped before its first sample\n";
    return k_exit_incomplete;
  }
  const checks::Finding verdict = checks::judge_availability(url, samples, rules);
  std::cout << verdict.message << '\n';
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  const std::string path = options.out_dir + "/probe.json";
  std::ofstream out(path);
  out << nlohmann::json{{"schema", "govaudit.probe/1"},
                        {"url", url},
                        {"check", verdict.check},
                        {"severity", checks::severity_name(verdict.severity)},
                        {"message", verdict.message},
                        {"evidence", verdict.evidence}}
             .dump(1)
      << '\n';
  if (!out) {
    std::cerr << "govaudit: error: cannot write \"" << path << "\"\n";
    return k_exit_incomplete;
  }
  std::cout << "probe log: " << path << '\n';
  if (g_probe_stop.load()) return k_exit_incomplete;
  return verdict.evidence.contains("veto") ? k_exit_gate : k_exit_ok;
}

} // namespace app
