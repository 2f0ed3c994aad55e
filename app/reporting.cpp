#include <app/reporting.hpp>
#include <app/run.hpp>
#include <reports/report_data.hpp>
#include <reports/scoring.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace app {
namespace {

void print_error(const std::string& message) {
  std::cerr << "govaudit: error: " << message << '\n';
}

nlohmann::json ruleset_json(const checks::Ruleset& ruleset) {
  return {{"id", ruleset.id}, {"version", ruleset.version}, {"title", ruleset.title}};
}

std::string headline(const std::vector<reports::Subject>& subjects) {
  for (const auto& subject : subjects) {
    if (subject.kind != reports::Subject::Kind::site) continue;
    if (!subject.name.empty()) return subject.name;
    if (!subject.urls.empty()) return subject.urls.front();
  }
  return "site";
}

bool wants(const scanner::CrawlOptions& options, const std::string& format) {
  const auto names = reports::split_formats(options.formats);
  return std::find(names.begin(), names.end(), format) != names.end();
}

// Writes the formats other than findings.json; false (errors printed) when one fails.
bool write_formats(const scanner::CrawlOptions& options, const reports::ReportData& data) {
  using Writer = scanner::Expected<bool> (*)(const std::string&, const reports::ReportData&);
  const std::pair<const char*, std::pair<const char*, Writer>> k_writers[] = {
      {"html", {"report.html", reports::write_html}},
      {"junit", {"junit.xml", reports::write_junit}},
      {"sarif", {"results.sarif", reports::write_sarif}},
      {"csv", {"rectification.csv", reports::write_csv}},
      {"md", {"summary.md", reports::write_markdown}}};
  bool ok = true;
  for (const auto& [format, file] : k_writers) {
    if (!wants(options, format)) continue;
    if (auto written = file.second(options.out_dir + "/" + file.first, data); !written) {
      print_error(written.error());
      ok = false;
    }
  }
  return ok;
}

// Prints the verdict, the score and the gate on stderr (one short block for CI logs).
void print_verdict(const reports::ReportData& data) {
  for (const auto& subject : data.score.subjects) {
    std::cerr << "govaudit: " << reports::subject_label(subject) << ": "
              << reports::verdict_zh(subject.passed) << ' '
              << (subject.passed ? "(pass)" : "(fail)") << ", score ";
    if (subject.score) {
      std::cerr << *subject.score << (subject.provisional ? " (provisional)" : "");
    } else {
      std::cerr << "none (" << subject.vetoes.size() << " veto(es))";
    }
    std::cerr << '\n';
  }
  if (data.gate.explained > 0) {
    std::cerr << "govaudit: " << data.gate.explained
              << " finding(s) explained by exceptions: ignored by the gate, still counted in the "
                 "official score\n";
  }
  std::cerr << "govaudit: gate " << (data.gate.passed ? "passed" : "failed") << '\n';
  for (const auto& reason : data.gate.reasons) std::cerr << "govaudit: gate: " << reason << '\n';
}

reports::ReportData build_data(const ReportPlan& plan, std::vector<checks::Finding> findings,
                               std::vector<reports::Subject> subjects, std::string as_of) {
  reports::ReportData data;
  data.ruleset = &plan.ruleset;
  data.site = headline(subjects);
  data.as_of = std::move(as_of);
  data.findings = std::move(findings);
  data.score = reports::score_audit(data.findings, subjects, plan.ruleset);
  reports::GateSettings gate = plan.gate;
  gate.as_of = data.as_of;
  data.gate = reports::apply_gate(data.findings, subjects, plan.ruleset, gate);
  data.exceptions = plan.gate.exceptions;
  data.subjects = std::move(subjects);
  return data;
}

} // namespace

scanner::Expected<ReportPlan> load_report_plan(const scanner::CrawlOptions& options) {
  ReportPlan plan{checks::default_ruleset(), {}};
  std::string problems;
  auto add = [&](const std::string& problem) {
    problems += (problems.empty() ? "" : "\n") + problem;
  };
  if (!options.ruleset.empty()) {
    auto loaded = checks::load_ruleset_file(options.ruleset);
    if (loaded) {
      plan.ruleset = std::move(*loaded);
    } else {
      add(loaded.error());
    }
  }
  plan.gate.fail_under = options.fail_under;
  plan.gate.fail_on = reports::parse_fail_on(options.fail_on);
  if (!options.exceptions.empty()) {
    auto loaded = reports::load_exceptions(options.exceptions);
    if (loaded) {
      plan.gate.exceptions = std::move(*loaded);
    } else {
      add(loaded.error());
    }
  }
  if (!options.baseline.empty()) {
    auto loaded = reports::read_findings_json(options.baseline);
    if (loaded) {
      plan.gate.use_baseline = true;
      for (const auto& finding : loaded->findings) {
        plan.gate.baseline_ids.insert(reports::finding_id(finding));
      }
    } else {
      add("--baseline: " + loaded.error());
    }
  }
  if (!problems.empty()) return scanner::unexpected(problems);
  return plan;
}

