#include <scanner/url.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <idn2.h>
#include <tsl/robin_set.h>
#include <vector>

// How a URL is normalised. The input is first rewritten in one pass (prepare_url), then parsed
// once by libcurl, which resolves dot segments, validates host and port, canonicalises IPv4 and
// IPv6 literals and drops the default port. The rewriting has to come before libcurl, not after:
// - "%2E%2E" must count as a ".." segment (RFC 3986 6.2.2: decode unreserved characters, then
//   remove dot segments), and libcurl 7.88 leaves encoded dots alone;
// - libcurl's IDN conversion goes through idn2_lookup_ul(), which reads the process locale and
//   fails in the "C" locale, so hosts are converted here, with libidn2's UTF-8 entry point
//   (idn2_lookup_u8, see append_ascii_host);
// - libcurl 7.88 keeps the host's case ("http://WWW.X.CN" stays upper-case), rejects spaces,
//   keeps lower-case hex and invalid "%zz" as they are, and with CURLU_URLENCODE would write a
//   space in the query as '+', which browsers do not;
// - user info is dropped before libcurl sees it, so credentials never reach a stored URL.
// Relative references are resolved by building the RFC 3986 merge of base and reference as a
// string (see UrlResolver::Impl::lookup) and normalising that: the same string is the cache
// key, so two references with the same key provably have the same result.

namespace scanner {
namespace {

// Entries per resolver (one per parsing worker). What repeats is the template's navigation, a
// few hundred references per base; 4,096 holds those with room to spare while bounding the
// cache to about a MB per worker on a crawl of any size (entries keep their strings).
constexpr std::size_t k_cache_limit = 4'096;
// Longer references (huge query strings) are resolved but not cached: they rarely repeat, and
// they would make the memory bound of the cache k_cache_limit times their length.
constexpr std::size_t k_max_cached_key_length = 1024;

struct CurlUrlDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};
using CurlUrlPtr = std::unique_ptr<CURLU, CurlUrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* text) const { curl_free(text); }
};
using CurlStringPtr = std::unique_ptr<char, CurlStringDeleter>;

