#pragma once
// The page model: what the scanner learned about one URL (fetch outcome) and, for HTML pages,
// what the parser extracted. Checks read these; they never fetch anything themselves.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scanner {

// Which element and attribute a link came from.
enum class LinkKind : std::uint8_t {
  anchor,       // <a href>
  area,         // <area href>
  image,        // <img src>, <input type=image src>
  srcset,       // one candidate of <img srcset> / <source srcset>
  script,       // <script src>
  stylesheet,   // <link rel=stylesheet href>
  link,         // any other <link href> (icons, alternates, preloads)
  frame,        // <frame src>
  iframe,       // <iframe src>
  embed,        // <embed src>, <object data>
  media,        // <video src>, <audio src>, <source src>
  form,         // <form action> (recorded, never submitted)
  meta_refresh, // <meta http-equiv=refresh content="0;url=...">
};

// Stable lower-case name of `kind` for reports, e.g. "anchor".
std::string_view link_kind_name(LinkKind kind);

// True for kinds the browser loads with the page (images, scripts, styles, frames, media).
bool is_embedded(LinkKind kind);

// One link occurrence on a page.
struct Link {
  std::string url;      // absolute and normalised, fragment removed; empty when unusable
  std::string fragment; // the "#id" part without '#', if any
  std::string text;     // anchor text (collapsed whitespace), or alt/title for images
  LinkKind kind = LinkKind::anchor;
  std::uint32_t line = 0; // 1-based source line of the element
  // <a> only: 0-based index of the line of Page::text on which the anchor's text begins (the
  // block it sits in: a list item, a table cell), so that a check can pair a link with a date
  // shown next to it. 0 for other kinds.
  std::uint32_t text_line = 0;
};

// An image with the words around it, for map detection and privacy checks.
struct Image {
  std::string url; // absolute and normalised
  std::string alt;
  std::string title;
  std::string context; // caption / nearby text (figcaption, parent block), collapsed
  std::uint32_t line = 0;
};

// A calendar date shown on the page.
struct DateMention {
  int year = 0;
  int month = 0;
  int day = 0;
  std::uint32_t line = 0;
  std::string source; // how it was found: "text", "meta:article:published_time", ...
  std::string label;  // the label before it, e.g. "发布时间" (empty if none)
};

// Why a fetch did not yield an HTTP answer, or what kind of answer it was.
enum class ErrorClass : std::uint8_t {
  none,               // an HTTP response was received (see status)
  dns,                // name did not resolve (NXDOMAIN, SERVFAIL, timeout, no address)
  connect,            // connection refused or unreachable
  reset,              // connection reset / closed without an answer
  tls,                // TLS handshake or certificate failure
  timeout,            // connect or total timeout
  redirect_loop,      // a redirect chain came back to a URL it had visited
  too_many_redirects, // more hops than the limit
  too_large,          // body over the size limit
  robots,             // disallowed by robots.txt, not fetched
  other,              // any other transport failure
};

// Stable lower-case name of `error`, e.g. "dns".
std::string_view error_class_name(ErrorClass error);

// Timings of one transfer, in seconds (0 when not measured).
struct Timings {
  double dns = 0;
  double connect = 0;
  double tls = 0;
  double first_byte = 0;
  double total = 0;
};

// Response headers, names lower-case, in one string ("name\0value\0..."): every URL of a crawl
// keeps a few, and one allocation per record instead of two per header keeps 100,000 records
// small. Iterates as (name, value) pairs of views.
class HeaderList {
public:
  class Iterator {
  public:
    using value_type = std::pair<std::string_view, std::string_view>;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(std::string_view rest) : m_rest(rest) {}
    value_type operator*() const {
      const std::size_t name_end = m_rest.find('\0');
      const std::size_t value_end = m_rest.find('\0', name_end + 1);
      return {m_rest.substr(0, name_end), m_rest.substr(name_end + 1, value_end - name_end - 1)};
    }
    Iterator& operator++() {
      const std::size_t name_end = m_rest.find('\0');
      m_rest.remove_prefix(m_rest.find('\0', name_end + 1) + 1);
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& other) const { return m_rest.size() == other.m_rest.size(); }

