#pragma once
// The end-to-end test harness: child processes, the fixture HTTP server (fixtures/server.py), a
// dnsmasq instance with chosen records, running the built govaudit binary, and small HTTP and DNS
// clients for asserting on them. Everything is RAII: no process or temporary directory outlives
// the object that owns it, even when a test fails or throws.
//
// Child processes are started with PR_SET_PDEATHSIG, which fires when the *thread* that started
// them exits: create servers on the test's own thread, not on a short-lived helper thread.

#include <nlohmann/json.hpp>

#include <core/expected.hpp>
#include <csignal>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace test_support {

// ----- files -----

// The repository root (the GOVAUDIT_SOURCE_DIR macro).
std::string source_dir();

// The whole content of the file at `path`. Throws std::runtime_error naming the path if it cannot
// be read.
std::string read_file(const std::string& path);

// Writes `content` to `path`, replacing it. Throws std::runtime_error if it cannot be written.
void write_file(const std::string& path, std::string_view content);

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
// Throws std::runtime_error if it cannot be created.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The absolute path of the directory.
  const std::string& path() const { return m_path; }
  // `path()` joined with `name`.
  std::string file(std::string_view name) const;

private:
  std::string m_path;
};

// ----- tools a test needs -----

// Whether the environment variable CI is "true", as .ci/run sets it: there every tool the tests
// need is installed by ci/setup, so a missing one is a broken machine, not a reason to skip.
bool in_ci();

// For a test that cannot run without the tool or machine feature `name` ("dnsmasq", "chromium",
// "openssl", "::1"). `missing` is why it cannot run here (std::nullopt: it can). Returns true
// when nothing is missing. Otherwise, under CI=true the test FAILs naming `name` and the reason;
// elsewhere (a developer's machine) it WARNs "skipped: ..." and returns false, and the test
// returns without asserting anything.
bool require_tool(std::string_view name, const std::optional<std::string>& missing);

// ----- ports -----

// A TCP port on 127.0.0.1 that refuses connections for as long as this object lives: a socket is
// bound to it but never listens, so nothing else can listen there and connecting gets ECONNREFUSED.
// Throws std::runtime_error if no socket can be bound.
class ClosedPort {
public:
  ClosedPort();
  ~ClosedPort();
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;

  int port() const { return m_port; }

private:
  int m_fd = -1;
  int m_port = 0;
};

// ----- child processes -----

// What to start: `argv[0]` is looked up in PATH. Each descriptor is dup'ed onto the child's
// stdin/stdout/stderr; -1 means /dev/null. All other descriptors are closed in the child.
struct SpawnSpec {
  std::vector<std::string> argv;
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
};

// One child process, killed and reaped on destruction.
class ChildProcess {
public:
  // Starts the child. Throws std::runtime_error when fork fails or the program cannot be executed
  // (the message names the program and the errno text).
  explicit ChildProcess(const SpawnSpec& spec);
  // Calls stop() unless the child was already reaped.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return m_pid; }
  // Sends `signal` to the child if it has not been reaped yet.
  void send_signal(int signal) const;
  // The wait status if the child has exited (reaping it), std::nullopt while it still runs.
  std::optional<int> try_wait();
  // Waits up to `seconds` for the child to exit; the wait status, or std::nullopt on timeout.
  std::optional<int> wait_for(double seconds);
  // Sends `signal`, waits up to `grace_s` seconds, then SIGKILLs and reaps. Returns the wait
  // status.
  int stop(int signal = SIGTERM, double grace_s = 3);

private:
  pid_t m_pid = -1;
  std::optional<int> m_status;
};

// The exit code of a wait status: the exit status, or 128 + the signal number if it was killed.
int exit_code_of(int wait_status);

// ----- the fixture HTTP server -----

struct ServerOptions {
  bool ipv6 = true;          // also listen on [::1] (when available)
  std::string tls_cert = {}; // both set: serve HTTPS with this certificate and key
  std::string tls_key = {};
  std::vector<std::string> extra_args = {}; // appended to the server's command line
};