constexpr char k_hex_digits[] = "0123456789ABCDEF";

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_slash(char c) {
  return c == '/' || c == '\\';
}
char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Characters RFC 3986 allows unencoded in a path, query or fragment (unreserved, sub-delims,
// ':', '@', '/', '?', and the brackets browsers leave alone). Everything else is encoded.
bool is_allowed_raw(char c) {
  if (is_unreserved(c)) return true;
  switch (c) {
  case '!':
  case '$':
  case '&':
  case '\'':
  case '(':
  case ')':
  case '*':
  case '+':
  case ',':
  case ';':
  case '=':
  case ':':
  case '@':
  case '/':
  case '?':
  case '[':
  case ']':
    return true;
  default:
    return false;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_encoded(std::string& out, unsigned char byte) {
  out += '%';
  out += k_hex_digits[byte >> 4];
  out += k_hex_digits[byte & 0xF];
}

bool iequals(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (to_lower(left[i]) != to_lower(right[i])) return false;
  }
  return true;
}

bool is_http_scheme(std::string_view scheme) {
  return iequals(scheme, "http") || iequals(scheme, "https");
}

// Appends the path, query or fragment `part` with its percent-encoding normalised: "%xx" of an
// unreserved character decoded, other "%xx" upper-cased, a '%' that starts no escape encoded as
// "%25", and every byte not allowed raw (space, controls, non-ASCII, '"', '<', '>', ...)
// encoded. With `backslash_is_slash`, '\' becomes '/' as browsers do in http(s) paths.
void append_normalised(std::string& out, std::string_view part, bool backslash_is_slash) {
  for (std::size_t i = 0; i < part.size(); ++i) {
    const char c = part[i];
    if (c == '%') {
      const int high = i + 2 < part.size() ? hex_value(part[i + 1]) : -1;
      const int low = high >= 0 ? hex_value(part[i + 2]) : -1;
      if (low < 0) {
        out += "%25";
        continue;
      }
      const auto byte = static_cast<unsigned char>(high * 16 + low);
      if (is_unreserved(static_cast<char>(byte))) {
        out += static_cast<char>(byte);
      } else {
        append_encoded(out, byte);
      }
      i += 2;
    } else if (c == '\\' && backslash_is_slash) {
      out += '/';
    } else if (is_allowed_raw(c)) {
      out += c;
    } else {
      append_encoded(out, static_cast<unsigned char>(c));
    }
  }
}

// ASCII characters that cannot be part of a host name (WHATWG URL's forbidden domain code
// points, printable ones).
bool is_forbidden_in_host(char c) {
  return std::string_view("#%/:<>?@[\\]^|").find(c) != std::string_view::npos;
}

// Appends the host `host` (percent-decoded already) in its ASCII form: ASCII letters
// lower-cased; the ideographic and full-width full stops (U+3002, U+FF0E, U+FF61) read as '.';
// each label with a non-ASCII character converted by libidn2 (idn2_lookup_u8, UTS #46
// non-transitional processing, as browsers do: full-width ASCII read as ASCII, letters
// case-folded, compatibility forms such as U+2160 and U+2460 mapped, NFC, then "xn--" and
// punycode). libidn2 takes UTF-8 and does not read the locale. ASCII labels are not given to it,
// so that "a_b" or "ab--c" stay as they are next to a Chinese label. False for malformed UTF-8
// and for labels IDNA2008 does not allow (symbols and emoji, a hyphen at either end, a joiner
// out of context, an "xn--" label that is not punycode): no registry issues such names.
bool append_ascii_host(std::string& out, std::string_view host) {
  bool ascii = true;
  for (const char c : host) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (const char c : host) out += to_lower(c);
    return true;
  }
  std::string label;
  const auto flush_label = [&]() {
    bool label_ascii = true;
    for (const char c : label) label_ascii = label_ascii && static_cast<unsigned char>(c) < 0x80;
    if (label_ascii) {
      for (const char c : label) out += to_lower(c);
    } else {
      char* converted = nullptr;
      const int status =
          idn2_lookup_u8(reinterpret_cast<const std::uint8_t*>(label.c_str()),
                         reinterpret_cast<std::uint8_t**>(&converted), IDN2_NONTRANSITIONAL);
      if (status != IDN2_OK) return false;
      out += converted;
      idn2_free(converted);
    }
    label.clear();
    return true;
  };
  // The full stops as UTF-8: U+3002, U+FF0E, U+FF61.
  constexpr std::string_view k_full_stops[] = {"\xE3\x80\x82", "\xEF\xBC\x8E", "\xEF\xBD\xA1"};
  for (std::size_t i = 0; i < host.size();) {
    std::size_t stop = host[i] == '.' ? 1 : 0;
    for (const std::string_view full_stop : k_full_stops) {
      if (host.substr(i).starts_with(full_stop)) stop = full_stop.size();
    }
    if (stop == 0) {
      label += host[i++];
      continue;
    }
    if (!flush_label()) return false;
    out += '.';
    i += stop;
  }
  return flush_label();
}

// Appends `text` with every "%xx" escape decoded (hosts are compared decoded, as browsers do).
void append_percent_decoded(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int high = text[i] == '%' && i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
    if (low >= 0) {
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
}

// Trims leading and trailing C0 controls and spaces from `text` and removes tab, CR and LF
// inside it, as the URL parsers of browsers do. Uses `scratch` only when something is removed
// from the inside.
std::string_view clean_reference(std::string_view text, std::string& scratch) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
  // A plain loop: string_view::find_first_of calls memchr once per character.
  bool has_inner_whitespace = false;
  for (const char c : text) has_inner_whitespace |= c == '\t' || c == '\r' || c == '\n';
  if (!has_inner_whitespace) return text;
  scratch.clear();
  for (const char c : text) {
    if (c != '\t' && c != '\r' && c != '\n') scratch += c;
  }
  return scratch;
}

// The scheme of `reference` (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) before ':'), or empty.
std::string_view scheme_of(std::string_view reference) {
  if (reference.empty() || !is_alpha(reference[0])) return {};
  for (std::size_t i = 1; i < reference.size(); ++i) {
    const char c = reference[i];
    if (c == ':') return reference.substr(0, i);
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

bool starts_with_two_slashes(std::string_view text) {
  return text.size() >= 2 && is_slash(text[0]) && is_slash(text[1]);
}

std::string quoted(std::string_view url) {
  std::string text = "\"";
  text += url;
  text += '"';
  return text;
}

// Rewrites the absolute http(s) URL `url` (already cleaned of whitespace) into `prepared` for
// libcurl (see the comment at the top) and its fragment into `fragment`. Returns an error
// message, or empty on success.
std::string prepare_url(std::string_view url, std::string& prepared, std::string* fragment) {
  const std::string_view scheme = scheme_of(url);
  if (scheme.empty()) return "not an absolute URL: " + quoted(url);
  if (!is_http_scheme(scheme)) return "not an http(s) URL: " + quoted(url);
  prepared.clear();
  for (const char c : scheme) prepared += to_lower(c);
  prepared += "://";

  // Browsers skip any number of slashes and backslashes after an http(s) scheme.
  std::string_view rest = url.substr(scheme.size() + 1);
  while (!rest.empty() && is_slash(rest.front())) rest.remove_prefix(1);
  const std::size_t authority_end = rest.find_first_of("/\\?#");
  std::string_view authority = rest.substr(0, authority_end);
  rest.remove_prefix(authority.size());

  // Credentials are never stored: drop "user:password@".
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) return "bad host: " + quoted(url);
    host = authority.substr(0, close + 1);
    // A zone id ("%25eth0") means nothing outside the machine that wrote it.
    if (host.find('%') != std::string_view::npos) return "bad host: " + quoted(url);
    port = authority.substr(close + 1);
  } else {
    const std::size_t colon = host.find(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon);
      host = host.substr(0, colon);
    }
  }
  if (host.empty()) return "no host: " + quoted(url);
  if (!port.empty() && port.front() != ':') return "bad host: " + quoted(url);

  const std::size_t host_start = prepared.size();
  if (host.find('%') == std::string_view::npos) {
    if (!append_ascii_host(prepared, host)) return "bad host: " + quoted(url);
  } else {
    std::string decoded;
    append_percent_decoded(decoded, host);
    if (!append_ascii_host(prepared, decoded)) return "bad host: " + quoted(url);
  }
  // A host that holds a delimiter or a '%' once decoded and mapped ("a%2Fb", "a．？b" with a
  // full-width '？', "a%zz") is refused, as browsers refuse it (WHATWG URL: a forbidden domain
  // code point). Kept, libcurl split it or decoded it again, so that normalising the result
  // once more gave another URL (fuzz/corpus/url/*-in-host).
  if (host.front() != '[') {
    const std::string_view ascii_host = std::string_view(prepared).substr(host_start);
    if (std::any_of(ascii_host.begin(), ascii_host.end(), is_forbidden_in_host)) {
      return "bad host: " + quoted(url);
    }
  }
  prepared += port;

  const std::size_t hash = rest.find('#');
  const std::string_view before_fragment = rest.substr(0, hash);
  const std::size_t question = before_fragment.find('?');
  const std::string_view path = before_fragment.substr(0, question);
  if (path.empty()) prepared += '/';
  append_normalised(prepared, path, true);
  if (question != std::string_view::npos && question + 1 < before_fragment.size()) {
    prepared += '?';
    append_normalised(prepared, before_fragment.substr(question + 1), false);
  }
  if (fragment != nullptr) {
    fragment->clear();
    if (hash != std::string_view::npos) append_normalised(*fragment, rest.substr(hash + 1), false);
  }
  return {};
}

