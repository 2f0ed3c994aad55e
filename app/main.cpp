// govaudit: audits government websites for compliance and writes scored reports.
// main reads as the list of steps: options, then the command (crawl, checks, reports).

#include <app/cli.hpp>
#include <app/reporting.hpp>
#include <app/run.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  try {
    auto command = app::parse_command_line(argc, argv);
    if (!command) {
      std::cerr << command.error() << '\n';
      return app::k_exit_usage;
    }
    switch (command->kind) {
    case app::Command::Kind::help:
      std::cout << app::help_text();
      return app::k_exit_ok;
    case app::Command::Kind::version:
      std::cout << app::version_text();
      return app::k_exit_ok;
    case app::Command::Kind::demo:
      return app::run_demo(command->options);
    case app::Command::Kind::scan:
      return app::run_scan(command->options);
    case app::Command::Kind::probe:
      return app::run_probe(command->options);
    case app::Command::Kind::report:
      return app::run_report(command->paths.front(), command->options);
    case app::Command::Kind::diff:
      return app::run_diff(command->paths[0], command->paths[1]);
    }
  } catch (const std::exception& error) {
    std::cerr << "govaudit: error: " << error.what() << '\n';
  }
  return app::k_exit_incomplete;
}