// fixtures/server.py serving one site on 127.0.0.1 and [::1] with the same port. The site's files
// see `{{port}}` replaced by port() and `{{closed_port}}` by closed_port().
class TestServer {
public:
  // Starts the server for `site`: a folder name under fixtures/sites ("small"), or a path to a
  // directory when it contains a '/'. Waits up to 10 s for it to be ready; throws
  // std::runtime_error with the server's stderr if it fails or does not get ready in time.
  explicit TestServer(const std::string& site, const ServerOptions& options = {});
  // Stops the server (SIGTERM, SIGKILL after 3 s).
  ~TestServer() = default;
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return m_port; }
  // A port on 127.0.0.1 guaranteed to refuse connections while this server lives.
  int closed_port() const { return m_closed_port.port(); }
  // Whether [::1] is served too (false with ServerOptions::ipv6 off or when ::1 is unusable).
  bool has_ipv6() const { return m_has_ipv6; }
  // Why [::1] is not served (the server's note), or empty.
  const std::string& ipv6_note() const { return m_ipv6_note; }
  bool tls() const { return m_tls; }
  // "127.0.0.1:P" or "[::1]:P": the Host header a client sends for url(..., `v6`).
  std::string host(bool v6 = false) const;
  // "http://127.0.0.1:P/path" or "http://[::1]:P/path" ("https" with TLS); a `path` without a
  // leading '/' gets one.
  std::string url(std::string_view path = "/", bool v6 = false) const;
  // The server's /__/stats document (see fixtures/server.py). Throws std::runtime_error if the
  // request fails.
  nlohmann::json stats() const;
  // Clears the server's statistics. Throws std::runtime_error if the request fails.
  void reset_stats() const;
  // What the server wrote to stderr so far.
  std::string stderr_text() const;

private:
  TempDir m_dir;            // holds the server's stderr file; outlives m_process
  ClosedPort m_closed_port; // kept bound while the server may refer to it
  std::optional<ChildProcess> m_process;
  int m_port = 0;
  bool m_has_ipv6 = false;
  bool m_tls = false;
  std::string m_ipv6_note;
};

// A self-signed certificate for 127.0.0.1 and ::1, written as PEM files.
struct SelfSignedCert {
  std::string cert_file;
  std::string key_file;
};

// Makes a self-signed certificate with the openssl command line tool into `dir`. Fails (with the
// reason, to print when skipping) when openssl is missing or fails.
core::Expected<SelfSignedCert> make_self_signed_cert(const std::string& dir);

// ----- a small HTTP client (libcurl easy) -----

struct HttpRequest {
  std::string url;
  bool head = false; // send HEAD instead of GET
  bool follow_redirects = false;
  long max_redirects = 20;
  long timeout_ms = 10000; // total time for the transfer
  std::string user_agent = "govaudit-tests";
  bool verify_tls = false;               // fixtures use self-signed certificates
  std::vector<std::string> headers = {}; // "Name: value"
  // Bodies longer than this abort the transfer with CURLE_WRITE_ERROR (for endless bodies).
  std::size_t max_body = 16u << 20;
};

struct HttpResponse {
  int curl_code = 0;                // CURLcode; 0 = the transfer completed
  std::string curl_error;           // libcurl's message when curl_code != 0
  long status = 0;                  // last response's status, 0 if none
  std::string body;                 // at most max_body bytes
  std::size_t body_bytes = 0;       // bytes received, counting those past max_body
  std::vector<std::string> headers; // raw header lines of the last response, without CRLF
  long redirects = 0;               // redirects followed
  std::string effective_url;        // the last URL fetched

  // The value of the first header called `name` (case-insensitive) of the last response, if any.
  std::optional<std::string> header(std::string_view name) const;
};

// Performs one request. Never throws for transfer failures: they are reported in curl_code.
HttpResponse http_get(const HttpRequest& request);
// Shorthand: GET `url` with the defaults.
HttpResponse http_get(const std::string& url);

// ----- DNS -----

// One name served by Dnsmasq; either address may be empty (then that type has no records).
struct DnsRecord {
  std::string name;
  std::string ipv4;
  std::string ipv6;
};

// One NS record served by Dnsmasq: `zone` is delegated to the name server `server`.
struct NsRecord {
  std::string zone;
  std::string server;
};

// An answer from dns_query.
struct DnsAnswer {
  int rcode = -1;                     // 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED
  std::vector<std::string> addresses; // A or AAAA answers, as text
};