std::string curl_error_message(CURLUcode code, std::string_view url) {
  switch (code) {
  case CURLUE_BAD_PORT_NUMBER:
    return "bad port: " + quoted(url);
  case CURLUE_BAD_HOSTNAME:
  case CURLUE_BAD_IPV6:
    return "bad host: " + quoted(url);
  case CURLUE_NO_HOST:
    return "no host: " + quoted(url);
  default:
    return std::string("malformed URL (") + curl_url_strerror(code) + "): " + quoted(url);
  }
}

// Normalises the absolute URL `url` with the reusable libcurl `handle` into `result` and, when
// given, `fragment`. `scratch` is working space. Returns an error message, or empty on success.
std::string normalize_with(CURLU* handle, std::string_view url, std::string& result,
                           std::string* fragment, std::string& scratch) {
  std::string cleaned;
  url = clean_reference(url, cleaned);
  if (url.empty()) return "empty URL";
  std::string error = prepare_url(url, scratch, fragment);
  if (!error.empty()) return error;
  CURLUcode code = curl_url_set(handle, CURLUPART_URL, scratch.c_str(), 0);
  if (code != CURLUE_OK) return curl_error_message(code, url);
  char* text = nullptr;
  code = curl_url_get(handle, CURLUPART_URL, &text, CURLU_NO_DEFAULT_PORT);
  const CurlStringPtr owner(text);
  if (code != CURLUE_OK) return curl_error_message(code, url);
  result.assign(text);
  return {};
}

