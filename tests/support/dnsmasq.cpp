// A dnsmasq instance with chosen records, a SERVFAIL responder behind it, and a raw DNS client.

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <random>
#include <stdexcept>
#include <sys/socket.h>
#include <tests/support/test_support.hpp>

namespace test_support {

namespace {

constexpr const char* k_dnsmasq = "/usr/sbin/dnsmasq";
constexpr double k_startup_timeout_s = 5;
constexpr int k_port_attempts = 20;
constexpr const char* k_probe_address = "127.0.0.99"; // the readiness probe's answer

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  return address;
}

// A socket of `type` bound to 127.0.0.1:`port` (0 = any), or -1.
int bound_socket(int type, int port) {
  const int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address = loopback(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int local_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

// A port free for both TCP and UDP on 127.0.0.1 at the time of the call, or 0.
int free_tcp_udp_port() {
  for (int attempt = 0; attempt < k_port_attempts; ++attempt) {
    const int tcp = bound_socket(SOCK_STREAM, 0);
    if (tcp < 0) return 0;
    const int port = local_port(tcp);
    const int udp = bound_socket(SOCK_DGRAM, port);
    close(tcp);
    if (udp >= 0) {
      close(udp);
      return port;
    }
  }
  return 0;
}

// The offset just past the DNS name starting at `offset`, or 0 if it runs off the message.
std::size_t skip_name(const std::string& message, std::size_t offset) {
  while (offset < message.size()) {
    const auto length = static_cast<unsigned char>(message[offset]);
    if (length == 0) return offset + 1;
    // A compression pointer (two bytes) ends the name.
    if ((length & 0xC0) == 0xC0) return offset + 2 <= message.size() ? offset + 2 : 0;
    offset += 1 + length;
  }
  return 0;
}

unsigned read16(const std::string& message, std::size_t offset) {
  return static_cast<unsigned>(static_cast<unsigned char>(message[offset])) << 8 |
         static_cast<unsigned char>(message[offset + 1]);
}

std::string build_query(std::uint16_t id, const std::string& name, int type) {
  std::string query;
  const unsigned char header[12] = {static_cast<unsigned char>(id >> 8),
                                    static_cast<unsigned char>(id & 0xFF),
                                    0x01,
                                    0x00, // RD
                                    0,
                                    1, // one question
                                    0,
                                    0,
                                    0,
                                    0,
                                    0,
                                    0};
  query.append(reinterpret_cast<const char*>(header), sizeof header);
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    query.push_back(static_cast<char>(dot - start));
    query.append(name, start, dot - start);
    start = dot + 1;
  }
  query.push_back('\0');
  const unsigned char tail[4] = {static_cast<unsigned char>(type >> 8),
                                 static_cast<unsigned char>(type & 0xFF), 0, 1}; // class IN
  query.append(reinterpret_cast<const char*>(tail), sizeof tail);
  return query;
}

core::Expected<DnsAnswer> parse_answer(const std::string& message) {
  if (message.size() < 12) return core::unexpected("dns answer shorter than a header");
  DnsAnswer answer;
  answer.rcode = static_cast<unsigned char>(message[3]) & 0x0F;
  const unsigned questions = read16(message, 4);
  const unsigned answers = read16(message, 6);
  std::size_t offset = 12;
  for (unsigned i = 0; i < questions; ++i) {
    offset = skip_name(message, offset);
    if (offset == 0 || offset + 4 > message.size()) {
      return core::unexpected("dns answer has a malformed question");
    }
    offset += 4;
  }
  for (unsigned i = 0; i < answers; ++i) {
    offset = skip_name(message, offset);
    if (offset == 0 || offset + 10 > message.size()) {
      return core::unexpected("dns answer has a malformed record");
    }
    const unsigned type = read16(message, offset);
    const unsigned length = read16(message, offset + 8);
    offset += 10;
    if (offset + length > message.size()) return core::unexpected("dns record overruns");
    char text[INET6_ADDRSTRLEN] = "";
    if (type == 1 && length == 4) inet_ntop(AF_INET, message.data() + offset, text, sizeof text);
    if (type == 28 && length == 16) {
      inet_ntop(AF_INET6, message.data() + offset, text, sizeof text);
    }
    if (text[0] != '\0') answer.addresses.emplace_back(text);
    offset += length;
  }
  return answer;
}

// The SERVFAIL answer to `query`: its header with QR, RA and RCODE 2, and its question only.
std::string servfail_for(const std::string& query) {
  const std::size_t question_end = skip_name(query, 12);
  if (query.size() < 12 || question_end == 0 || question_end + 4 > query.size()) return {};
  std::string answer = query.substr(0, question_end + 4);
  answer[2] = static_cast<char>(0x80 | (query[2] & 0x79)); // QR, opcode and RD kept
  answer[3] = static_cast<char>(0x80 | 2);                 // RA, SERVFAIL
  for (std::size_t i = 6; i < 12; ++i) answer[i] = 0;      // no answer/authority/additional
  answer[4] = 0;
  answer[5] = 1;
  return answer;
}

// Answers every UDP query on `fd` with SERVFAIL until `stop` is requested.
void servfail_loop(const std::stop_token& stop, int fd) {
  while (!stop.stop_requested()) {
    pollfd entry{fd, POLLIN, 0};
    // A short poll so that a stop request is noticed promptly without a wake-up pipe.
    if (poll(&entry, 1, 50) <= 0) continue;
    char buffer[1500];
    sockaddr_in from{};
    socklen_t from_length = sizeof from;
    const ssize_t got =
        recvfrom(fd, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &from_length);
    if (got <= 0) continue;
    const std::string answer = servfail_for(std::string(buffer, static_cast<std::size_t>(got)));
    if (answer.empty()) continue;
    sendto(fd, answer.data(), answer.size(), 0, reinterpret_cast<sockaddr*>(&from), from_length);
  }
}

} // namespace

core::Expected<DnsAnswer> dns_query(int port, const std::string& name, int type, int timeout_ms) {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return core::unexpected(std::string("socket: ") + std::strerror(errno));
  sockaddr_in server = loopback(port);
  std::random_device random;
  const auto id = static_cast<std::uint16_t>(random());
  const std::string query = build_query(id, name, type);
  if (connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0 ||
      send(fd, query.data(), query.size(), 0) < 0) {
    const int error = errno;
    close(fd);
    return core::unexpected(std::string("cannot send the query: ") + std::strerror(error));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd entry{fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&entry, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
    // ECONNREFUSED: nothing listens on the port (ICMP port unreachable).
    if (got < 0) {
      const int error = errno;
      close(fd);
      return core::unexpected(std::string("no answer: ") + std::strerror(error));
    }
    const std::string message(buffer, static_cast<std::size_t>(got));
    // Ignore stray datagrams with another id.
    if (message.size() >= 2 && read16(message, 0) == id) {
      close(fd);
      return parse_answer(message);
    }
  }
  close(fd);
  return core::unexpected("no answer from 127.0.0.1:" + std::to_string(port) + " within " +
                          std::to_string(timeout_ms) + " ms");
}

std::optional<std::string> dnsmasq_unavailable() {
  if (access(k_dnsmasq, X_OK) != 0) return std::string(k_dnsmasq) + " is not installed";
  if (geteuid() != 0) return std::string("dnsmasq tests need root");
  return std::nullopt;
}

Dnsmasq::Dnsmasq(const std::vector<DnsRecord>& records,
                 const std::vector<std::string>& servfail_domains, const std::string& zone,
                 const std::vector<NsRecord>& ns_records) {
  m_servfail_fd = bound_socket(SOCK_DGRAM, 0);
  if (m_servfail_fd < 0) throw std::runtime_error("cannot bind the SERVFAIL responder");
  const int servfail_port = local_port(m_servfail_fd);
  m_responder.emplace(
      [fd = m_servfail_fd](const std::stop_token& stop) { servfail_loop(stop, fd); });

  std::vector<std::string> arguments = {"--keep-in-foreground",
                                        "--listen-address=127.0.0.1",
                                        "--bind-interfaces",
                                        "--no-resolv",
                                        "--no-hosts",
                                        "--conf-file=/dev/null",
                                        "--pid-file=" + m_dir.file("pid"),
                                        "--log-facility=-",
                                        "--log-queries",
                                        "--user=root",
                                        "--cache-size=0",
                                        "--local=/" + zone + "/"};
  static std::atomic<int> instances{0};
  m_probe_name =
      "ready-" + std::to_string(getpid()) + "-" + std::to_string(++instances) + ".govaudit-probe";
  arguments.push_back("--host-record=" + m_probe_name + "," + k_probe_address);
  for (const DnsRecord& record : records) {
    if (record.ipv4.empty() && record.ipv6.empty()) {
      throw std::invalid_argument("dns record " + record.name + " has no address");
    }
    std::string argument = "--host-record=" + record.name;
    if (!record.ipv4.empty()) argument += "," + record.ipv4;
    if (!record.ipv6.empty()) argument += "," + record.ipv6;
    arguments.push_back(argument);
  }
  // dnsmasq has no NS option outside its authoritative mode: --dns-rr serves any record type
  // (2 = NS) with the name server's name in wire format, as hex.
  for (const NsRecord& ns : ns_records) {
    std::string hex;
    std::size_t start = 0;
    while (start < ns.server.size()) {
      const std::size_t dot = std::min(ns.server.find('.', start), ns.server.size());
      char byte[3];
      std::snprintf(byte, sizeof byte, "%02x", static_cast<unsigned>(dot - start));
      hex += byte;
      for (std::size_t i = start; i < dot; ++i) {
        std::snprintf(byte, sizeof byte, "%02x", static_cast<unsigned char>(ns.server[i]));
        hex += byte;
      }
      start = dot + 1;
    }
    arguments.push_back("--dns-rr=" + ns.zone + ",2," + hex + "00");
  }
  for (const std::string& domain : servfail_domains) {
    arguments.push_back("--server=/" + domain + "/127.0.0.1#" + std::to_string(servfail_port));
  }
  try {
    for (int attempt = 0; attempt < k_port_attempts; ++attempt) {
      if (start(arguments)) return;
    }
    throw std::runtime_error("dnsmasq found no free port; its log:\n" + log());
  } catch (...) {
    // The destructor does not run for a throwing constructor: release what it would.
    m_process.reset();
    m_responder.reset();
    close(m_servfail_fd);
    throw;
  }
}

bool Dnsmasq::start(const std::vector<std::string>& arguments) {
  m_port = free_tcp_udp_port();
  if (m_port == 0) throw std::runtime_error("no free port for dnsmasq");
  std::vector<std::string> argv = {k_dnsmasq, "--port=" + std::to_string(m_port)};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  const int log_fd =
      open(m_dir.file("log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) throw std::runtime_error("cannot create " + m_dir.file("log"));
  m_process.emplace(SpawnSpec{argv, -1, log_fd, log_fd});
  close(log_fd);

  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(k_startup_timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    if (m_process->try_wait()) {
      m_process.reset();
      // Another process took the port between the probe and dnsmasq's bind: try another.
      if (log().find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("dnsmasq exited at startup; its log:\n" + log());
    }
    // Only this dnsmasq knows the probe name; another server on the port answers otherwise,
    // and then this dnsmasq soon exits with "Address already in use" (handled above).
    const auto answer = dns_query(m_port, m_probe_name, 1, 100);
    if (answer && answer->addresses == std::vector<std::string>{k_probe_address}) return true;
  }
  m_process.reset();
  throw std::runtime_error("dnsmasq did not answer within 5 s; its log:\n" + log());
}

Dnsmasq::~Dnsmasq() {
  // Order matters: dnsmasq first, then the responder thread, then the socket it polls.
  m_process.reset();
  m_responder.reset();
  close(m_servfail_fd);
}

std::string Dnsmasq::server() const {
  return "127.0.0.1:" + std::to_string(m_port);
}

std::string Dnsmasq::log() const {
  return read_file(m_dir.file("log"));
}

} // namespace test_support
