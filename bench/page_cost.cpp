// What one page costs, without the network: reads the .html files under a folder (a site made
// by ../shared/bench/gen_site.py), then times parse_document and each concern's inspect over
// them, best of several rounds. The crawl's own share (libcurl, frontier, reports) is what a
// whole scan adds to these figures. Not a test: the figures depend on the machine.
//
//   govaudit_page_cost SITE_DIR/www [PAGES=500] [ROUNDS=5]

#include <checks/check.hpp>
#include <checks/rules.hpp>
#include <scanner/html.hpp>
#include <scanner/url.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <rules/ruleset.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Document {
  std::string url;
  std::string body;
};

std::vector<Document> read_documents(const std::filesystem::path& root, std::size_t limit) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".html") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end()); // the same pages on every run
  if (paths.size() > limit) paths.resize(limit);
  std::vector<Document> documents;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    const std::string relative = path.lexically_relative(root).generic_string();
    documents.push_back({"http://www.qingshi.gov.cn/" + relative, body.str()});
  }
  return documents;
}

// Best of `rounds` timings of `work` over all pages, in microseconds per page.
template <typename Work> double best_per_page(int rounds, std::size_t pages, Work work) {
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    work();
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best / static_cast<double>(pages);
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SITE_DIR/www [PAGES=500] [ROUNDS=5]\n", argv[0]);
    return 2;
  }
  const std::size_t limit = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 500;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
  const auto documents = read_documents(argv[1], limit);
  if (documents.empty() || rounds < 1) {
    std::fprintf(stderr, "no .html files under %s (or no rounds)\n", argv[1]);
    return 2;
  }

  scanner::UrlResolver resolver;
  std::vector<scanner::Page> pages(documents.size());
  const double parse = best_per_page(rounds, documents.size(), [&] {
    for (std::size_t i = 0; i < documents.size(); ++i) {
      scanner::Page& page = pages[i];
      page = {};
      page.url = documents[i].url;
      page.depth = 2;
      page.fetch.status = 200;
      page.fetch.content_type = "text/html";
      scanner::parse_document(std::string(documents[i].body), "text/html", page, resolver);
    }
  });
  std::printf("%zu pages under %s, best of %d rounds, per page:\n", pages.size(), argv[1], rounds);
  std::printf("  %-26s %8.1f us\n", "parse_document", parse);

  std::vector<scanner::SiteConfig> sites(1);
  sites.front().start_urls = {"http://www.qingshi.gov.cn/"};
  core::Problems problems;
  const checks::AuditRules rules =
      checks::load_rules(rules::default_ruleset().json, &sites, problems);
  const checks::AuditContext context{core::CivilDate{2026, 11, 1}, &sites, &rules, false};
  // Each concern once, as a scan runs it: its facts go to a store of its own.
  double checks_total = 0;
  for (const auto& check : checks::builtin_checks(context)) {
    auto store = check->new_facts();
    std::vector<checks::Finding> findings;
    const double cost = best_per_page(rounds, pages.size(), [&] {
      for (const auto& page : pages) check->inspect(page, store.get(), findings);
      store = check->new_facts();
      findings.clear();
    });
    checks_total += cost;
    std::printf("  %-26s %8.1f us\n", std::string(check->ids().front()).c_str(), cost);
  }
  std::printf("  %-26s %8.1f us\n", "checks, as a scan runs them", checks_total);
  return 0;
}
