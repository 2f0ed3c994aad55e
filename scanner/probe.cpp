#include <scanner/dns.hpp>
#include <scanner/html.hpp>
#include <scanner/probe.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <curl/curl.h>

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace scanner {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_max_probe_body = 4u << 20;

double curl_seconds(CURL* easy, CURLINFO info) {
  curl_off_t micro = 0;
  curl_easy_getinfo(easy, info, &micro);
  return static_cast<double>(micro) / 1e6;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (body->size() + bytes > k_max_probe_body) return 0;
  body->append(data, bytes);
  return bytes;
}

// Resolves `host` through c-ares, waiting at most `limit_s`.
HostAddresses resolve_now(const std::string& host, const CrawlOptions& options, double limit_s) {
  HostAddresses result;
  result.a.status = "timeout";
  result.aaaa.status = "timeout";
  auto resolver = Resolver::create(options.dns_server, std::min(limit_s, 5.0));
  if (!resolver) return result;
  bool done = false;
  (*resolver)->resolve(host, [&](const std::string&, const HostAddresses& answer) {
    result = answer;
    done = true;
  });
  const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(limit_s * 1000));
  while (!done && Clock::now() < deadline) {
    std::vector<pollfd> fds;
    for (const auto& socket : (*resolver)->sockets()) {
      fds.push_back({socket.fd,
                     static_cast<short>((socket.read ? POLLIN : 0) | (socket.write ? POLLOUT : 0)),
                     0});
    }
    const auto wait = (*resolver)->timeout(std::chrono::milliseconds(100));
    poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
    for (const auto& fd : fds) {
      if (fd.revents != 0) {
        (*resolver)->process((fd.revents & POLLIN) ? fd.fd : -1,
                             (fd.revents & POLLOUT) ? fd.fd : -1);
      }
    }
    (*resolver)->process(-1, -1);
  }
  return result;
}

// The addresses of `answer` that a request pinned to `family` may use, or why there are none.
std::vector<std::string> usable_addresses(const HostAddresses& answer, int family,
                                          bool allow_loopback, std::string& why_none) {
  if (family == 4) {
    if (answer.a.addresses.empty()) why_none = "no A record (" + answer.a.status + ")";
    return answer.a.addresses;
  }
  std::vector<std::string> usable;
  for (const auto& address : answer.aaaa.addresses) {
    if (family == 0 || is_global_ipv6(address, allow_loopback)) usable.push_back(address);
  }
  if (family == 6 && usable.empty()) {
    why_none = answer.aaaa.addresses.empty() ? "no AAAA record (" + answer.aaaa.status + ")"
                                             : "no global IPv6 address in the AAAA record (" +
                                                   join(answer.aaaa.addresses, " ") + ")";
  }
  if (family == 0)
    usable.insert(usable.end(), answer.a.addresses.begin(), answer.a.addresses.end());
  return usable;
}

} // namespace

