#include <app/reporting.hpp>
#include <app/run.hpp>
#include <reports/report_data.hpp>
#include <reports/scoring.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <rules/catalogue.hpp>

namespace app {
namespace {

void print_error(const std::string& message) {
  std::cerr << "govaudit: error: " << message << '\n';
}

nlohmann::json ruleset_json(const rules::Ruleset& ruleset) {
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

bool wants(const Settings& options, const std::string& format) {
  const auto names = reports::split_formats(options.formats);
  return std::find(names.begin(), names.end(), format) != names.end();
}

// Writes the formats other than findings.json into options.out_dir; adds each file written to
// `written`; false (errors printed) when one fails.
bool write_formats(const Settings& options, const reports::ReportData& data,
                   std::vector<std::string>& written) {
  using Writer = core::Expected<bool> (*)(const std::string&, const reports::ReportData&);
  const std::pair<const char*, std::pair<const char*, Writer>> k_writers[] = {
      {"html", {"report.html", reports::write_html}},
      {"junit", {"junit.xml", reports::write_junit}},
      {"sarif", {"results.sarif", reports::write_sarif}},
      {"csv", {"rectification.csv", reports::write_csv}},
      {"md", {"summary.md", reports::write_markdown}}};
  bool ok = true;
  for (const auto& [format, file] : k_writers) {
    if (!wants(options, format)) continue;
    const std::string path = options.out_dir + "/" + file.first;
    if (auto result = file.second(path, data); !result) {
      print_error(result.error());
      ok = false;
    } else {
      written.push_back(path);
    }
  }
  return ok;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// One line per subject: verdict, whether it is provisional, what the score covers.
void print_verdict(const reports::ReportData& data) {
  for (const auto& subject : data.score.subjects) {
    std::cerr << "govaudit: " << reports::subject_label(subject) << ": "
              << reports::verdict_zh(subject.verdict) << (subject.provisional ? "（暂定）" : "")
              << " (" << reports::verdict_name(subject.verdict)
              << (subject.provisional ? ", provisional" : "") << ")";
    if (subject.verdict == reports::Verdict::cannot_assess) {
      std::cerr << ": " << reports::blocked_text(subject.subject.blocked, true);
    } else if (!subject.vetoes.empty()) {
      std::cerr << ", vetoed:";
      for (const auto& veto : subject.vetoes) std::cerr << ' ' << veto.check;
    } else if (subject.score) {
      std::cerr << ", score " << *subject.score;
    } else if (subject.measured_score) {
      std::cerr << ", " << number_text(subject.earned_points) << " of "
                << number_text(subject.assessed_points) << " points assessed kept (measured score "
                << *subject.measured_score << "); "
                << number_text(subject.measurable_points - subject.assessed_points)
                << " points not assessed";
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
                               std::vector<reports::Subject> subjects, std::string as_of,
                               std::vector<std::string> checks_run) {
  reports::ReportData data;
  data.ruleset = &plan.ruleset;
  data.ruleset_source = plan.ruleset_source;
  data.site = headline(subjects);
  data.as_of = std::move(as_of);
  data.findings = std::move(findings);
  const reports::ScoringInputs inputs{std::move(checks_run), plan.assessments};
  data.score = reports::score_audit(data.findings, subjects, plan.ruleset, inputs);
  reports::GateSettings gate = plan.gate;
  gate.as_of = data.as_of;
  data.gate = reports::apply_gate(data.findings, subjects, plan.ruleset, gate, inputs);
  data.exceptions = plan.gate.exceptions;
  data.expired = reports::expired_exceptions(plan.gate.exceptions, data.as_of);
  data.subjects = std::move(subjects);
  return data;
}

// "failure home.stale http://x/ (on http://y/)", the key in brackets after the check when set.
std::string finding_line(const checks::Finding& finding) {
  return std::string(checks::severity_name(finding.severity)) + ' ' + finding.check +
         (finding.key.empty() ? "" : " [" + finding.key + "]") + ' ' + finding.url +
         (finding.page.empty() ? "" : " (on " + finding.page + ")");
}

// One "verdict" line per subject of either run, before any finding: a subject that turned
// 不合格 is what a monthly audit looks for first.
void print_verdicts(const reports::FindingsFile& before, const reports::FindingsFile& after) {
  const auto pairs = reports::match_subjects(
      reports::recorded_subjects(before.head.value("score", nlohmann::json())),
      reports::recorded_subjects(after.head.value("score", nlohmann::json())));
  constexpr const char* k_absent = "(not audited)";
  for (const auto& pair : pairs) {
    const reports::SubjectVerdict& shown = pair.after ? *pair.after : *pair.before;
    std::cout << "verdict " << reports::subject_name(shown) << ": ";
    if (pair.before && pair.after && reports::same_verdict(*pair.before, *pair.after)) {
      std::cout << reports::verdict_text(*pair.after) << " (unchanged)\n";
      continue;
    }
    std::cout << (pair.before ? reports::verdict_text(*pair.before) : k_absent) << " -> "
              << (pair.after ? reports::verdict_text(*pair.after) : k_absent) << '\n';
  }
}

} // namespace

std::optional<std::string> out_dir_problem(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return "cannot create the output folder \"" + dir + "\": " + error.message();
  if (!std::filesystem::is_directory(dir, error)) {
    return "the output folder \"" + dir + "\" is not a folder";
  }
  // Permission bits do not tell (root, ACLs, read-only mounts): try to write a file.
  const std::string probe = dir + "/.govaudit-write-test-" + std::to_string(::getpid());
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    out << "govaudit\n";
    out.flush();
    if (!out) {
      std::filesystem::remove(probe, error);
      return "cannot write into the output folder \"" + dir +
             "\" (check its permissions, or choose another with --out)";
    }
  }
  std::filesystem::remove(probe, error);
  return std::nullopt;
}

core::Expected<ReportPlan> load_report_plan(const Settings& options,
                                            const std::vector<reports::Subject>& subjects,
                                            const std::string& default_ruleset_file) {
  ReportPlan plan{rules::default_ruleset(), "built-in", {}, {}, {}};
  std::string problems;
  auto add = [&](const std::string& problem) {
    problems += (problems.empty() ? "" : "\n") + problem;
  };
  bool ruleset_ok = true;
  std::string ruleset_file = options.ruleset;
  if (ruleset_file.empty() && !default_ruleset_file.empty() &&
      std::filesystem::exists(default_ruleset_file)) {
    ruleset_file = default_ruleset_file;
  }
  core::Problems ruleset_problems;
  if (!ruleset_file.empty()) {
    if (auto loaded = rules::load_ruleset_file(ruleset_file, ruleset_problems)) {
      plan.ruleset = std::move(*loaded);
      plan.ruleset_source = ruleset_file;
    }
  }
  // Every check's section too, so that all of a ruleset's problems are shown together.
  if (plan.ruleset.json.is_object()) {
    plan.check_rules = checks::load_rules(plan.ruleset.json, &options.sites, ruleset_problems);
  }
  for (const auto& line : ruleset_problems.lines()) {
    ruleset_ok = false;
    // Problems inside the file name it; one about the file itself already does.
    add(line.starts_with("ruleset:") && !ruleset_file.empty() ? ruleset_file + ": " + line : line);
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
      plan.gate.baseline = reports::baseline_of(std::move(*loaded));
    } else {
      add("--baseline: " + loaded.error());
    }
  }
  // Items and veto checks are the ruleset's: checked once it is known to be valid.
  if (!options.assessments.empty() && ruleset_ok) {
    auto loaded = reports::load_assessments(options.assessments, plan.ruleset, subjects);
    if (loaded) {
      plan.assessments = std::move(*loaded);
    } else {
      add(loaded.error());
    }
  }
  if (!problems.empty()) return core::unexpected(problems);
  return plan;
}

void warn_expired_exceptions(const ReportPlan& plan, const std::string& as_of) {
  for (const auto& entry : reports::expired_exceptions(plan.gate.exceptions, as_of)) {
    std::cerr << "govaudit: warning: the exception for " << entry.check << " " << entry.url << " ("
              << entry.owner << ") expired on " << entry.expires
              << ": it explains nothing any more (renew it or fix the finding)\n";
  }
}

Written write_reports(const ReportPlan& plan, const Settings& options, reports::Audit& audit,
                      const std::vector<reports::Subject>& subjects) {
  reports::ReportData data =
      build_data(plan, audit.findings, subjects, audit.as_of, audit.checks_run);
  data.complete = audit.status.complete;
  data.stop_reason = audit.status.stop_reason;
  data.incomplete_reasons = audit.status.reasons;
  audit.ruleset = ruleset_json(plan.ruleset);
  audit.score = reports::score_json(data.score);
  if (!plan.assessments.empty()) audit.assessments = reports::assessments_json(plan.assessments);
  Written written;
  bool ok = true;
  if (wants(options, "json")) {
    const std::string path = options.out_dir + "/findings.json";
    if (auto result = reports::write_findings_json(path, audit); !result) {
      print_error(result.error());
      ok = false;
    } else {
      written.files.push_back(path);
    }
  }
  // The ruleset that scored the run, so that `govaudit report` re-renders with it.
  const std::string ruleset_path = options.out_dir + "/ruleset.json";
  {
    std::ofstream out(ruleset_path, std::ios::binary | std::ios::trunc);
    out << plan.ruleset.json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    out.flush();
    if (out) {
      written.files.push_back(ruleset_path);
    } else {
      print_error("cannot write \"" + ruleset_path + "\"");
      ok = false;
    }
  }
  ok = write_formats(options, data, written.files) && ok;
  if (!options.quiet) print_verdict(data);
  written.code = !ok ? k_exit_incomplete : data.gate.passed ? k_exit_ok : k_exit_gate;
  return written;
}

int run_report(const std::string& dir, const Settings& options) {
  auto file = reports::read_findings_json(dir + "/findings.json");
  if (!file) {
    print_error(file.error());
    return k_exit_usage;
  }
  std::vector<reports::Subject> subjects =
      reports::subjects_from_json(file->head.value("score", nlohmann::json()));
  if (subjects.empty()) {
    // A findings.json of a version without a score: its sites, with default inputs.
    Settings recorded;
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
  auto plan = load_report_plan(options, subjects, dir + "/ruleset.json");
  if (!plan) {
    std::cerr << "govaudit: error: " << plan.error() << '\n';
    return k_exit_usage;
  }
  if (options.assessments.empty()) {
    plan->assessments = reports::assessments_from_json(
        file->head.contains("assessments") ? file->head["assessments"] : nlohmann::json());
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
  // A findings.json written before subjects recorded their scan status says only that the run
  // was incomplete: then no subject of it can be assessed.
  const bool complete = run.value("complete", true);
  if (!complete && std::none_of(subjects.begin(), subjects.end(),
                                [](const auto& subject) { return !subject.blocked.empty(); })) {
    const std::string reason = run.value("stop_reason", "");
    for (auto& subject : subjects) {
      subject.blocked = reason == "max-pages" ? "page_limit" : "interrupted";
      subject.blocked_detail = "the run recorded \"complete\": false (" + reason + ")";
    }
  }
  std::vector<std::string> checks_run = run.contains("checks")
                                            ? run.value("checks", std::vector<std::string>{})
                                            : checks::builtin_check_ids();
  const std::string as_of = run.value("as_of", "");
  warn_expired_exceptions(*plan, as_of);
  reports::ReportData data = build_data(*plan, std::move(file->findings), std::move(subjects),
                                        as_of, std::move(checks_run));
  data.complete = complete;
  data.stop_reason = run.value("stop_reason", "");
  data.incomplete_reasons = run.value("incomplete_reasons", std::vector<std::string>{});
  if (auto problem = out_dir_problem(options.out_dir)) {
    print_error(*problem);
    return k_exit_usage;
  }
  std::cerr << "govaudit: ruleset " << plan->ruleset.id << " " << plan->ruleset.version << " ("
            << (plan->ruleset_source == "built-in" ? "built-in: " + dir + "/ruleset.json is missing"
                                                   : "from " + plan->ruleset_source)
            << ")\n";
  std::vector<std::string> written;
  const bool ok = write_formats(options, data, written);
  if (!options.quiet) print_verdict(data);
  for (const auto& path : written) std::cout << "report: " << path << '\n';
  if (!ok) return k_exit_incomplete;
  if (!data.complete) {
    print_error("findings.json records an incomplete scan (" + data.stop_reason +
                "): the gate cannot pass it");
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
  print_verdicts(*before, *after);
  const reports::FindingsDiff diff = reports::diff_findings(before->findings, after->findings);
  for (const auto& finding : diff.added) std::cout << "new " << finding_line(finding) << '\n';
  for (const auto& [label, list] :
       {std::pair{"worsened", &diff.worsened}, std::pair{"improved", &diff.improved}}) {
    for (const auto& changed : *list) {
      std::cout << label << ' ' << finding_line(changed.after) << ": "
                << reports::change_text(changed.change) << '\n';
    }
  }
  for (const auto& finding : diff.fixed) std::cout << "fixed " << finding_line(finding) << '\n';
  std::cout << "new: " << diff.added.size() << ", worsened: " << diff.worsened.size()
            << ", improved: " << diff.improved.size() << ", fixed: " << diff.fixed.size()
            << ", unchanged: " << diff.unchanged.size() << '\n';
  return k_exit_ok;
}

} // namespace app
