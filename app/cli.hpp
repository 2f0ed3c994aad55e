#pragma once
// The command line: `govaudit scan URL... [options]`, `govaudit demo [options]`,
// `govaudit report DIR [options]`, `govaudit diff OLD NEW`, `govaudit --help`, `--version`.

#include <app/settings.hpp>

#include <core/expected.hpp>
#include <string>
#include <vector>

namespace app {

// What the user asked for, with every setting resolved and validated.
struct Command {
  enum class Kind { scan, demo, probe, help, version, report, diff };
  Kind kind = Kind::help;
  // Defaults, then the config file (--config), then the flags. For `scan`, `options.sites` holds
  // at least one site: the command-line URLs as one unnamed site, or else the config's sites.
  // For `demo`, `sites` is empty (the demo supplies its own). Unused for help and version.
  Settings options;
  // `report`: the folder holding findings.json; `diff`: the old and new findings.json.
  std::vector<std::string> paths = {};
};

// Parses `argv` (`argc` entries, argv[0] the program name). Reads the config file named by
// --config, and does no other I/O. On failure returns every problem found, one per line joined
// by '\n', each line starting "govaudit: error: " as printed to stderr, e.g.
// `govaudit: error: --max-depth must be between 0 and 50, got "-3"` or
// `govaudit: error: audit.json:12: unknown key "timout" (did you mean "timeout"?)`.
// A usage error (exit code 2) is the only kind of failure.
core::Expected<Command> parse_command_line(int argc, const char* const* argv);

// The full usage text (ends with a newline): commands, every option with its default, how the
// config file and the flags combine, and the exit codes.
std::string help_text();

// "govaudit VERSION\n", VERSION being the project version CMake defines.
std::string version_text();

} // namespace app
