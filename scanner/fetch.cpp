#include <scanner/fetch.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <unordered_map>

namespace scanner {
namespace {

// Response headers kept as evidence; the rest are dropped to keep records small.
constexpr std::array<std::string_view, 11> k_kept_headers = {"content-type",
                                                             "content-length",
                                                             "last-modified",
                                                             "location",
                                                             "retry-after",
                                                             "server",
                                                             "etag",
                                                             "content-encoding",
                                                             "strict-transport-security",
                                                             "x-frame-options",
                                                             "content-security-policy"};

constexpr std::size_t k_error_page_bytes = 65536;

// What a browser sends, for the one retry of a request a host refused to our crawler. The
// User-Agent still names govaudit at its end: we look like a browser, we do not hide.
constexpr const char* k_browser_agent =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 govaudit/" GOVAUDIT_VERSION;

ErrorClass classify(CURLcode code) {
  switch (code) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return ErrorClass::dns;
  case CURLE_COULDNT_CONNECT:
    return ErrorClass::connect;
  case CURLE_OPERATION_TIMEDOUT:
    return ErrorClass::timeout;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
    return ErrorClass::tls;
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
    return ErrorClass::reset;
  case CURLE_TOO_MANY_REDIRECTS:
    return ErrorClass::too_many_redirects;
  default:
    return ErrorClass::other;
  }
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// "text/html; charset=gbk" -> "text/html".
std::string media_type(const char* content_type) {
  if (content_type == nullptr) return {};
  std::string_view value(content_type);
  value = trim(value.substr(0, value.find(';')));
  return ascii_lower(value);
}

double seconds(CURL* easy, CURLINFO info) {
  curl_off_t micro = 0;
  curl_easy_getinfo(easy, info, &micro);
  return static_cast<double>(micro) / 1e6;
}

} // namespace

struct Fetcher::Impl {
  struct Active {
    Impl* impl = nullptr;
    CURL* easy = nullptr;
    Job job;
    FetchOutcome outcome;
    std::string body;
    curl_slist* resolve = nullptr;
    bool stopped_early = false; // the body was not wanted: stopping is success
    bool checked_type = false;
    bool too_large = false;
    bool error_page = false; // reading a refusal's page (blocked-host detection)
  };

  const CrawlOptions& options;
  CURLM* multi = nullptr;
  CURLSH* share = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* browser_headers = nullptr; // the user's headers plus a browser's Accept lines
  std::string user_agent;
  std::vector<CURL*> idle_handles;
  std::unordered_map<CURL*, std::unique_ptr<Active>> active;
  std::vector<Transfer> done;

  explicit Impl(const CrawlOptions& crawl_options) : options(crawl_options) {
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(options.per_host));
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    // libcurl's default idle-connection cache is 4 per transfer in flight: when the parsers fall
    // behind and few transfers run, it closes connections the crawl reopens a moment later
    // (some 800 extra connects in 25,000 requests to one host). Room for twice the slots ends that.
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(2 * options.concurrency));
    // Cookies and TLS sessions are shared by every transfer; one thread uses the share, so
    // it needs no lock callbacks.
    share = curl_share_init();
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    for (const auto& header : options.headers) {
      headers = curl_slist_append(headers, header.c_str());
      browser_headers = curl_slist_append(browser_headers, header.c_str());
    }
    browser_headers = curl_slist_append(
        browser_headers, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    browser_headers = curl_slist_append(browser_headers, "Accept-Language: zh-CN,zh;q=0.9");
    user_agent = options.user_agent.empty() ? default_user_agent() : options.user_agent;
  }

