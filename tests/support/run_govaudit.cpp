// Running a program (the built govaudit binary) with a timeout and an optional signal, and
// opening report pages in headless Chromium.

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <tests/support/test_support.hpp>
#include <thread>

namespace test_support {

namespace {

int create_output(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path);
  return fd;
}

} // namespace

RunResult run_program(const std::vector<std::string>& argv, double timeout_s,
                      int send_signal_after_ms, int signal) {
  // Output goes to files rather than pipes: nothing to drain while waiting, no deadlock when
  // the program writes more than a pipe holds.
  TempDir dir;
  const int out_fd = create_output(dir.file("stdout"));
  const int err_fd = create_output(dir.file("stderr"));
  std::optional<ChildProcess> process;
  try {
    process.emplace(SpawnSpec{argv, -1, out_fd, err_fd});
  } catch (...) {
    close(out_fd);
    close(err_fd);
    throw;
  }
  close(out_fd);
  close(err_fd);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(timeout_s);
  const auto signal_at = start + std::chrono::milliseconds(send_signal_after_ms);
  bool signal_sent = send_signal_after_ms < 0;
  RunResult result;
  std::optional<int> status;
  while (!(status = process->try_wait())) {
    const auto now = Clock::now();
    if (!signal_sent && now >= signal_at) {
      process->send_signal(signal);
      signal_sent = true;
    }
    if (now >= deadline) {
      process->stop(SIGKILL, 0);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.out = read_file(dir.file("stdout"));
  result.err = read_file(dir.file("stderr"));
  if (result.timed_out) {
    result.err +=
        "\n[run_govaudit: killed after the " + std::to_string(timeout_s) + " s timeout]\n";
  } else {
    result.exit_code = exit_code_of(*status);
  }
  return result;
}

RunResult run_govaudit(const std::vector<std::string>& args, double timeout_s,
                       int send_signal_after_ms, int signal) {
  std::vector<std::string> argv = {GOVAUDIT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, timeout_s, send_signal_after_ms, signal);
}

namespace {

std::vector<std::string> chromium_command(const std::string& profile) {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (access(candidate, X_OK) != 0) continue;
    // The flags keep Chromium off the network (this machine has none) and out of the way.
    return {candidate,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=2000"};
  }
  throw std::runtime_error("chromium is not installed (ci/setup installs it): the report cannot "
                           "be opened in a browser");
}

} // namespace

std::string chromium_dom(const std::string& file, const std::string& fragment) {
  TempDir profile;
  auto argv = chromium_command(profile.path());
  argv.push_back("--dump-dom");
  argv.push_back("file://" + file + fragment);
  RunResult result = run_program(argv, 90);
  if (result.exit_code != 0 || result.out.empty()) {
    throw std::runtime_error("chromium --dump-dom " + file + " failed (exit " +
                             std::to_string(result.exit_code) + "): " + result.err);
  }
  return result.out;
}

void chromium_screenshot(const std::string& file, const std::string& png, int width, int height) {
  TempDir profile;
  auto argv = chromium_command(profile.path());
  argv.push_back("--window-size=" + std::to_string(width) + "," + std::to_string(height));
  argv.push_back("--screenshot=" + png);
  argv.push_back("file://" + file);
  RunResult result = run_program(argv, 90);
  if (result.exit_code != 0 || access(png.c_str(), R_OK) != 0) {
    throw std::runtime_error("chromium --screenshot " + file + " failed (exit " +
                             std::to_string(result.exit_code) + "): " + result.err);
  }
}

} // namespace test_support
