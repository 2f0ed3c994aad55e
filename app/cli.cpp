#include <app/cli.hpp>
#include <app/config.hpp>
#include <app/validate.hpp>

#include <algorithm>
#include <array>
#include <core/problems.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace app {
namespace {

// One option of `scan`, `demo`, `probe` and `report`: a setting of the table (settings.hpp), or
// --config and --help, which set none.
struct OptionSpec {
  std::string_view flag;       // "--max-pages"
  std::string_view key;        // config key, "max_pages"; empty for --config and --help
  std::string_view value_name; // shown in the help; empty for flags that take no value
  std::string_view help;
};

// Every option, in the order the help lists them.
const std::vector<OptionSpec>& options() {
  static const std::vector<OptionSpec> k_options = [] {
    std::vector<OptionSpec> all{
        {"--config", "", "FILE", "read settings from FILE (JSON with comments, see below)"}};
    for (const Setting& setting : settings_table()) {
      all.push_back({setting.flag, setting.key, setting.value_name, setting.help});
    }
    all.push_back({"--help", "", "", "show this help (also -h)"});
    return all;
  }();
  return k_options;
}

constexpr std::string_view k_error_prefix = "govaudit: error: ";

const OptionSpec* find_option(std::string_view flag) {
  const auto& all = options();
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const OptionSpec& spec) { return spec.flag == flag; });
  return it == all.end() ? nullptr : &*it;
}

bool takes_value(const OptionSpec& spec) {
  return !spec.value_name.empty();
}

std::string quote(std::string_view text) {
  return '"' + std::string(text) + '"';
}

// The problems of one command line: each becomes one "govaudit: error: " line.
using Problems = core::Problems;

std::string unknown_option(std::string_view flag) {
  std::vector<std::string_view> flags;
  for (const OptionSpec& spec : options()) flags.push_back(spec.flag);
  if (auto match = core::closest_match(flag, flags)) {
    return "unknown option " + quote(flag) + " (did you mean " + quote(*match) + "?)";
  }
  return "unknown option " + quote(flag) + " (see govaudit --help)";
}

// The arguments after the command word, sorted into options and URLs.
struct Arguments {
  std::vector<std::pair<const OptionSpec*, std::string>> settings; // in command-line order
  std::optional<std::string> config_path;
  std::vector<std::string> urls;
  bool help = false;
};

Arguments split_arguments(const std::vector<std::string_view>& args, Problems& problems) {
  Arguments result;
  bool only_urls = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (only_urls || !arg.starts_with('-') || arg == "-") {
      result.urls.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      only_urls = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      result.help = true;
      continue;
    }
    std::size_t equals = arg.starts_with("--") ? arg.find('=') : std::string_view::npos;
    std::string_view flag = arg.substr(0, equals);
    const OptionSpec* spec = find_option(flag);
    if (spec == nullptr) {
      problems.add(unknown_option(flag));
      continue;
    }
    std::string value;
    if (!takes_value(*spec)) {
      if (equals != std::string_view::npos) {
        problems.add(std::string(flag) + " takes no value, got " + quote(arg.substr(equals + 1)));
        continue;
      }
    } else if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      problems.add(std::string(flag) + " needs a value (" + std::string(flag) + " " +
                   std::string(spec->value_name) + ")");
      continue;
    }
    if (spec->key.empty()) {
      result.config_path = std::move(value);
    } else {
      result.settings.emplace_back(spec, std::move(value));
    }
  }
  return result;
}

// Applies the flags over `options` (already holding the config file's settings). The first
// occurrence of a repeatable flag replaces the config file's list; later ones append.
void apply_flags(const Arguments& arguments, Settings& options, Problems& problems) {
  std::set<std::string_view> lists_seen;
  for (const auto& [spec, value] : arguments.settings) {
    if (setting_type(spec->key) == SettingType::text_list && lists_seen.insert(spec->key).second) {
      reset_setting(options, spec->key);
    }
    if (auto problem = apply_setting_text(options, spec->key, value)) {
      problems.add(std::string(spec->flag) + " " + *problem + ", got " + quote(value));
    }
  }
}

