#pragma once
// Shared steps of the end-to-end tests: run `govaudit scan` against a fixture server and read
// what it wrote.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <tests/support/test_support.hpp>
#include <vector>

namespace e2e {

// One scan's results: the process outcome and both JSON documents (empty objects when a file
// was not written).
struct ScanResult {
  std::string out_dir; // where the scan wrote its reports
  test_support::RunResult run;
  nlohmann::json crawl = nlohmann::json::object();
  nlohmann::json findings = nlohmann::json::object();
  std::map<std::string, nlohmann::json> urls; // crawl.json's URL entries by URL

  // The crawl.json entry of `url`; fails the test when it is missing.
  const nlohmann::json& url(const std::string& address) const;
  bool has(const std::string& address) const { return urls.count(address) != 0; }
  // The URL of the entry whose id is `id`.
  std::string url_of(std::size_t id) const;
  // Findings of `check` about `url`.
  std::vector<nlohmann::json> findings_for(const std::string& check,
                                           const std::string& address) const;
};

// "file: needle" for every file under `dir` (recursively) that contains one of `needles`: the
// full personal numbers a scan must never write out.
std::vector<std::string> files_containing(const std::string& dir,
                                          const std::vector<std::string>& needles);

// The ids that more than one finding of `findings` (a findings.json document) carries, each
// with its check, url, page and key: ids must name one defect each.
std::vector<std::string> shared_ids(const nlohmann::json& findings);

// Runs `govaudit scan` with `args` plus `--out <out_dir> --quiet` and the polite limits lifted
// (--rate 0) unless `args` sets them, and loads the outputs. Checks that every finding id of the
// scan is distinct, so that each fixture site tests the ids too.
ScanResult scan(const std::vector<std::string>& args, const std::string& out_dir,
                double timeout_s = 120, int signal_after_ms = -1);

} // namespace e2e