  ~Impl() {
    for (auto& [easy, transfer] : active) {
      curl_multi_remove_handle(multi, easy);
      curl_slist_free_all(transfer->resolve);
      curl_easy_cleanup(easy);
    }
    for (CURL* easy : idle_handles) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi);
    curl_share_cleanup(share);
    curl_slist_free_all(headers);
    curl_slist_free_all(browser_headers);
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Active*>(user);
    const std::size_t bytes = size * count;
    if (!transfer->checked_type) {
      transfer->checked_type = true;
      long status = 0;
      curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
      char* type = nullptr;
      curl_easy_getinfo(transfer->easy, CURLINFO_CONTENT_TYPE, &type);
      // Only the status matters for checks, redirects and error answers; only HTML and XML
      // (sitemaps) bodies are read, and text attachments whatever type the server gives them
      // (.csv is often application/octet-stream).
      const std::string media = media_type(type);
      const bool readable = is_html_type(media) || media.find("xml") != std::string::npos ||
                            media.empty() || media == "text/plain" ||
                            transfer->job.kind == Job::Kind::robots ||
                            transfer->job.kind == Job::Kind::sitemap || transfer->job.attachment;
      // A refusal's page tells a WAF or captcha from a plain refusal: read it on the
      // browser-like retry (the first 64 KiB are enough).
      transfer->error_page = transfer->job.browser_like && status >= 400;
      if (!transfer->error_page && (!transfer->job.body_wanted || status >= 300 || !readable)) {
        transfer->stopped_early = true;
        return 0;
      }
    }
    const std::size_t limit =
        transfer->error_page ? k_error_page_bytes : transfer->impl->options.max_body;
    if (transfer->body.empty()) {
      // The announced length, within the limit, spares the body its regrowth from 16 KiB.
      curl_off_t length = -1;
      curl_easy_getinfo(transfer->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
      if (length > 0 && static_cast<std::size_t>(length) <= limit)
        transfer->body.reserve(static_cast<std::size_t>(length));
    }
    if (transfer->body.size() + bytes > limit) {
      transfer->too_large = true;
      transfer->stopped_early = true;
      return 0;
    }
    transfer->body.append(data, bytes);
    return bytes;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Active*>(user);
    const std::size_t bytes = size * count;
    std::string_view line(data, bytes);
    if (line.rfind("HTTP/", 0) == 0) {
      transfer->outcome.headers.clear(); // a new response (after 1xx, or a proxy's CONNECT)
      return bytes;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return bytes;
    const std::string name = ascii_lower(trim(line.substr(0, colon)));
    if (std::find(k_kept_headers.begin(), k_kept_headers.end(), name) != k_kept_headers.end()) {
      transfer->outcome.headers.emplace_back(name, std::string(trim(line.substr(colon + 1))));
    }
    return bytes;
  }

  CURL* take_handle() {
    if (idle_handles.empty()) return curl_easy_init();
    CURL* easy = idle_handles.back();
    idle_handles.pop_back();
    curl_easy_reset(easy);
    return easy;
  }

  void configure(Active& transfer, const HostAddresses& addresses) {
    CURL* easy = transfer.easy;
    const Job& job = transfer.job;
    curl_easy_setopt(easy, CURLOPT_URL, job.current_url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Impl::on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L); // the crawl follows, hop by hop
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); // every encoding libcurl supports
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    // A heavy page (50-80 KB) in one or two reads instead of four or five of the default
    // 16 KiB: half the recv calls of a crawl (measured with strace -c), 1 MiB in all at -c 16.
    curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, 65536L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout * 1000));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min(options.connect_timeout, options.timeout) * 1000));
    curl_easy_setopt(easy, CURLOPT_USERAGENT,
                     job.browser_like ? k_browser_agent : user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_SHARE, share);
    if (job.head) curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    if (job.browser_like) {
      curl_easy_setopt(easy, CURLOPT_HTTPHEADER, browser_headers);
    } else if (headers != nullptr) {
      curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    }
    if (!options.cookie_jar.empty()) {
      curl_easy_setopt(easy, CURLOPT_COOKIEFILE, options.cookie_jar.c_str());
      curl_easy_setopt(easy, CURLOPT_COOKIEJAR, options.cookie_jar.c_str());
    }
    if (!options.user.empty()) {
      curl_easy_setopt(easy, CURLOPT_USERPWD, options.user.c_str());
      curl_easy_setopt(easy, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    }
    if (options.insecure) {
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!options.proxy.empty()) {
      curl_easy_setopt(easy, CURLOPT_PROXY, options.proxy.c_str());
      return; // the proxy resolves names
    }
    if (job.family != 0) {
      // Pinned to one family on a connection of its own: no fallback to the other family and
      // no reuse of a crawl connection that may have used it. The address list below stays
      // whole so that the DNS cache entry the transfers share is the same for all of them.
      curl_easy_setopt(easy, CURLOPT_IPRESOLVE,
                       job.family == 6 ? CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_V4);
      curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
      curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    }
    // Connect to the addresses c-ares found: curl must not resolve names itself.
    const std::string_view host = url_host(job.current_url);
    if (is_ip_literal(host)) return;
    std::string list;
    for (const auto& address : addresses.aaaa.addresses) append_address(list, address);
    for (const auto& address : addresses.a.addresses) append_address(list, address);
    const std::string entry =
        std::string(host) + ":" + std::string(url_port(job.current_url)) + ":" + list;
    transfer.resolve = curl_slist_append(nullptr, entry.c_str());
    curl_easy_setopt(easy, CURLOPT_RESOLVE, transfer.resolve);
  }

  void finish(CURL* easy, CURLcode code) {
    auto found = active.find(easy);
    if (found == active.end()) return;
    std::unique_ptr<Active> transfer = std::move(found->second);
    active.erase(found);
    curl_multi_remove_handle(multi, easy);

    FetchOutcome& outcome = transfer->outcome;
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    char* type = nullptr;
    curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type);
    outcome.status = static_cast<int>(status);
    outcome.content_type = media_type(type);
    outcome.method = transfer->job.head ? "HEAD" : "GET";
    outcome.checked_at = std::time(nullptr);
    outcome.timings.dns = seconds(easy, CURLINFO_NAMELOOKUP_TIME_T);
    outcome.timings.connect = seconds(easy, CURLINFO_CONNECT_TIME_T);
    outcome.timings.tls = seconds(easy, CURLINFO_APPCONNECT_TIME_T);
    outcome.timings.first_byte = seconds(easy, CURLINFO_STARTTRANSFER_TIME_T);
    outcome.timings.total = seconds(easy, CURLINFO_TOTAL_TIME_T);
    outcome.size = transfer->body.size();
    if (transfer->job.family != 0) {
      char* address = nullptr;
      if (curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &address) == CURLE_OK && address) {
        outcome.remote_address = address;
      }
      if (curl_easy_getinfo(easy, CURLINFO_LOCAL_IP, &address) == CURLE_OK && address) {
        outcome.local_address = address;
      }
    }
    const bool stopped_on_purpose = code == CURLE_WRITE_ERROR && transfer->stopped_early;
    if (code != CURLE_OK && !stopped_on_purpose) {
      outcome.error = classify(code);
      outcome.error_detail = curl_easy_strerror(code);
      // A status that arrived before the failure (a reset or a timeout mid-body) stays as
      // evidence; ok() is false all the same.
    }
    if (transfer->too_large) {
      outcome.error_detail = "body larger than " + std::to_string(options.max_body) +
                             " bytes: only the first part was read";
    }
    curl_slist_free_all(transfer->resolve);
    idle_handles.push_back(easy);
    done.push_back({std::move(transfer->job), std::move(outcome), std::move(transfer->body)});
  }
};

