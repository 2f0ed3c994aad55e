#include <checks/availability/availability.hpp>

#include <cstdio>
#include <ctime>

namespace checks {
namespace {

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ", or -1.
double epoch_seconds(const std::string& at) {
  std::tm parts{};
  if (std::sscanf(at.c_str(), "%d-%d-%dT%d:%d:%dZ", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                  &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6) {
    return -1;
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return static_cast<double>(timegm(&parts));
}

std::string percent(double ratio) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", ratio * 100);
  return text;
}

} // namespace

AvailabilityRules read_availability_rules(const rules::Section& avail) {
  return {avail.number("veto_failure_ratio", 0, 1), avail.number("warn_failure_ratio", 0, 1),
          avail.number("window_days"), avail.number("probes_per_day"),
          avail.number("probe_timeout_seconds")};
}

Finding judge_availability(const std::string& url, const std::vector<scanner::ProbeSample>& samples,
                           const AvailabilityRules& rules) {
  std::size_t failed = 0;
  nlohmann::json log = nlohmann::json::array();
  for (const auto& sample : samples) {
    failed += sample.ok ? 0 : 1;
    log.push_back({{"at", sample.at},
                   {"resolver", sample.addresses},
                   {"status", sample.status},
                   {"error", sample.error},
                   {"error_detail", sample.error_detail},
                   {"error_page", sample.error_page},
                   {"elapsed_ms", static_cast<long>(sample.seconds * 1000)},
                   {"ok", sample.ok}});
  }
  const double ratio = samples.empty() ? 0.0 : static_cast<double>(failed) / samples.size();
  const double window = samples.size() < 2
                            ? 0.0
                            : epoch_seconds(samples.back().at) - epoch_seconds(samples.front().at);
  const bool partial = window < rules.window_days * 86400 ||
                       samples.size() < rules.window_days * rules.probes_per_day;
  nlohmann::json evidence = {{"samples", samples.size()},
                             {"failed", failed},
                             {"value", ratio},
                             {"threshold", rules.veto_ratio},
                             {"warning_threshold", rules.warn_ratio},
                             {"window_seconds", window},
                             {"partial_window", partial},
                             {"log", std::move(log)}};
  const std::string counts =
      std::to_string(failed) + "/" + std::to_string(samples.size()) + "（" + percent(ratio) + "）";
  Finding finding{"avail.homepage", Severity::info, url, {}, {}, std::move(evidence)};
  // A window shorter than the official one cannot decide the veto.
  finding.veto_measured = !partial;
  if (ratio >= rules.veto_ratio && !partial) {
    finding.severity = Severity::failure;
    finding.veto = VetoState::confirmed;
    finding.message = "首页访问失败率 " + counts + " 达到单项否决线 " + percent(rules.veto_ratio);
    return finding;
  }
  if (ratio >= rules.warn_ratio && failed > 0) {
    const std::string note = partial ? "（监测窗口不足 " +
                                           std::to_string(static_cast<int>(rules.window_days)) +
                                           " 天，仅供预警）"
                                     : "";
    finding.severity = Severity::warning;
    finding.message = "首页访问失败率 " + counts + note;
    return finding;
  }
  finding.message = "首页访问正常：失败 " + counts;
  return finding;
}

std::span<const std::string_view> Availability::ids() const {
  static constexpr std::string_view k_ids[] = {"avail.homepage"};
  return k_ids;
}

std::vector<Finding> Availability::conclude(const SiteView& site, const FactsStore*) const {
  if (site.homepage_samples().empty() || site.home().empty()) return {};
  return {judge_availability(site.home(), site.homepage_samples(), m_rules)};
}

} // namespace checks
