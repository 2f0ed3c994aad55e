#include <scanner/dns.hpp>

#include <ares.h>

#include <netdb.h>

#include <algorithm>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <cctype>
#include <fstream>
#include <sstream>
#include <sys/time.h>

namespace scanner {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_ipv4_literal(const std::string& host) {
  in_addr addr{};
  return inet_pton(AF_INET, host.c_str(), &addr) == 1;
}

bool is_ipv6_literal(const std::string& host) {
  in6_addr addr{};
  return inet_pton(AF_INET6, host.c_str(), &addr) == 1;
}

std::string status_name(int status) {
  switch (status) {
  case ARES_SUCCESS:
    return "ok";
  case ARES_ENODATA:
    return "nodata";
  case ARES_ENOTFOUND:
    return "nxdomain";
  case ARES_ESERVFAIL:
    return "servfail";
  case ARES_ETIMEOUT:
    return "timeout";
  case ARES_EREFUSED:
    return "refused";
  case ARES_ECONNREFUSED:
    return "unreachable";
  default:
    return "error";
  }
}

DnsAnswer answer_from_hosts(const std::vector<std::string>& addresses, int family) {
  DnsAnswer answer;
  for (const auto& address : addresses) {
    const bool v6 = address.find(':') != std::string::npos;
    if ((family == AF_INET6) == v6) answer.addresses.push_back(address);
  }
  // A name in the hosts file is answered by the file alone, as glibc does: a family it does
  // not list is "no data", not a question for the network.
  answer.status = answer.addresses.empty() ? "nodata" : "ok";
  return answer;
}

} // namespace

bool is_global_ipv6(const std::string& address, bool allow_loopback) {
  in6_addr addr{};
  if (inet_pton(AF_INET6, address.c_str(), &addr) != 1) return false;
  if (IN6_IS_ADDR_LOOPBACK(&addr)) return allow_loopback;
  const unsigned char* bytes = addr.s6_addr;
  const bool documentation =
      bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8;
  return (bytes[0] & 0xe0) == 0x20 && !documentation;
}

void append_address(std::string& list, const std::string& address) {
  if (!list.empty()) list += ',';
  if (address.find(':') != std::string::npos) {
    list += '[' + address + ']';
  } else {
    list += address;
  }
}

