#include <app/data.hpp>
#include <app/run.hpp>

#include <nlohmann/json.hpp>

#include <poll.h>
#include <spawn.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <rules/ruleset.hpp>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace app {
namespace {

// A loopback port that refuses connections: bound, then closed (nothing listens on it after).
int closed_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

// The demo's web server (fixtures/server.py), stopped when this object goes away.
class DemoServer {
public:
  ~DemoServer() {
    if (m_pid <= 0) return;
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
  }

  // Starts the server on `root`; returns its port, or 0 with `error` set.
  int start(const std::filesystem::path& script, const std::filesystem::path& root, int closed_port,
            std::string& error) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
      error = "cannot create a pipe";
      return 0;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    std::vector<std::string> args = {"python3",       script.string(),
                                     "--root",        root.string(),
                                     "--port",        "0",
                                     "--closed-port", std::to_string(closed_port)};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawnp(&m_pid, "python3", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
      close(pipe_fds[0]);
      m_pid = 0;
      error = "cannot start python3 (install it: apt-get install python3)";
      return 0;
    }
    // The server prints "PORT n" once it listens.
    std::string output;
    pollfd watch{pipe_fds[0], POLLIN, 0};
    while (output.find('\n') == std::string::npos && poll(&watch, 1, 10000) > 0) {
      char buffer[256];
      const ssize_t count = read(pipe_fds[0], buffer, sizeof buffer);
      if (count <= 0) break;
      output.append(buffer, static_cast<std::size_t>(count));
    }
    close(pipe_fds[0]);
    if (output.rfind("PORT ", 0) != 0) {
      error = "the demo web server did not start (see its messages above)";
      return 0;
    }
    return std::atoi(output.c_str() + 5);
  }

private:
  pid_t m_pid = 0;
};

// The demo's ruleset: the built-in one with `patch` (a JSON merge patch, RFC 7396) applied,
// written to `path`. The demo site's footer marks link to loopback stand-ins of the filing
// sites and its annual reports start in 2023, which the national rules cannot know.
bool write_demo_ruleset(const std::filesystem::path& patch, const std::filesystem::path& path,
                        std::string& error) {
  std::ifstream in(patch);
  nlohmann::json changes = nlohmann::json::parse(in, nullptr, false);
  if (!in || changes.is_discarded()) {
    error = "cannot read the demo ruleset patch " + patch.string();
    return false;
  }
  nlohmann::json ruleset = rules::default_ruleset().json;
  ruleset.merge_patch(changes);
  std::error_code ignored;
  std::filesystem::create_directories(path.parent_path(), ignored);
  std::ofstream out(path);
  out << ruleset.dump(2) << '\n';
  if (!out) {
    error = "cannot write " + path.string();
    return false;
  }
  return true;
}

} // namespace

int run_demo(Settings options) {
  const auto root = data_dir() / "fixtures" / "demo-site" / "www";
  const auto script = data_dir() / "fixtures" / "server.py";
  if (!std::filesystem::exists(root) || !std::filesystem::exists(script)) {
    std::cerr << "govaudit: error: the demo site is not at " << root.string()
              << " (set GOVAUDIT_DATA_DIR to the govaudit source folder)\n";
    return k_exit_usage;
  }
  if (options.out_dir == Settings{}.out_dir) options.out_dir = "govaudit-demo";
  std::string error;
  if (options.ruleset.empty()) {
    const auto path = std::filesystem::path(options.out_dir) / "ruleset.json";
    if (!write_demo_ruleset(data_dir() / "fixtures" / "demo-site" / "ruleset-patch.json", path,
                            error)) {
      std::cerr << "govaudit: error: " << error << '\n';
      return k_exit_usage;
    }
    options.ruleset = path.string();
  }
  DemoServer server;
  const int port = server.start(script, root, closed_loopback_port(), error);
  if (port == 0) {
    std::cerr << "govaudit: error: " << error << '\n';
    return k_exit_incomplete;
  }
  const std::string start = "http://127.0.0.1:" + std::to_string(port) + "/";
  std::cerr << "govaudit: demo site 青石区人民政府 served at " << start << '\n';
  options.sites = {scanner::SiteConfig{"青石区人民政府（演示）", {start}, {}, {}, {}, {}}};
  // The demo's audit date is fixed so that its freshness verdicts never change.
  if (options.as_of.empty()) options.as_of = "2026-11-01";
  // Our own server on loopback: no need to be slow with it.
  options.rate = 0;
  options.recheck_after = std::min(options.recheck_after, 2.0);
  options.per_host = std::max(options.per_host, 4);
  return run_scan(options);
}

} // namespace app