core::Expected<Command> parse_scan(Command::Kind kind, const std::vector<std::string_view>& args) {
  Problems problems;
  Arguments arguments = split_arguments(args, problems);
  if (arguments.help) return Command{Command::Kind::help, {}};

  Command command{kind, {}};
  bool config_loaded = true;
  if (arguments.config_path) {
    if (kind == Command::Kind::demo) {
      problems.add("demo does not read a config file (--config)");
    } else {
      auto loaded = load_config(*arguments.config_path, command.options);
      if (loaded) {
        command.options = std::move(*loaded);
      } else {
        problems.add_lines(loaded.error());
        config_loaded = false;
      }
    }
  }
  apply_flags(arguments, command.options, problems);

  if (kind == Command::Kind::demo) {
    for (const std::string& url : arguments.urls) {
      problems.add("demo takes no URLs, got " + quote(url));
    }
  } else {
    bool urls_ok = true;
    for (const std::string& url : arguments.urls) {
      if (auto problem = validate_http_url(url)) {
        problems.add("start URL " + quote(url) + " " + *problem);
        urls_ok = false;
      }
    }
    if (kind == Command::Kind::probe && arguments.urls.size() != 1 && urls_ok) {
      problems.add("probe needs exactly one URL (govaudit probe URL [--count N] [--interval S])");
    }
    if (!arguments.urls.empty()) {
      scanner::SiteConfig site;
      site.start_urls = arguments.urls;
      command.options.sites = {std::move(site)};
    } else if (command.options.sites.empty() && config_loaded && urls_ok) {
      problems.add("scan needs at least one URL, or a config file (--config) with \"sites\" "
                   "(see govaudit --help)");
    }
  }
  if (!problems.empty()) return core::unexpected(problems.text(k_error_prefix));
  return command;
}

// `report DIR [options]`: the scoring, format and gate options apply; --out defaults to DIR.
core::Expected<Command> parse_report(const std::vector<std::string_view>& args) {
  Problems problems;
  Arguments arguments = split_arguments(args, problems);
  if (arguments.help) return Command{Command::Kind::help, {}, {}};
  Command command{Command::Kind::report, {}, arguments.urls};
  if (arguments.config_path) problems.add("report does not read a config file (--config)");
  apply_flags(arguments, command.options, problems);
  if (arguments.urls.size() != 1) {
    problems.add("report needs one folder holding findings.json (govaudit report DIR)");
  }
  const bool out_given =
      std::any_of(arguments.settings.begin(), arguments.settings.end(),
                  [](const auto& setting) { return setting.first->key == "out"; });
  if (!out_given && !arguments.urls.empty()) command.options.out_dir = arguments.urls.front();
  if (!problems.empty()) return core::unexpected(problems.text(k_error_prefix));
  return command;
}

// `diff OLD NEW`: two findings.json files or report folders, no options.
core::Expected<Command> parse_diff(const std::vector<std::string_view>& args) {
  Problems problems;
  Arguments arguments = split_arguments(args, problems);
  if (arguments.help) return Command{Command::Kind::help, {}, {}};
  if (!arguments.settings.empty() || arguments.config_path) {
    problems.add("diff takes no options (govaudit diff OLD NEW)");
  }
  if (arguments.urls.size() != 2) {
    problems.add("diff needs two findings.json files or report folders (govaudit diff OLD NEW)");
  }
  if (!problems.empty()) return core::unexpected(problems.text(k_error_prefix));
  return Command{Command::Kind::diff, {}, arguments.urls};
}

} // namespace

core::Expected<Command> parse_command_line(int argc, const char* const* argv) {
  std::vector<std::string_view> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  Problems problems;
  if (args.empty()) {
    problems.add("no command given (see govaudit --help)");
    return core::unexpected(problems.text(k_error_prefix));
  }
  std::string_view command = args.front();
  std::vector<std::string_view> rest(args.begin() + 1, args.end());
  if (command == "help" || command == "--help" || command == "-h") {
    return Command{Command::Kind::help, {}};
  }
  if (command == "--version") {
    for (std::string_view extra : rest) {
      problems.add("--version takes no arguments, got " + quote(extra));
    }
    if (!problems.empty()) return core::unexpected(problems.text(k_error_prefix));
    return Command{Command::Kind::version, {}};
  }
  if (command == "scan") return parse_scan(Command::Kind::scan, rest);
  if (command == "demo") return parse_scan(Command::Kind::demo, rest);
  if (command == "probe") return parse_scan(Command::Kind::probe, rest);
  if (command == "report") return parse_report(rest);
  if (command == "diff") return parse_diff(rest);
  if (std::string_view flag = command.substr(0, command.find('=')); find_option(flag)) {
    problems.add("missing command before " + quote(flag) + " (govaudit scan URL... [options])");
  } else if (command.starts_with('-')) {
    problems.add(unknown_option(flag));
  } else {
    constexpr std::array<std::string_view, 5> k_commands{"scan", "demo", "report", "diff", "help"};
    std::string message = "unknown command " + quote(command);
    if (auto match = core::closest_match(command, k_commands)) {
      message += " (did you mean " + quote(*match) + "?)";
    } else {
      message += " (see govaudit --help)";
    }
    problems.add(std::move(message));
  }
  return core::unexpected(problems.text(k_error_prefix));
}