HostsTable parse_hosts(std::string_view text) {
  HostsTable table;
  std::istringstream input{std::string(text)};
  std::string line;
  while (std::getline(input, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string address;
    if (!(words >> address)) continue;
    if (!is_ipv4_literal(address) && !is_ipv6_literal(address)) continue;
    std::string name;
    while (words >> name) {
      auto& list = table[lower(name)];
      if (std::find(list.begin(), list.end(), address) == list.end()) list.push_back(address);
    }
  }
  return table;
}

struct Resolver::Impl {
  ares_channel channel = nullptr;
  bool use_hosts_file = true;
  HostsTable hosts;
  std::size_t in_flight = 0;
  // Answers known without a query, delivered from process() so that callers see one order.
  std::vector<std::function<void()>> ready;

  struct Lookup {
    Impl* impl = nullptr;
    std::string host;
    Callback done;
    HostAddresses result;
    int remaining = 2;
    Clock::time_point started = Clock::now();
  };
  struct FamilyQuery {
    std::shared_ptr<Lookup> lookup;
    int family = AF_INET;
  };
  struct NsQuery {
    Impl* impl = nullptr;
    std::function<void(const DnsAnswer&)> done;
    Clock::time_point started = Clock::now();
  };

  static void on_address(void* arg, int status, int /*timeouts*/, unsigned char* buffer,
                         int length) {
    std::unique_ptr<FamilyQuery> query(static_cast<FamilyQuery*>(arg));
    auto& lookup = *query->lookup;
    DnsAnswer& answer = query->family == AF_INET ? lookup.result.a : lookup.result.aaaa;
    answer.seconds = std::chrono::duration<double>(Clock::now() - lookup.started).count();
    if (status == ARES_SUCCESS) {
      char text[INET6_ADDRSTRLEN];
      if (query->family == AF_INET) {
        ares_addrttl records[32];
        int count = 32;
        status = ares_parse_a_reply(buffer, length, nullptr, records, &count);
        for (int i = 0; status == ARES_SUCCESS && i < count; ++i) {
          inet_ntop(AF_INET, &records[i].ipaddr, text, sizeof text);
          answer.addresses.emplace_back(text);
        }
      } else {
        ares_addr6ttl records[32];
        int count = 32;
        status = ares_parse_aaaa_reply(buffer, length, nullptr, records, &count);
        for (int i = 0; status == ARES_SUCCESS && i < count; ++i) {
          inet_ntop(AF_INET6, &records[i].ip6addr, text, sizeof text);
          answer.addresses.emplace_back(text);
        }
      }
      if (status == ARES_SUCCESS && answer.addresses.empty()) status = ARES_ENODATA;
    }
    answer.status = status_name(status);
    if (status == ARES_EDESTRUCTION) return;
    if (--lookup.remaining == 0) {
      --lookup.impl->in_flight;
      lookup.done(lookup.host, lookup.result);
    }
  }

  static void on_ns(void* arg, int status, int /*timeouts*/, unsigned char* buffer, int length) {
    std::unique_ptr<NsQuery> query(static_cast<NsQuery*>(arg));
    DnsAnswer answer;
    answer.seconds = std::chrono::duration<double>(Clock::now() - query->started).count();
    if (status == ARES_SUCCESS) {
      hostent* host = nullptr;
      status = ares_parse_ns_reply(buffer, length, &host);
      if (status == ARES_SUCCESS && host != nullptr) {
        for (char** alias = host->h_aliases; alias != nullptr && *alias != nullptr; ++alias) {
          answer.addresses.push_back(lower(*alias));
        }
        ares_free_hostent(host);
      }
      if (status == ARES_SUCCESS && answer.addresses.empty()) status = ARES_ENODATA;
    }
    answer.status = status_name(status);
    if (status == ARES_EDESTRUCTION) return;
    --query->impl->in_flight;
    query->done(answer);
  }
};

Resolver::Resolver() : m_impl(std::make_unique<Impl>()) {}

Resolver::~Resolver() {
  if (m_impl->channel != nullptr) ares_destroy(m_impl->channel);
}

core::Expected<std::unique_ptr<Resolver>> Resolver::create(const std::string& dns_server,
                                                           double timeout_s) {
  std::unique_ptr<Resolver> resolver(new Resolver());
  ares_options options{};
  options.timeout = std::max(100, static_cast<int>(timeout_s * 1000));
  options.tries = 2;
  char lookups[] = "b"; // DNS only: the hosts file is read by us, once (see resolve())
  options.lookups = lookups;
  // Without this flag c-ares 1.18 turns SERVFAIL and REFUSED answers into "connection
  // refused" after giving up on the server; the IPv6 checks need the real answer.
  options.flags = ARES_FLAG_NOCHECKRESP;
  const int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS | ARES_OPT_FLAGS;
  if (int status = ares_init_options(&resolver->m_impl->channel, &options, mask);
      status != ARES_SUCCESS) {
    return core::unexpected(std::string("cannot initialise the DNS resolver: ") +
                            ares_strerror(status));
  }
  if (!dns_server.empty()) {
    if (int status = ares_set_servers_ports_csv(resolver->m_impl->channel, dns_server.c_str());
        status != ARES_SUCCESS) {
      return core::unexpected("bad DNS server \"" + dns_server + "\": " + ares_strerror(status));
    }
    resolver->m_impl->use_hosts_file = false;
  } else {
    std::ifstream file("/etc/hosts");
    std::stringstream text;
    text << file.rdbuf();
    resolver->m_impl->hosts = parse_hosts(text.str());
  }
  return resolver;
}

void Resolver::resolve(const std::string& host_name, Callback done) {
  auto& impl = *m_impl;
  std::string host = lower(host_name);
  HostAddresses immediate;
  bool known = true;
  if (is_ipv4_literal(host)) {
    immediate.source = "literal";
    immediate.a = {"ok", {host}, 0};
    immediate.aaaa = {"nodata", {}, 0};
  } else if (is_ipv6_literal(host)) {
    immediate.source = "literal";
    immediate.a = {"nodata", {}, 0};
    immediate.aaaa = {"ok", {host}, 0};
  } else if (host == "localhost") {
    // RFC 6761: localhost is always loopback and never asked of a server.
    immediate.source = "hosts";
    immediate.a = {"ok", {"127.0.0.1"}, 0};
    immediate.aaaa = {"ok", {"::1"}, 0};
  } else if (auto found = impl.hosts.find(host); impl.use_hosts_file && found != impl.hosts.end()) {
    immediate.source = "hosts";
    immediate.a = answer_from_hosts(found->second, AF_INET);
    immediate.aaaa = answer_from_hosts(found->second, AF_INET6);
  } else {
    known = false;
  }
  ++impl.in_flight;
  if (known) {
    impl.ready.emplace_back([&impl, host, immediate, done = std::move(done)] {
      --impl.in_flight;
      done(host, immediate);
    });
    return;
  }
  auto lookup = std::make_shared<Impl::Lookup>();
  lookup->impl = &impl;
  lookup->host = host;
  lookup->done = std::move(done);
  lookup->result.source = "dns";
  ares_query(impl.channel, host.c_str(), ns_c_in, ns_t_a, &Impl::on_address,
             new Impl::FamilyQuery{lookup, AF_INET});
  ares_query(impl.channel, host.c_str(), ns_c_in, ns_t_aaaa, &Impl::on_address,
             new Impl::FamilyQuery{lookup, AF_INET6});
}

void Resolver::resolve_ns(const std::string& zone, std::function<void(const DnsAnswer&)> done) {
  ++m_impl->in_flight;
  ares_query(m_impl->channel, zone.c_str(), ns_c_in, ns_t_ns, &Impl::on_ns,
             new Impl::NsQuery{m_impl.get(), std::move(done), Clock::now()});
}

std::vector<ResolverSocket> Resolver::sockets() const {
  ares_socket_t fds[ARES_GETSOCK_MAXNUM];
  const int bits = ares_getsock(m_impl->channel, fds, ARES_GETSOCK_MAXNUM);
  std::vector<ResolverSocket> out;
  for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
    const bool read = ARES_GETSOCK_READABLE(bits, i);
    const bool write = ARES_GETSOCK_WRITABLE(bits, i);
    if (read || write) out.push_back({fds[i], read, write});
  }
  return out;
}

std::chrono::milliseconds Resolver::timeout(std::chrono::milliseconds max) const {
  if (!m_impl->ready.empty()) return std::chrono::milliseconds(0);
  timeval max_tv{static_cast<time_t>(max.count() / 1000),
                 static_cast<suseconds_t>((max.count() % 1000) * 1000)};
  timeval tv{};
  const timeval* wait = ares_timeout(m_impl->channel, &max_tv, &tv);
  return std::chrono::milliseconds(wait->tv_sec * 1000 + wait->tv_usec / 1000);
}

void Resolver::process(int read_fd, int write_fd) {
  ares_process_fd(m_impl->channel, read_fd < 0 ? ARES_SOCKET_BAD : read_fd,
                  write_fd < 0 ? ARES_SOCKET_BAD : write_fd);
  // Callbacks may queue more immediate answers; take the list first.
  auto ready = std::move(m_impl->ready);
  m_impl->ready.clear();
  for (auto& deliver : ready) deliver();
}

std::size_t Resolver::pending() const {
  return m_impl->in_flight;
}

} // namespace scanner
