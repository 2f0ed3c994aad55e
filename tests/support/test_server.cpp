// The fixture HTTP server (fixtures/server.py) as a RAII object, and a small libcurl client.

#include <curl/curl.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <tests/support/test_support.hpp>

namespace test_support {

namespace {

constexpr double k_startup_timeout_s = 10;
constexpr const char* k_ipv4_only_note = "NOTE ipv4-only:";

// The system python (only the standard library is used), else whatever is on PATH.
std::string python() {
  return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

std::string site_root(const std::string& site) {
  if (site.find('/') != std::string::npos) return site;
  return source_dir() + "/fixtures/sites/" + site;
}

// Closes a descriptor when it goes out of scope.
struct FdGuard {
  int fd = -1;
  ~FdGuard() {
    if (fd >= 0) close(fd);
  }
};

// Reads the server's first stdout line ("PORT n") until the deadline; empty on timeout or EOF.
std::string read_ready_line(int fd, ChildProcess& process) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(k_startup_timeout_s);
  std::string line;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return {};
    pollfd entry{fd, POLLIN, 0};
    const int ready = poll(&entry, 1, static_cast<int>(std::min<long>(left.count(), 100)));
    if (ready < 0 && errno != EINTR) return {};
    if (ready <= 0) {
      // Poll in slices so a server that dies early is noticed at once.
      if (process.try_wait()) return {};
      continue;
    }
    char buffer[256];
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got <= 0) return {};
    line.append(buffer, static_cast<std::size_t>(got));
  }
  return line.substr(0, line.find('\n'));
}

// Where append_body writes, and when it gives up.
struct BodySink {
  HttpResponse* response;
  std::size_t limit;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
  auto* sink = static_cast<BodySink*>(target);
  const std::size_t length = size * count;
  sink->response->body_bytes += length;
  if (sink->response->body.size() + length > sink->limit) {
    // Returning less than given makes libcurl abort with CURLE_WRITE_ERROR.
    return 0;
  }
  sink->response->body.append(data, length);
  return length;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* target) {
  auto* headers = static_cast<std::vector<std::string>*>(target);
  std::string line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  // A status line starts a new response (after a redirect or 100-continue): keep only the last.
  if (line.rfind("HTTP/", 0) == 0) headers->clear();
  if (!line.empty()) headers->push_back(line);
  return size * count;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

TestServer::TestServer(const std::string& site, const ServerOptions& options)
    : m_tls(!options.tls_cert.empty() && !options.tls_key.empty()) {
  std::vector<std::string> argv = {python(),
                                   source_dir() + "/fixtures/server.py",
                                   "--root",
                                   site_root(site),
                                   "--port",
                                   "0",
                                   "--closed-port",
                                   std::to_string(m_closed_port.port()),
                                   options.ipv6 ? "--ipv6" : "--no-ipv6"};
  if (m_tls) argv.insert(argv.end(), {"--tls", options.tls_cert, options.tls_key});
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());

  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  FdGuard read_end{out_pipe[0]};
  FdGuard write_end{out_pipe[1]};
  const int err_fd =
      open(m_dir.file("stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (err_fd < 0) throw std::runtime_error("cannot create " + m_dir.file("stderr"));
  FdGuard err_guard{err_fd};

  m_process.emplace(SpawnSpec{argv, -1, out_pipe[1], err_fd});
  close(write_end.fd);
  write_end.fd = -1;
  const std::string line = read_ready_line(read_end.fd, *m_process);
  if (line.rfind("PORT ", 0) != 0) {
    m_process->stop(SIGKILL, 1);
    throw std::runtime_error("fixture server for " + site + " did not start within " +
                             std::to_string(static_cast<int>(k_startup_timeout_s)) +
                             " s (stdout: \"" + line + "\"); its stderr:\n" + stderr_text());
  }
  m_port = std::stoi(line.substr(5));
  // The server writes its ipv4-only note before the PORT line, so the file is complete here.
  const std::string err = stderr_text();
  const auto note = err.find(k_ipv4_only_note);
  m_has_ipv6 = options.ipv6 && note == std::string::npos;
  if (note != std::string::npos) {
    m_ipv6_note = err.substr(note, err.find('\n', note) - note);
  }
}

std::string TestServer::host(bool v6) const {
  return (v6 ? "[::1]:" : "127.0.0.1:") + std::to_string(m_port);
}

std::string TestServer::url(std::string_view path, bool v6) const {
  std::string result = (m_tls ? "https://" : "http://") + host(v6);
  if (path.empty() || path.front() != '/') result += '/';
  result += path;
  return result;
}

nlohmann::json TestServer::stats() const {
  const HttpResponse response = http_get(url("/__/stats"));
  if (response.curl_code != 0 || response.status != 200) {
    throw std::runtime_error("GET /__/stats failed: " + response.curl_error + " status " +
                             std::to_string(response.status));
  }
  return nlohmann::json::parse(response.body);
}

void TestServer::reset_stats() const {
  const HttpResponse response = http_get(url("/__/stats/reset"));
  if (response.curl_code != 0 || response.status != 200) {
    throw std::runtime_error("GET /__/stats/reset failed: " + response.curl_error);
  }
}

std::string TestServer::stderr_text() const {
  return read_file(m_dir.file("stderr"));
}

core::Expected<SelfSignedCert> make_self_signed_cert(const std::string& dir) {
  SelfSignedCert cert{dir + "/cert.pem", dir + "/key.pem"};
  const std::string log_path = dir + "/openssl.log";
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) return core::unexpected("cannot create " + log_path);
  FdGuard log_guard{log_fd};
  try {
    // An EC key is generated in milliseconds, unlike RSA.
    ChildProcess openssl(SpawnSpec{
        {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
         "subjectAltName=IP:127.0.0.1,IP:::1", "-keyout", cert.key_file, "-out", cert.cert_file},
        -1,
        log_fd,
        log_fd});
    const auto status = openssl.wait_for(30);
    if (!status || exit_code_of(*status) != 0) {
      return core::unexpected("openssl req failed: " + read_file(log_path));
    }
  } catch (const std::runtime_error& error) {
    return core::unexpected(error.what());
  }
  return cert;
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const std::string& line : headers) {
    const auto colon = line.find(':');
    if (colon == std::string::npos || !iequals(std::string_view(line).substr(0, colon), name)) {
      continue;
    }
    const auto start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
  }
  return std::nullopt;
}

HttpResponse http_get(const HttpRequest& request) {
  // curl_global_init is not safe to race with other threads' first curl_easy_init.
  static std::once_flag curl_initialized;
  std::call_once(curl_initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpResponse response;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    response.curl_code = CURLE_FAILED_INIT;
    response.curl_error = "curl_easy_init failed";
    return response;
  }
  char error_buffer[CURL_ERROR_SIZE] = "";
  curl_slist* header_list = nullptr;
  for (const std::string& header : request.headers) {
    header_list = curl_slist_append(header_list, header.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOBODY, request.head ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, request.max_redirects);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, request.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  // Tests must never leave loopback, whatever the environment says.
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  BodySink sink{&response, request.max_body};
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

  const CURLcode code = curl_easy_perform(curl);
  response.curl_code = static_cast<int>(code);
  if (code != CURLE_OK) {
    response.curl_error = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_easy_getinfo(curl, CURLINFO_REDIRECT_COUNT, &response.redirects);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  if (effective != nullptr) response.effective_url = effective;
  curl_slist_free_all(header_list);
  curl_easy_cleanup(curl);
  return response;
}

HttpResponse http_get(const std::string& url) {
  return http_get(HttpRequest{url});
}

} // namespace test_support