std::string help_text() {
  std::string text =
      "govaudit " GOVAUDIT_VERSION " - audit Chinese government websites for compliance\n"
      "\n"
      "Usage:\n"
      "  govaudit scan URL... [options]     crawl the site and audit it\n"
      "  govaudit scan --config FILE [URL...] [options]\n"
      "  govaudit demo [options]            audit the built-in demonstration site\n"
      "  govaudit probe URL [--count N] [--interval S] [options]\n"
      "                                     sample a homepage's availability (avail.homepage)\n"
      "  govaudit report DIR [options]      re-render the reports from DIR/findings.json\n"
      "  govaudit diff OLD NEW              compare two runs (findings.json files or report\n"
      "                                     folders): each subject's verdict, then findings\n"
      "                                     new, worse, better and fixed; exits 0, or 2 when\n"
      "                                     a file cannot be read\n"
      "  govaudit help | --help | -h        show this help\n"
      "  govaudit --version                 show the version\n"
      "\n"
      "The URLs of the command line (absolute http or https URLs) form one site and\n"
      "replace the \"sites\" of the config file; without URLs, the config file's\n"
      "sites are audited. scan needs one or the other. demo takes no URLs and no\n"
      "--config.\n"
      "\n"
      "Options (\"--option VALUE\" and \"--option=VALUE\" both work):\n";
  const Settings defaults;
  for (const OptionSpec& spec : options()) {
    std::string left = "  " + std::string(spec.flag);
    if (takes_value(spec)) left += " " + std::string(spec.value_name);
    constexpr std::size_t k_column = 32;
    left += left.size() < k_column ? std::string(k_column - left.size(), ' ')
                                   : "\n" + std::string(k_column, ' ');
    text += left + std::string(spec.help);
    // Flags default to off; empty texts and lists are explained by the option's own help.
    std::string value = spec.key.empty() || setting_type(spec.key) == SettingType::flag
                            ? std::string()
                            : setting_text(defaults, spec.key);
    if (!value.empty()) {
      text += " [default: " + value + "]";
    }
    text += '\n';
  }
  text +=
      "\n"
      "REGEX is an ECMAScript regular expression, tested against the absolute URL.\n"
      "Settings apply in this order: defaults, then the config file, then the options.\n"
      "A repeatable option replaces the config file's list (its first use clears it).\n"
      "\n"
      "Config file: JSON in which // and /* */ comments are allowed. Its keys are the\n"
      "option names in snake_case (max_pages, per_host, dns_server, ...; \"headers\" for\n"
      "--header; --config has none), plus\n"
      "  \"sites\": [{\"name\": \"...\", \"start_urls\": [\"https://...\"], \"hosts\": [\"...\"],\n"
      "             \"new_media\": [\"https://...\" or {\"name\", \"platform\", \"url\"}]}]\n"
      "Every problem is reported at once, with its file and line. A documented example:\n"
      "fixtures/config/example.jsonc in the source tree.\n"
      "\n"
      "Reports: findings.json, report.html, junit.xml, results.sarif, rectification.csv\n"
      "and summary.md in --out (--format picks them). The gate (--fail-under,\n"
      "--fail-on, --baseline, --exceptions) decides exit code 1; without gate options\n"
      "a complete scan exits 0.\n"
      "\n"
      "Exit codes:\n"
      "  0  the audit passed its gate (also after help and version)\n"
      "  1  the audit failed its gate: findings over the bar\n"
      "  2  bad usage or config: nothing was scanned\n"
      "  3  the scan could not be completed\n";
  return text;
}

std::string version_text() {
  return "govaudit " GOVAUDIT_VERSION "\n";
}

} // namespace app
