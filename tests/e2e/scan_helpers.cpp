#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <tests/e2e/scan_helpers.hpp>

namespace e2e {

const nlohmann::json& ScanResult::url(const std::string& address) const {
  auto found = urls.find(address);
  INFO("crawl.json has no entry for " << address);
  REQUIRE(found != urls.end());
  return found->second;
}

std::string ScanResult::url_of(std::size_t id) const {
  return crawl.at("urls").at(id).at("url").get<std::string>();
}

std::vector<nlohmann::json> ScanResult::findings_for(const std::string& check,
                                                     const std::string& address) const {
  std::vector<nlohmann::json> out;
  if (!findings.contains("findings")) return out;
  for (const auto& finding : findings["findings"]) {
    if (finding["check"] == check && finding["url"] == address) out.push_back(finding);
  }
  return out;
}

std::vector<std::string> files_containing(const std::string& dir,
                                          const std::vector<std::string>& needles) {
  std::vector<std::string> hits;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string content = test_support::read_file(entry.path().string());
    for (const auto& needle : needles) {
      if (content.find(needle) != std::string::npos) {
        hits.push_back(entry.path().filename().string() + ": " + needle);
      }
    }
  }
  return hits;
}

std::vector<std::string> shared_ids(const nlohmann::json& findings) {
  std::map<std::string, std::vector<std::string>> by_id;
  if (!findings.contains("findings")) return {};
  // Members read with dump(), not value(..., ""): GCC's -Wnull-dereference flags the inlined
  // string conversion of value() here.
  auto text = [](const nlohmann::json& finding, const char* key) {
    return finding.contains(key) ? finding[key].dump() : std::string("\"\"");
  };
  for (const auto& finding : findings["findings"]) {
    by_id[finding["id"].get<std::string>()].push_back(
        text(finding, "check") + " " + text(finding, "url") + " " + text(finding, "page") + " [" +
        text(finding, "key") + "]");
  }
  std::vector<std::string> shared;
  for (const auto& [id, holders] : by_id) {
    if (holders.size() < 2) continue;
    for (const auto& holder : holders) shared.push_back(id + ": " + holder);
  }
  return shared;
}

ScanResult scan(const std::vector<std::string>& args, const std::string& out_dir, double timeout_s,
                int signal_after_ms) {
  std::vector<std::string> full = {"scan"};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--out", out_dir, "--quiet"});
  if (std::find(args.begin(), args.end(), "--rate") == args.end()) {
    full.insert(full.end(), {"--rate", "0"});
  }
  if (std::find(args.begin(), args.end(), "--recheck-after") == args.end()) {
    full.insert(full.end(), {"--recheck-after", "0"});
  }
  ScanResult result;
  result.out_dir = out_dir;
  result.run = test_support::run_govaudit(full, timeout_s, signal_after_ms);
  INFO("govaudit stderr: " << result.run.err);
  const std::string crawl_path = out_dir + "/crawl.json";
  const std::string findings_path = out_dir + "/findings.json";
  if (std::filesystem::exists(crawl_path)) {
    result.crawl = nlohmann::json::parse(test_support::read_file(crawl_path));
    for (const auto& entry : result.crawl["urls"]) {
      result.urls[entry["url"].get<std::string>()] = entry;
    }
  }
  if (std::filesystem::exists(findings_path)) {
    result.findings = nlohmann::json::parse(test_support::read_file(findings_path));
    CHECK(shared_ids(result.findings).empty());
  }
  return result;
}

} // namespace e2e