std::size_t authority_start(std::string_view url) {
  const std::size_t separator = url.find("://");
  return separator == std::string_view::npos ? std::string_view::npos : separator + 3;
}

} // namespace

core::Expected<std::string> normalize_url(std::string_view url) {
  return normalize_url(url, nullptr);
}

core::Expected<std::string> normalize_url(std::string_view url, std::string* fragment) {
  const CurlUrlPtr handle(curl_url());
  if (!handle) return core::unexpected("out of memory");
  std::string result;
  std::string scratch;
  std::string error = normalize_with(handle.get(), url, result, fragment, scratch);
  if (!error.empty()) return core::unexpected(std::move(error));
  return result;
}

std::string_view url_origin(std::string_view url) {
  const std::size_t start = authority_start(url);
  if (start == std::string_view::npos) return {};
  return url.substr(0, url.find_first_of("/?#", start));
}

std::string_view url_host(std::string_view url) {
  const std::size_t start = authority_start(url);
  if (start == std::string_view::npos) return {};
  std::string_view authority = url_origin(url).substr(start);
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    return close == std::string_view::npos ? std::string_view{} : authority.substr(1, close - 1);
  }
  return authority.substr(0, authority.find(':'));
}

std::string_view url_path_query(std::string_view url) {
  const std::string_view origin = url_origin(url);
  if (origin.empty()) return {};
  std::string_view rest = url.substr(origin.size());
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() != '/') return "/";
  return rest;
}

std::string_view url_port(std::string_view url) {
  const std::size_t start = authority_start(url);
  if (start == std::string_view::npos) return {};
  const std::string_view authority = url_origin(url).substr(start);
  // An IPv6 literal's colons are inside its brackets; the port's comes after them.
  const std::size_t host_end =
      !authority.empty() && authority.front() == '[' ? authority.find(']') : 0;
  if (host_end == std::string_view::npos) return {};
  const std::size_t colon = authority.find(':', host_end);
  if (colon != std::string_view::npos) return authority.substr(colon + 1);
  return url.starts_with("https:") ? "443" : "80";
}

std::string_view url_folder(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const std::size_t slash = url.rfind('/');
  return slash == std::string_view::npos ? url : url.substr(0, slash + 1);
}

std::string url_extension(std::string_view url) {
  std::string_view path = url_path_query(url);
  path = path.substr(0, path.find('?'));
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return {};
  }
  std::string extension(path.substr(dot + 1));
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return extension;
}

bool is_ip_literal(std::string_view host) {
  return host.find(':') != std::string_view::npos ||
         host.find_first_not_of("0123456789.") == std::string_view::npos;
}

