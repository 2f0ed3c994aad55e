// Child processes and the files, directories and ports the harness hands to them.

#include <fcntl.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <tests/support/test_support.hpp>
#include <thread>

namespace test_support {

namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void exec_child(const SpawnSpec& spec, char* const* argv, pid_t parent, int error_fd) {
  // Die with the test process, even when it crashes before the destructors run.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  const int null_fd = open("/dev/null", O_RDWR);
  const int fds[3] = {spec.stdin_fd, spec.stdout_fd, spec.stderr_fd};
  for (int target = 0; target < 3; ++target) {
    const int source = fds[target] >= 0 ? fds[target] : null_fd;
    if (dup2(source, target) < 0) {
      const int error = errno;
      (void)!write(error_fd, &error, sizeof error);
      _exit(127);
    }
  }
  // Listening sockets or pipe ends of the test process must not live on in the child.
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  execvp(argv[0], argv);
  const int error = errno;
  (void)!write(error_fd, &error, sizeof error);
  _exit(127);
}

} // namespace

std::string source_dir() {
  return GOVAUDIT_SOURCE_DIR;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + ": " + errno_text(errno));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + path + ": " + errno_text(errno));
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/govaudit-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory " + pattern + ": " +
                             errno_text(errno));
  }
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

std::string TempDir::file(std::string_view name) const {
  return m_path + "/" + std::string(name);
}

ClosedPort::ClosedPort() {
  m_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_fd < 0) throw std::runtime_error("cannot create a socket: " + errno_text(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const int error = errno;
    close(m_fd);
    throw std::runtime_error("cannot bind a socket on 127.0.0.1: " + errno_text(error));
  }
  m_port = ntohs(address.sin_port);
}

ClosedPort::~ClosedPort() {
  close(m_fd);
}

ChildProcess::ChildProcess(const SpawnSpec& spec) {
  if (spec.argv.empty()) throw std::runtime_error("ChildProcess: empty argv");
  // Everything the child needs is built before fork: the child may only use async-signal-safe
  // calls, and the test process may have other threads (libcurl resolver, responders).
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot create a pipe: " + errno_text(errno));
  }
  const pid_t parent = getpid();
  m_pid = fork();
  if (m_pid < 0) {
    const int error = errno;
    close(error_pipe[0]);
    close(error_pipe[1]);
    throw std::runtime_error("cannot fork: " + errno_text(error));
  }
  if (m_pid == 0) exec_child(spec, argv.data(), parent, error_pipe[1]);
  close(error_pipe[1]);
  // The pipe closes without data when exec succeeds (O_CLOEXEC); otherwise it carries errno.
  int child_error = 0;
  ssize_t got = 0;
  do {
    got = read(error_pipe[0], &child_error, sizeof child_error);
  } while (got < 0 && errno == EINTR);
  close(error_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof child_error)) {
    m_status = 0;
    waitpid(m_pid, nullptr, 0);
    throw std::runtime_error("cannot execute " + spec.argv[0] + ": " + errno_text(child_error));
  }
}

ChildProcess::~ChildProcess() {
  if (!m_status) stop();
}

void ChildProcess::send_signal(int signal) const {
  if (!m_status) kill(m_pid, signal);
}

std::optional<int> ChildProcess::try_wait() {
  if (m_status) return m_status;
  int status = 0;
  pid_t result = 0;
  do {
    result = waitpid(m_pid, &status, WNOHANG);
  } while (result < 0 && errno == EINTR);
  if (result == m_pid) m_status = status;
  // ECHILD would mean someone else reaped it; treat it as gone rather than waiting forever.
  if (result < 0) m_status = 0;
  return m_status;
}

std::optional<int> ChildProcess::wait_for(double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (true) {
    if (auto status = try_wait()) return status;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int ChildProcess::stop(int signal, double grace_s) {
  send_signal(signal);
  if (auto status = wait_for(grace_s)) return *status;
  send_signal(SIGKILL);
  int status = 0;
  while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
  m_status = status;
  return status;
}

int exit_code_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

} // namespace test_support