  private:
    std::string_view m_rest;
  };

  void emplace_back(std::string_view name, std::string_view value) {
    m_data.append(name).push_back('\0');
    m_data.append(value).push_back('\0');
  }
  void clear() { m_data.clear(); }
  bool empty() const { return m_data.empty(); }
  Iterator begin() const { return Iterator(m_data); }
  Iterator end() const { return Iterator(std::string_view(m_data).substr(m_data.size())); }

private:
  std::string m_data;
};

// The outcome of fetching one URL (after redirects and retries).
struct FetchOutcome {
  int status = 0; // final HTTP status, 0 when none
  ErrorClass error = ErrorClass::none;
  std::string error_detail;           // curl's or the resolver's message
  std::string final_url;              // after redirects (empty when no redirect)
  std::vector<std::string> redirects; // every hop's URL after the first, in order
  std::string content_type;           // media type only, lower-case, e.g. "text/html"
  HeaderList headers;                 // selected
  Timings timings;
  std::uint64_t size = 0; // body bytes received (decoded)
  std::string method;     // "GET" or "HEAD"
  int attempts = 0;       // 1 + retries
  // When the answer came, in seconds since the epoch (UTC); 0 when never fetched. A number, not
  // the ISO text reports show: every URL of a crawl keeps one.
  std::int64_t checked_at = 0;
  // The host answered like a crawler blocker (429, or 403/503 with a WAF or captcha page) even
  // to browser-like headers: the link could not be verified.
  bool blocked = false;
  // Requests pinned to one address family (Job::family) only: the addresses of the connection.
  std::string remote_address;
  std::string local_address;

  // True when the outcome is an HTTP answer below 400.
  bool ok() const { return error == ErrorClass::none && status > 0 && status < 400; }
};

// One parsed HTML page, or a text attachment: what the checks receive through check_page().
struct Page {
  std::uint32_t id = 0; // index of the URL in the site's URL table
  std::string url;      // the requested URL
  int depth = 0;        // fewest link hops from a start URL
  FetchOutcome fetch;
  std::string charset;        // detected charset, e.g. "utf-8", "gb18030"
  std::string charset_source; // "header", "bom", "meta" or "default"
  bool decode_errors = false; // some bytes could not be decoded and were replaced
  // The page's content matches what its host answers for a random missing path (a site that
  // serves its "not found" page with status 200).
  bool like_not_found = false;

  std::string title;
  std::string text; // visible text, whitespace collapsed, one line per block
  std::vector<std::pair<std::string, std::string>> meta; // <meta name|property> -> content
  std::vector<Link> links;
  std::vector<Image> images;
  std::vector<DateMention> dates;
  std::vector<std::string> ids; // element ids and <a name> values, for fragment checks
  std::string base_href;        // <base href> if present, absolute
  // A text attachment of the site (.txt, .csv) rather than an HTML page: only `url`, `fetch`,
  // the charset fields and `text` (the file's lines) are filled. Only checks that read plain
  // text receive one (checks::Check::reads_attachments).
  bool attachment = false;

  // --- Added for the content checks (maps, disclosure, identity, privacy) ---
  // Where each link and image appeared in `text`: the byte offset of `text` when the element
  // started (same index as `links` / `images`; at most text.size()). The line of `text` holding
  // the offset is the element's block (the "相关解读：" label before a link), the lines after it
  // what follows (the caption paragraph under an image).
  std::vector<std::uint32_t> link_offsets;
  std::vector<std::uint32_t> image_offsets;

  // Value of the first header named `name` (lower-case), or empty.
  std::string_view header(std::string_view name) const;
};

} // namespace scanner