ProbeSample probe_page(const std::string& url, const CrawlOptions& options, double limit_s,
                       const std::vector<std::string>& error_phrases, int family) {
  ProbeSample sample;
  sample.url = url;
  sample.at = utc_now_iso();
  sample.family = family;
  const auto started = Clock::now();
  const std::string host(url_host(url));
  std::string resolve_entry;
  auto fail_unrequested = [&](std::string detail) {
    sample.error = "dns";
    sample.error_detail = std::move(detail);
    sample.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return sample;
  };
  const bool literal = is_ip_literal(host);
  if (literal && family != 0 && (host.find(':') != std::string::npos) != (family == 6)) {
    return fail_unrequested("the address " + host + " is not an IPv" + std::to_string(family) +
                            " address");
  }
  if (options.proxy.empty() && !host.empty() && !literal) {
    const HostAddresses addresses = resolve_now(host, options, limit_s);
    sample.dns_seconds = family == 6 ? addresses.aaaa.seconds : addresses.a.seconds;
    std::string why_none;
    std::string list;
    for (const auto& address :
         usable_addresses(addresses, family, options.allow_loopback_ipv6, why_none)) {
      append_address(list, address);
    }
    if (list.empty()) {
      sample.addresses = "A " + addresses.a.status + ", AAAA " + addresses.aaaa.status;
      return fail_unrequested(why_none.empty() ? "cannot resolve " + host : why_none);
    }
    sample.addresses = list;
    resolve_entry = host + ":" + std::string(url_port(url)) + ":" + list;
  }
  const double remaining = limit_s - std::chrono::duration<double>(Clock::now() - started).count();

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy(curl_easy_init(), &curl_easy_cleanup);
  std::string body;
  curl_slist* resolve =
      resolve_entry.empty() ? nullptr : curl_slist_append(nullptr, resolve_entry.c_str());
  curl_slist* headers = nullptr;
  for (const auto& header : options.headers) headers = curl_slist_append(headers, header.c_str());
  const std::string agent = options.user_agent.empty() ? default_user_agent() : options.user_agent;
  curl_easy_setopt(easy.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy.get(), CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(easy.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy.get(), CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max(remaining, 0.1) * 1000));
  curl_easy_setopt(easy.get(), CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, &keep_body);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &body);
  if (resolve != nullptr) curl_easy_setopt(easy.get(), CURLOPT_RESOLVE, resolve);
  if (headers != nullptr) curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, headers);
  if (!options.proxy.empty()) curl_easy_setopt(easy.get(), CURLOPT_PROXY, options.proxy.c_str());
  if (!options.user.empty()) {
    curl_easy_setopt(easy.get(), CURLOPT_USERPWD, options.user.c_str());
    curl_easy_setopt(easy.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
  }
  if (options.insecure) {
    curl_easy_setopt(easy.get(), CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy.get(), CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (family != 0) {
    // No fallback to the other family: the sample says whether this one works on its own.
    curl_easy_setopt(easy.get(), CURLOPT_IPRESOLVE,
                     family == 6 ? CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_V4);
  }
  const CURLcode code = curl_easy_perform(easy.get());
  curl_slist_free_all(resolve);
  curl_slist_free_all(headers);
  long status = 0;
  curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
  sample.status = static_cast<int>(status);
  sample.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  sample.timings.connect = curl_seconds(easy.get(), CURLINFO_CONNECT_TIME_T);
  sample.timings.tls = curl_seconds(easy.get(), CURLINFO_APPCONNECT_TIME_T);
  sample.timings.first_byte = curl_seconds(easy.get(), CURLINFO_STARTTRANSFER_TIME_T);
  sample.timings.total = curl_seconds(easy.get(), CURLINFO_TOTAL_TIME_T);
  sample.timings.dns = sample.dns_seconds;
  char* address = nullptr;
  if (curl_easy_getinfo(easy.get(), CURLINFO_PRIMARY_IP, &address) == CURLE_OK &&
      address != nullptr) {
    sample.remote_address = address;
  }
  if (curl_easy_getinfo(easy.get(), CURLINFO_LOCAL_IP, &address) == CURLE_OK &&
      address != nullptr) {
    sample.local_address = address;
  }
  if (code != CURLE_OK) {
    sample.error = code == CURLE_OPERATION_TIMEDOUT ? "timeout"
                   : code == CURLE_COULDNT_CONNECT  ? "connect"
                   : code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR
                       ? "tls"
                       : "other";
    sample.error_detail = curl_easy_strerror(code);
    return sample;
  }
  char* type = nullptr;
  curl_easy_getinfo(easy.get(), CURLINFO_CONTENT_TYPE, &type);
  Page page;
  page.url = url;
  UrlResolver resolver;
  parse_document(std::move(body), type != nullptr ? type : "", page, resolver);
  sample.title = page.title;
  sample.text = page.text;
  for (const auto& link : page.links) {
    if (!link.url.empty()) sample.links.push_back(link.url);
  }
  std::sort(sample.links.begin(), sample.links.end());
  sample.links.erase(std::unique(sample.links.begin(), sample.links.end()), sample.links.end());
  for (const auto& phrase : error_phrases) {
    if (page.title.find(phrase) != std::string::npos) sample.error_page = true;
  }
  // A homepage answering 4xx or 5xx has not loaded, whatever its page says.
  sample.ok = status >= 200 && status < 400 && !sample.error_page;
  return sample;
}

} // namespace scanner
