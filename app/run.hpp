#pragma once
// The commands: scan and demo. Each returns the process exit code.

#include <app/settings.hpp>

namespace app {

// Documented exit codes (README, --help).
inline constexpr int k_exit_ok = 0;         // scan done (and, later, the gate passed)
inline constexpr int k_exit_gate = 1;       // the gate failed
inline constexpr int k_exit_usage = 2;      // bad usage or config
inline constexpr int k_exit_incomplete = 3; // the scan could not be done or was interrupted

// Crawls the sites of `input`, runs every check, scores the findings and writes crawl.json,
// findings.json and the report formats into input.out_dir, then applies the CI gate (exit 1
// when it fails). SIGINT/SIGTERM stop the crawl; what was found is still written (exit 3).
int run_scan(const Settings& input);

// Samples the availability of the first start URL options.probe_count times, every
// options.probe_interval seconds, and reports the failure ratio against the ruleset's line
// (avail.homepage); writes probe.json into options.out_dir. Exit 0, or 1 when a full window
// crosses the veto line, 3 when it could not run.
int run_probe(const Settings& options);

// Serves the bundled demo site on loopback and scans it with `options` (sites replaced).
int run_demo(Settings options);

} // namespace app