int write_reports(const ReportPlan& plan, reports::Audit& audit) {
  const scanner::CrawlOptions& options = audit.options;
  reports::ReportData data =
      build_data(plan, audit.findings, reports::subjects_of(options, options.bonus), audit.as_of);
  data.complete = audit.site.complete;
  data.stop_reason = audit.site.stop_reason;
  audit.ruleset = ruleset_json(plan.ruleset);
  audit.score = reports::score_json(data.score);
  bool ok = true;
  if (wants(options, "json")) {
    if (auto written = reports::write_findings_json(options.out_dir + "/findings.json", audit);
        !written) {
      print_error(written.error());
      ok = false;
    }
  }
  ok = write_formats(options, data) && ok;
  if (!options.quiet) print_verdict(data);
  if (!ok) return k_exit_incomplete;
  return data.gate.passed ? k_exit_ok : k_exit_gate;
}

int run_report(const std::string& dir, const scanner::CrawlOptions& options) {
  auto plan = load_report_plan(options);
  if (!plan) {
    std::cerr << "govaudit: error: " << plan.error() << '\n';
    return k_exit_usage;
  }
  auto file = reports::read_findings_json(dir + "/findings.json");
  if (!file) {
    print_error(file.error());
    return k_exit_usage;
  }
  std::vector<reports::Subject> subjects =
      reports::subjects_from_json(file->head.value("score", nlohmann::json()));
  if (subjects.empty()) {
    // A findings.json of a version without a score: its sites, with default inputs.
    scanner::CrawlOptions recorded;
    for (const auto& site : file->head.value("sites", nlohmann::json::array())) {
      scanner::SiteConfig config;
      config.name = site.value("name", "");
      config.start_urls = site.value("start_urls", std::vector<std::string>{});
      config.hosts = site.value("hosts", std::vector<std::string>{});
      config.paths = site.value("paths", std::vector<std::string>{});
      config.has_services = site.value("has_services", true);
      recorded.sites.push_back(std::move(config));
    }
    subjects = reports::subjects_of(recorded, 0);
  }
  if (options.bonus > 0) {
    for (auto& subject : subjects) {
      if (subject.kind == reports::Subject::Kind::site) {
        subject.bonus = options.bonus;
        break;
      }
    }
  }
  const nlohmann::json run = file->head.value("run", nlohmann::json::object());
  reports::ReportData data =
      build_data(*plan, std::move(file->findings), std::move(subjects), run.value("as_of", ""));
  data.complete = run.value("complete", true);
  data.stop_reason = run.value("stop_reason", "");
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (!write_formats(options, data)) return k_exit_incomplete;
  if (!options.quiet) print_verdict(data);
  std::cout << "reports written to " << options.out_dir << "\n";
  if (!data.complete) {
    print_error("findings.json records an incomplete scan: the gate cannot pass it");
    return k_exit_incomplete;
  }
  return data.gate.passed ? k_exit_ok : k_exit_gate;
}

int run_diff(const std::string& old_path, const std::string& new_path) {
  auto before = reports::read_findings_json(old_path);
  auto after = reports::read_findings_json(new_path);
  for (const auto* file : {&before, &after}) {
    if (!*file) {
      print_error(file->error());
      return k_exit_usage;
    }
  }
  const reports::FindingsDiff diff = reports::diff_findings(before->findings, after->findings);
  auto print = [](const char* label, const std::vector<checks::Finding>& findings) {
    for (const auto& finding : findings) {
      std::cout << label << ' ' << checks::severity_name(finding.severity) << ' ' << finding.check
                << ' ' << finding.url << (finding.page.empty() ? "" : " (on " + finding.page + ")")
                << '\n';
    }
  };
  print("new", diff.added);
  print("fixed", diff.fixed);
  std::cout << "new: " << diff.added.size() << ", fixed: " << diff.fixed.size()
            << ", unchanged: " << diff.unchanged.size() << '\n';
  return k_exit_ok;
}

} // namespace app
