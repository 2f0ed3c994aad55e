#include <scanner/ascii.hpp>
#include <scanner/charset.hpp>
#include <scanner/util.hpp>

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scanner {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// ---------------------------------------------------------------------------------------------
// Charset names

std::string normalize_charset(std::string_view name) {
  name = trim_html_space(name);
  while (!name.empty() && (name.front() == '"' || name.front() == '\'')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == '"' || name.back() == '\'')) name.remove_suffix(1);
  std::string lower;
  lower.reserve(name.size());
  for (char c : name) lower.push_back(lower_ascii(c));
  // GB18030 is a superset of GBK and GB2312; browsers decode all of them with it.
  static constexpr std::array<std::string_view, 9> k_gb_aliases = {
      "gb2312",  "gbk",      "x-gbk", "cp936",      "gb_2312-80",
      "gb_2312", "csgb2312", "ms936", "windows-936"};
  for (std::string_view alias : k_gb_aliases) {
    if (lower == alias) return "gb18030";
  }
  if (lower == "utf8") return "utf-8";
  return lower;
}

// The value after "charset" (then optional spaces, '=', optional quote) at or after `from`
// in `text`, or empty.
std::string_view charset_value(std::string_view text, std::size_t from) {
  for (std::size_t at = ifind_ascii(text, "charset", from); at != std::string_view::npos;
       at = ifind_ascii(text, "charset", at + 1)) {
    std::size_t i = at + 7;
    while (i < text.size() && is_html_space(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && is_html_space(text[i])) ++i;
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) ++i;
    std::size_t begin = i;
    while (i < text.size()) {
      char c = text[i];
      bool name_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == ':';
      if (!name_char) break;
      ++i;
    }
    if (i > begin) return text.substr(begin, i - begin);
  }
  return {};
}

// The charset named by a <meta charset> or <meta http-equiv=Content-Type> tag in `head`.
std::string_view meta_charset(std::string_view head) {
  for (std::size_t at = ifind_ascii(head, "<meta"); at != std::string_view::npos;
       at = ifind_ascii(head, "<meta", at + 5)) {
    std::size_t end = head.find('>', at);
    std::string_view tag =
        head.substr(at, end == std::string_view::npos ? head.size() - at : end - at);
    std::string_view value = charset_value(tag, 5);
    if (!value.empty()) return value;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// iconv

// iconv_t is a pointer: the descriptor value is the constant, not what it points to.
// NOLINTNEXTLINE(misc-misplaced-const)
const iconv_t k_no_iconv = reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1));

// Opened iconv descriptors of one thread, by charset name, because iconv_open() loads and
// parses gconv modules and costs far more than converting a page. Unknown names are cached too
// (as k_no_iconv) so that a site with a bogus charset does not retry on every page.
class IconvCache {
public:
  IconvCache() = default;
  IconvCache(const IconvCache&) = delete;
  IconvCache& operator=(const IconvCache&) = delete;
  ~IconvCache() {
    for (auto& entry : m_entries) {
      if (entry.second != k_no_iconv) iconv_close(entry.second);
    }
  }

  // A descriptor converting from `charset` to UTF-8, reset to its initial state, or
  // k_no_iconv when glibc does not know the charset.
  iconv_t get(const std::string& charset) {
    for (auto& entry : m_entries) {
      if (entry.first == charset) {
        if (entry.second != k_no_iconv) iconv(entry.second, nullptr, nullptr, nullptr, nullptr);
        return entry.second;
      }
    }
    if (m_entries.size() >= k_max_entries) {
      if (m_entries.front().second != k_no_iconv) iconv_close(m_entries.front().second);
      m_entries.erase(m_entries.begin());
    }
    iconv_t handle = iconv_open("UTF-8", charset.c_str());
    m_entries.emplace_back(charset, handle);
    return handle;
  }

private:
  static constexpr std::size_t k_max_entries = 8;
  std::vector<std::pair<std::string, iconv_t>> m_entries;
};