// Sends one query for `name` of `type` (1 = A, 28 = AAAA) over UDP to 127.0.0.1:`port` and
// waits up to `timeout_ms` for the answer. Fails on timeout or a malformed answer.
core::Expected<DnsAnswer> dns_query(int port, const std::string& name, int type,
                                    int timeout_ms = 2000);

// Why Dnsmasq cannot run here (not root, or /usr/sbin/dnsmasq missing), or std::nullopt.
std::optional<std::string> dnsmasq_unavailable();

// A dnsmasq instance on 127.0.0.1 (UDP and TCP, a free port) answering:
// - each record's A and AAAA (NOERROR with no answers for a missing family);
// - SERVFAIL for names in `servfail_domains` (dnsmasq forwards them to a responder thread that
//   answers SERVFAIL; a --server pointing at a closed port would make dnsmasq never answer, and no
//   upstream at all gives REFUSED: both measured with dnsmasq 2.90);
// - NXDOMAIN for every other name under `zone` (--local=/zone/);
// - REFUSED for names outside `zone` (no upstream servers);
// - the NS records of `ns_records` (several for one zone are all answered).
class Dnsmasq {
public:
  // Starts dnsmasq and waits up to 5 s until it answers. Throws std::runtime_error with
  // dnsmasq's log if it fails. Check dnsmasq_unavailable() first.
  explicit Dnsmasq(const std::vector<DnsRecord>& records,
                   const std::vector<std::string>& servfail_domains = {"servfail.test"},
                   const std::string& zone = "test", const std::vector<NsRecord>& ns_records = {});
  ~Dnsmasq();
  Dnsmasq(const Dnsmasq&) = delete;
  Dnsmasq& operator=(const Dnsmasq&) = delete;

  int port() const { return m_port; }
  // "127.0.0.1:P", the form --dns-server takes.
  std::string server() const;
  // dnsmasq's log so far (it logs every query).
  std::string log() const;

private:
  // Starts dnsmasq on a fresh port; false if that port was taken meanwhile (retry).
  bool start(const std::vector<std::string>& arguments);

  TempDir m_dir;
  // A name only this dnsmasq answers: its readiness probe. Any answer
  // would do as long as nothing else can be listening on the port, but another test's server
  // can take it between the free-port probe and dnsmasq's bind.
  std::string m_probe_name;
  int m_servfail_fd = -1; // UDP socket of the SERVFAIL responder, owned by m_responder's loop
  std::optional<std::jthread> m_responder;
  std::optional<ChildProcess> m_process;
  int m_port = 0;
};

// ----- the govaudit binary -----

struct RunResult {
  int exit_code = -1; // exit status, or 128 + signal; -1 when killed at the timeout
  std::string out;    // everything written to stdout
  std::string err;    // everything written to stderr (plus a note when timed out)
  bool timed_out = false;
};

// Runs the built govaudit (GOVAUDIT_BINARY) with `args`, stdin from /dev/null. If
// `send_signal_after_ms` >= 0, sends `signal` that long after the start. After `timeout_s` the
// process is SIGKILLed, timed_out is set and err says so. Throws std::runtime_error only if the
// binary cannot be started.
RunResult run_govaudit(const std::vector<std::string>& args, double timeout_s = 120,
                       int send_signal_after_ms = -1, int signal = SIGINT);

// Like run_govaudit for any program: `argv[0]` is looked up in PATH.
RunResult run_program(const std::vector<std::string>& argv, double timeout_s = 120,
                      int send_signal_after_ms = -1, int signal = SIGINT);

// ----- headless Chromium (Debian's chromium package, which ci/setup installs) -----

// The DOM of the local HTML file `file` (an absolute path; `fragment` is appended to its file://
// URL) once its scripts have run, as headless Chromium dumps it. Throws std::runtime_error when
// Chromium is missing or fails: a test that needs it must not pass without it.
std::string chromium_dom(const std::string& file, const std::string& fragment = "");

// Saves a `width` x `height` screenshot of `file`'s first screen as the PNG `png`. Throws
// std::runtime_error when Chromium is missing or fails.
void chromium_screenshot(const std::string& file, const std::string& png, int width = 1280,
                         int height = 900);

} // namespace test_support
