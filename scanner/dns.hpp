#pragma once
// Name resolution for the crawler, through c-ares, driven by the crawler's event loop: the
// resolver never blocks and never owns a thread. Each host is resolved once (A and AAAA, plus
// NS on request); the answers are kept as facts for the IPv6 checks.

#include <scanner/site.hpp>

#include <chrono>
#include <core/expected.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace scanner {

// Both address families of one host.
struct HostAddresses {
  DnsAnswer a;
  DnsAnswer aaaa;
  std::string source; // "literal", "hosts" (the hosts file) or "dns"
};

// The entries of a hosts file (/etc/hosts format): name -> addresses, lower-case names.
using HostsTable = std::map<std::string, std::vector<std::string>, std::less<>>;

// Parses hosts-file `text`. Malformed lines are skipped.
HostsTable parse_hosts(std::string_view text);

// Whether `address` (IPv6 text) is a global unicast address (2000::/3 outside the documentation
// prefix 2001:db8::/32), as a AAAA record must be for the public to reach the host. With
// `allow_loopback`, ::1 counts too (fixtures and benches on loopback). False for non-IPv6 text.
bool is_global_ipv6(const std::string& address, bool allow_loopback);

// Appends `address` to the comma-separated address list of a CURLOPT_RESOLVE entry
// ("127.0.0.1,[::1]"): IPv6 addresses go in brackets.
void append_address(std::string& list, const std::string& address);

// A socket the resolver wants watched, for the event loop.
struct ResolverSocket {
  int fd = -1;
  bool read = false;
  bool write = false;
};

class Resolver {
public:
  using Callback = std::function<void(const std::string& host, const HostAddresses&)>;

  // Creates a resolver. `dns_server` is "IP" or "IP:PORT" ("[v6]:PORT" for IPv6) or empty for
  // the system's resolvers; with a server given the hosts file is not read. `timeout_s` bounds
  // one query. Fails when c-ares cannot be initialised or the server is malformed.
  static core::Expected<std::unique_ptr<Resolver>> create(const std::string& dns_server,
                                                          double timeout_s);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Starts resolving `host` (A and AAAA); `done` runs on the event-loop thread, from
  // process(), once both answers are in. IP literals, "localhost" and hosts-file names answer
  // at once (still through process()).
  void resolve(const std::string& host, Callback done);

  // Starts an NS query for `zone`; `done` gets the name-server names (status in the answer).
  void resolve_ns(const std::string& zone, std::function<void(const DnsAnswer& names)> done);

  // The sockets to watch now.
  std::vector<ResolverSocket> sockets() const;
  // How long the event loop may sleep before calling process() again (capped at `max`).
  std::chrono::milliseconds timeout(std::chrono::milliseconds max) const;
  // Handles readiness of `fd` (-1 for none: timeouts only) and runs finished callbacks.
  void process(int read_fd, int write_fd);
  // Number of lookups under way.
  std::size_t pending() const;

private:
  Resolver();
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace scanner