namespace {

// A hash of `bytes` for the resolver's table, mixed with `seed` (the hash of the part of the
// base the reference is read against), so that the merged reference is never built to look it
// up. Eight bytes per step.
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
  constexpr std::uint64_t k_multiplier = 0x9E3779B97F4A7C15ULL;
  std::uint64_t hash = seed ^ (bytes.size() * k_multiplier);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    hash = (hash ^ word) * k_multiplier;
    hash ^= hash >> 29;
  }
  if (i < bytes.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, bytes.size() - i);
    hash = (hash ^ word) * k_multiplier;
    hash ^= hash >> 29;
  }
  hash *= k_multiplier;
  return hash ^ (hash >> 32);
}

} // namespace

struct UrlResolver::Impl {
  // The parts of the base a relative reference is merged with (RFC 3986 5.2.2), by its form:
  // "//host/x" keeps the scheme, "/x" the origin, "?q" the path, anything else the directory.
  enum Part : std::size_t { scheme_part, origin_part, path_part, directory_part, part_count };

  // One resolved reference. Entries are reused in place once the table is reset, so that their
  // strings keep their capacity and a miss allocates nothing in the steady state.
  struct Entry {
    std::uint64_t hash = 0;
    std::string key; // the merged reference (base part + reference)
    bool ok = false;
    std::string url;
    std::string fragment;

    bool matches(std::uint64_t other_hash, std::string_view prefix,
                 std::string_view reference) const {
      return hash == other_hash && key.size() == prefix.size() + reference.size() &&
             std::string_view(key).substr(0, prefix.size()) == prefix &&
             std::string_view(key).substr(prefix.size()) == reference;
    }
  };

  Impl() { table.reserve(k_cache_limit); }

  CurlUrlPtr handle{curl_url()};
  std::string base;                          // normalised base URL; empty when none or invalid
  std::size_t scheme_length = 0;             // "http"
  std::size_t part_lengths[part_count] = {}; // of base, by Part
  std::uint64_t part_seeds[part_count] = {}; // hash_bytes seeds of those parts
  std::vector<Entry> entries;
  std::size_t used = 0; // entries in the table; those after it are spare
  // The table: a tsl::robin_set of indices into `entries`, which hash as their stored hash and
  // are looked up by a Probe with the hash made without building the merged key; 32 bits of the
  // hash kept beside each index (StoreHash), so that most probes touch no entry.
  struct Probe {
    std::string_view prefix;
    std::string_view reference;
    std::uint64_t hash = 0;
  };
  struct EntryHash {
    using is_transparent = void;
    const std::vector<Entry>* entries;
    std::size_t operator()(std::uint32_t index) const { return (*entries)[index].hash; }
    std::size_t operator()(const Probe& probe) const { return probe.hash; }
  };
  struct EntryEqual {
    using is_transparent = void;
    const std::vector<Entry>* entries;
    bool operator()(std::uint32_t left, std::uint32_t right) const { return left == right; }
    bool operator()(std::uint32_t index, const Probe& probe) const {
      return (*entries)[index].matches(probe.hash, probe.prefix, probe.reference);
    }
    bool operator()(const Probe& probe, std::uint32_t index) const {
      return (*entries)[index].matches(probe.hash, probe.prefix, probe.reference);
    }
  };
  tsl::robin_set<std::uint32_t, EntryHash, EntryEqual, std::allocator<std::uint32_t>, true> table{
      0, EntryHash{&entries}, EntryEqual{&entries}};
  // Scratch strings reused by every call, so that a cache hit allocates nothing.
  std::string cleaned;
  std::string prepared;

  // The part of the base that `reference` (relative, not empty) is merged with.
  static Part part_for(std::string_view reference) {
    if (starts_with_two_slashes(reference)) return scheme_part;
    if (is_slash(reference.front())) return origin_part;
    if (reference.front() == '?') return path_part;
    return directory_part;
  }