// Converts `input` with `handle` into UTF-8. Returns true when bytes had to be replaced.
bool convert_with_iconv(iconv_t handle, std::string_view input, std::string& out) {
  bool replaced = false;
  // GB18030 needs at most 1.5 bytes of UTF-8 per input byte, single-byte charsets 3; grow on
  // E2BIG for the rest.
  out.resize(input.size() * 2 + 16);
  char* in_pointer = const_cast<char*>(input.data()); // iconv's signature, never written
  std::size_t in_left = input.size();
  std::size_t used = 0;
  auto convert = [&](char** in, std::size_t* in_bytes) {
    char* out_pointer = out.data() + used;
    std::size_t out_left = out.size() - used;
    std::size_t result = iconv(handle, in, in_bytes, &out_pointer, &out_left);
    used = static_cast<std::size_t>(out_pointer - out.data());
    return result;
  };
  while (in_left > 0) {
    if (convert(&in_pointer, &in_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else if (errno == EILSEQ || errno == EINVAL) {
      // An undecodable byte, or a sequence cut off at the end: replace one byte, go on.
      if (out.size() - used < k_replacement.size()) out.resize(out.size() * 2);
      std::memcpy(out.data() + used, k_replacement.data(), k_replacement.size());
      used += k_replacement.size();
      ++in_pointer;
      --in_left;
      replaced = true;
    } else {
      replaced = true; // iconv failed in a way it should not; keep what was converted
      break;
    }
  }
  // Stateful charsets (ISO-2022) may still owe a shift sequence.
  for (;;) {
    if (convert(nullptr, nullptr) != static_cast<std::size_t>(-1) || errno != E2BIG) break;
    out.resize(out.size() * 2);
  }
  out.resize(used);
  return replaced;
}

// UTF-8 input: the common case. Valid text is returned as is, without a BOM.
std::string decode_utf8(std::string_view body, bool* had_errors) {
  if (body.starts_with(k_utf8_bom)) body.remove_prefix(k_utf8_bom.size());
  if (valid_utf8_prefix(body) == body.size()) return std::string(body);
  std::string out;
  out.reserve(body.size() + 16);
  bool replaced = append_replacing_invalid(body, out);
  if (had_errors != nullptr) *had_errors = replaced;
  return out;
}

} // namespace

bool append_replacing_invalid(std::string_view text, std::string& out) {
  bool replaced = false;
  while (!text.empty()) {
    std::size_t valid = valid_utf8_prefix(text);
    out.append(text.substr(0, valid));
    if (valid == text.size()) break;
    out.append(k_replacement);
    replaced = true;
    text.remove_prefix(valid + 1);
  }
  return replaced;
}

bool is_plain_utf8(std::string_view body, std::string_view charset) {
  return charset == "utf-8" && !body.starts_with(k_utf8_bom) &&
         valid_utf8_prefix(body) == body.size();
}

std::string detect_charset(std::string_view content_type, std::string_view body,
                           std::string* source) {
  auto answer = [&](std::string_view name, const char* from) {
    if (source != nullptr) *source = from;
    return normalize_charset(name);
  };
  std::string_view from_header = charset_value(content_type, 0);
  if (!from_header.empty()) return answer(from_header, "header");
  if (body.starts_with(k_utf8_bom)) return answer("utf-8", "bom");
  if (body.starts_with("\xFF\xFE")) return answer("utf-16le", "bom");
  if (body.starts_with("\xFE\xFF")) return answer("utf-16be", "bom");
  std::string_view from_meta = meta_charset(body.substr(0, 4096));
  if (!from_meta.empty()) return answer(from_meta, "meta");
  return answer("utf-8", "default");
}

std::string decode_to_utf8(std::string_view body, std::string_view charset, bool* had_errors) {
  if (had_errors != nullptr) *had_errors = false;
  std::string name = normalize_charset(charset);
  if (name.empty() || name == "utf-8") return decode_utf8(body, had_errors);
  thread_local IconvCache cache;
  iconv_t handle = cache.get(name);
  if (handle == k_no_iconv) return decode_utf8(body, had_errors);
  // iconv's UTF-16LE/BE would keep the BOM as U+FEFF.
  if ((name == "utf-16le" && body.starts_with("\xFF\xFE")) ||
      (name == "utf-16be" && body.starts_with("\xFE\xFF")))
    body.remove_prefix(2);
  std::string out;
  bool replaced = convert_with_iconv(handle, body, out);
  if (had_errors != nullptr) *had_errors = replaced;
  return out;
}

} // namespace scanner