Fetcher::Fetcher(const CrawlOptions& options) : m_impl(std::make_unique<Impl>(options)) {}

Fetcher::~Fetcher() = default;

void Fetcher::start(Job&& job, const HostAddresses& addresses) {
  auto transfer = std::make_unique<Impl::Active>();
  transfer->impl = m_impl.get();
  transfer->easy = m_impl->take_handle();
  transfer->job = std::move(job);
  m_impl->configure(*transfer, addresses);
  CURL* easy = transfer->easy;
  m_impl->active.emplace(easy, std::move(transfer));
  curl_multi_add_handle(m_impl->multi, easy);
}

std::vector<ResolverSocket> Fetcher::poll(const std::vector<ResolverSocket>& extra,
                                          std::chrono::milliseconds wait) {
  std::vector<curl_waitfd> fds;
  fds.reserve(extra.size());
  for (const auto& socket : extra) {
    curl_waitfd fd{};
    fd.fd = socket.fd;
    fd.events = static_cast<short>((socket.read ? CURL_WAIT_POLLIN : 0) |
                                   (socket.write ? CURL_WAIT_POLLOUT : 0));
    fds.push_back(fd);
  }
  int ready_count = 0;
  curl_multi_poll(m_impl->multi, fds.data(), static_cast<unsigned>(fds.size()),
                  static_cast<int>(std::max<long>(0, wait.count())), &ready_count);
  int running = 0;
  curl_multi_perform(m_impl->multi, &running);
  int remaining = 0;
  while (CURLMsg* message = curl_multi_info_read(m_impl->multi, &remaining)) {
    if (message->msg == CURLMSG_DONE) m_impl->finish(message->easy_handle, message->data.result);
  }
  std::vector<ResolverSocket> ready;
  for (const auto& fd : fds) {
    if (fd.revents == 0) continue;
    ready.push_back(
        {fd.fd, (fd.revents & CURL_WAIT_POLLIN) != 0, (fd.revents & CURL_WAIT_POLLOUT) != 0});
  }
  return ready;
}

std::vector<Transfer> Fetcher::completed() {
  return std::exchange(m_impl->done, {});
}

std::size_t Fetcher::in_flight() const {
  return m_impl->active.size();
}

void Fetcher::cancel_all() {
  for (auto& [easy, transfer] : m_impl->active) {
    curl_multi_remove_handle(m_impl->multi, easy);
    curl_slist_free_all(transfer->resolve);
    m_impl->idle_handles.push_back(easy);
  }
  m_impl->active.clear();
}

void Fetcher::wakeup() {
  curl_multi_wakeup(m_impl->multi);
}

} // namespace scanner