  // Resolves the merge of `prefix` (a part of the base, or empty for an absolute reference) and
  // `reference` through the table. The merge is the RFC 3986 resolution before dot segment
  // removal, so normalising it gives the resolved URL, and equal merges have equal results.
  bool lookup(std::string_view prefix, std::string_view reference, std::uint64_t seed,
              std::string& url, std::string& fragment) {
    const std::uint64_t hash = hash_bytes(reference, seed);
    if (const auto found = table.find(Probe{prefix, reference, hash}, hash); found != table.end()) {
      const Entry& entry = entries[*found];
      if (!entry.ok) return false;
      url = entry.url;
      fragment = entry.fragment;
      return true;
    }
    if (prefix.size() + reference.size() > k_max_cached_key_length) {
      std::string key(prefix);
      key.append(reference);
      return handle && normalize_with(handle.get(), key, url, &fragment, prepared).empty();
    }
    // Emptying the table is crude but bounded and cheap; the navigation links come back within
    // one page. (clear() keeps the buckets.)
    if (used == k_cache_limit) {
      table.clear();
      used = 0;
    }
    if (used == entries.size()) entries.emplace_back();
    Entry& entry = entries[used];
    entry.hash = hash;
    table.insert(static_cast<std::uint32_t>(used++)); // hashes as entry.hash
    entry.key.assign(prefix);
    entry.key.append(reference);
    entry.ok =
        handle &&
        normalize_with(handle.get(), entry.key, entry.url, &entry.fragment, prepared).empty();
    if (!entry.ok) return false;
    url = entry.url;
    fragment = entry.fragment;
    return true;
  }

  bool resolve_fragment_only(std::string_view reference, std::string& url, std::string& fragment) {
    if (base.empty()) return false;
    url = base;
    fragment.clear();
    append_normalised(fragment, reference.substr(1), false);
    return true;
  }
};

UrlResolver::UrlResolver() : m_impl(std::make_unique<Impl>()) {}

UrlResolver::~UrlResolver() = default;

void UrlResolver::set_base(std::string_view base) {
  Impl& impl = *m_impl;
  impl.base.clear();
  if (!impl.handle) return;
  std::string normalised;
  if (!normalize_with(impl.handle.get(), base, normalised, nullptr, impl.prepared).empty()) return;
  impl.base = std::move(normalised);
  const std::string_view view = impl.base;
  impl.scheme_length = view.find(':');
  const std::size_t path_length = std::min(view.find('?'), view.size());
  impl.part_lengths[Impl::scheme_part] = impl.scheme_length + 1;
  impl.part_lengths[Impl::origin_part] = url_origin(view).size();
  impl.part_lengths[Impl::path_part] = path_length;
  // A normalised path starts with '/', so the search always succeeds.
  impl.part_lengths[Impl::directory_part] = view.rfind('/', path_length - 1) + 1;
  for (std::size_t part = 0; part < Impl::part_count; ++part) {
    impl.part_seeds[part] = hash_bytes(view.substr(0, impl.part_lengths[part]), part + 1);
  }
}

bool UrlResolver::resolve(std::string_view href, std::string& url, std::string& fragment) {
  Impl& impl = *m_impl;
  std::string_view reference = clean_reference(href, impl.cleaned);
  if (reference.empty()) return false;

  bool relative = true;
  const std::string_view scheme = scheme_of(reference);
  if (!scheme.empty()) {
    if (!is_http_scheme(scheme)) return false;
    const std::string_view rest = reference.substr(scheme.size() + 1);
    // Browsers read "http:page.html" and "http:/page.html" relative to an http base.
    if (!impl.base.empty() && !starts_with_two_slashes(rest) &&
        iequals(scheme, std::string_view(impl.base).substr(0, impl.scheme_length))) {
      reference = rest;
    } else {
      relative = false;
    }
  }
  if (!relative) return impl.lookup({}, reference, 0, url, fragment);
  if (reference.empty() || impl.base.empty()) return false;
  if (reference.front() == '#') return impl.resolve_fragment_only(reference, url, fragment);
  const Impl::Part part = Impl::part_for(reference);
  return impl.lookup(std::string_view(impl.base).substr(0, impl.part_lengths[part]), reference,
                     impl.part_seeds[part], url, fragment);
}

} // namespace scanner
