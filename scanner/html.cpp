#include <scanner/dates.hpp>
#include <scanner/html.hpp>
#include <scanner/util.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scanner {

namespace {

// ---------------------------------------------------------------------------------------------
// UTF-8

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// Appends `text` to `out` with every invalid byte replaced by U+FFFD. Returns true when
// something was replaced.
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

// The largest length <= `length` that does not split a UTF-8 sequence of `text`.
std::size_t utf8_floor(std::string_view text, std::size_t length) {
  if (length >= text.size()) return text.size();
  while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  return length;
}

// ---------------------------------------------------------------------------------------------
// Charset names

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

// Position of `needle` (lower-case) in `haystack`, ignoring ASCII case, or npos.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
  if (needle.size() > haystack.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (iequals(haystack.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim_space(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string normalize_charset(std::string_view name) {
  name = trim_space(name);
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
  for (std::size_t at = ifind(text, "charset", from); at != std::string_view::npos;
       at = ifind(text, "charset", at + 1)) {
    std::size_t i = at + 7;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && is_space(text[i])) ++i;
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
  for (std::size_t at = ifind(head, "<meta"); at != std::string_view::npos;
       at = ifind(head, "<meta", at + 5)) {
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

// ---------------------------------------------------------------------------------------------
// Attributes

// The attributes the parser reads, borrowed from libxml2 for the duration of one callback.
// Absent attributes are null; attributes without a value are "".
struct Attributes {
  const char* href = nullptr;
  const char* src = nullptr;
  const char* srcset = nullptr;
  const char* alt = nullptr;
  const char* title = nullptr;
  const char* id = nullptr;
  const char* name = nullptr;
  const char* rel = nullptr;
  const char* type = nullptr;
  const char* content = nullptr;
  const char* property = nullptr;
  const char* http_equiv = nullptr;
  const char* action = nullptr;
  const char* data = nullptr;
};

// The slot in `attributes` of the attribute `name` (lower case, as libxml2 hands names over),
// or null for an attribute the parser never reads. The pre-pass below drops those.
const char** attribute_slot(Attributes& attributes, std::string_view name) {
  switch (name.size()) {
  case 2:
    return name == "id" ? &attributes.id : nullptr;
  case 3:
    return name == "src"   ? &attributes.src
           : name == "alt" ? &attributes.alt
           : name == "rel" ? &attributes.rel
                           : nullptr;
  case 4:
    return name == "href"   ? &attributes.href
           : name == "name" ? &attributes.name
           : name == "type" ? &attributes.type
           : name == "data" ? &attributes.data
                            : nullptr;
  case 5:
    return name == "title" ? &attributes.title : nullptr;
  case 6:
    return name == "srcset" ? &attributes.srcset : name == "action" ? &attributes.action : nullptr;
  case 7:
    return name == "content" ? &attributes.content : nullptr;
  case 8:
    return name == "property" ? &attributes.property : nullptr;
  case 10:
    return name == "http-equiv" ? &attributes.http_equiv : nullptr;
  default:
    return nullptr;
  }
}

// Whether the SAX pass reads the attribute `name` (lower case) of an element named `tag` (any
// case): every attribute with a slot, but a title only on an image (add_image).
bool reads(std::string_view tag, std::string_view name) {
  Attributes unused;
  return attribute_slot(unused, name) != nullptr && (name != "title" || iequals(tag, "img"));
}

// Attribute values the pre-pass hands libxml2 as short tokens (append_pruned_attributes):
// libxml2 reads an attribute value a character at a time, through a generic function that costs
// tens of instructions per character, and a heavy page has some 200 links whose URLs run to 40
// or more. A token is k_token_mark and the value's index in decimal; the value is kept here,
// NUL-terminated, and the SAX pass reads it back (read_attributes). Pages that hold the mark
// byte themselves get no tokens, so every value that starts with it is one.
constexpr char k_token_mark = '\x7F';
struct TokenValues {
  std::string storage;                // the values, each followed by a NUL
  std::vector<std::uint32_t> offsets; // where in `storage` the value of token n starts
};

// The value behind `value` if it is a token of `tokens`, else `value`.
const char* detokenized(const char* value, const TokenValues* tokens) {
  if (tokens == nullptr || value[0] != k_token_mark) return value;
  std::size_t index = 0;
  for (const char* digit = value + 1; *digit >= '0' && *digit <= '9'; ++digit)
    index = index * 10 + static_cast<std::size_t>(*digit - '0');
  return index < tokens->offsets.size() ? tokens->storage.data() + tokens->offsets[index] : value;
}

Attributes read_attributes(const xmlChar** pairs, const TokenValues* tokens) {
  Attributes attributes;
  if (pairs == nullptr) return attributes;
  for (std::size_t i = 0; pairs[i] != nullptr; i += 2) {
    const char* value = pairs[i + 1] != nullptr
                            ? detokenized(reinterpret_cast<const char*>(pairs[i + 1]), tokens)
                            : "";
    const char** slot = attribute_slot(attributes, reinterpret_cast<const char*>(pairs[i]));
    // The first of duplicate attributes wins, as in browsers.
    if (slot != nullptr && *slot == nullptr) *slot = value;
  }
  return attributes;
}

// ---------------------------------------------------------------------------------------------
// What libxml2 is given

// libxml2 reads the body of a <script> or <style> a character at a time, only to hand it to
// cdataBlock, which ignores it; and it copies, lower-cases and checks every attribute of every
// tag, though the SAX pass reads fourteen (reads()). Heavy portal pages carry a third of
// their bytes in those bodies (the mega-menu's inline CSS) and half of their attributes are
// class, target, style and the like, so both are cut out before parsing: each body is replaced
// by its line breaks alone, each dropped attribute likewise, which keeps every later source
// line right. The scan follows what libxml2 does in recover mode: a tag starts at '<' and a
// letter and ends at the first '>' outside a quoted attribute value; comments run to "-->"; a
// body ends at "</" and the element's name in any case; "<script ... />" has no body. Where
// the scan cannot tell (an unterminated tag, quote or comment), the rest is left to libxml2 as
// it is; so is a tag whose attributes are anything but a plain list (below).

bool starts_with_ascii_icase(std::string_view text, std::size_t at, std::string_view lower) {
  return text.size() - at >= lower.size() && iequals(text.substr(at, lower.size()), lower);
}

// libxml2's IS_BLANK_CH, and the characters of its HTML names (htmlParseHTMLName).
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c == '.';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

// Position of the '>' that ends the tag whose name ends at `from`, or npos. A quote opens a
// value only after '=', as in libxml2's attribute parser.
std::size_t tag_end(std::string_view html, std::size_t from) {
  std::size_t i = from;
  while (i < html.size()) {
    char c = html[i];
    if (c == '>') return i;
    if (c == '=') {
      ++i;
      while (i < html.size() && is_space(html[i])) ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        std::size_t close = html.find(html[i], i + 1);
        if (close == std::string_view::npos) return close;
        i = close + 1;
      }
      continue;
    }
    ++i;
  }
  return std::string_view::npos;
}

// Position of "</name" (any case) from `from`, or npos.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    if (starts_with_ascii_icase(html, at + 2, name)) return at;
  }
  return std::string_view::npos;
}

// True when libxml2 reads the attribute value `value` as it is written: no character reference
// and no control character.
bool plain_value(std::string_view value) {
  bool plain = true;
  for (const char c : value) plain &= c != '&' && (static_cast<unsigned char>(c) >= 0x20);
  return plain;
}

// Reads the attributes of the start tag `tag`, from `from` (the end of its name) to its '>',
// as a plain list: blank-separated attributes, each a name, optionally '=' and a quoted value
// or an unquoted one without quotes, '<', '=', '`' or NUL, then blanks and an optional final
// '/'. Such a list libxml2 cannot read in two ways. Appends it to `out` without the attributes
// the parser does not read (reads()), each replaced by its line breaks, and returns the
// position of the '>'; returns npos, with `out` as it was, for anything else, which is left for
// libxml2 to read as it does. With `tokens`, a quoted value that is read is handed over as a
// token (TokenValues) when libxml2 would read it as it is written: no character reference, no
// control character (line breaks among them, which the line numbers need).
std::size_t append_pruned_attributes(std::string_view html, std::size_t from, std::string_view tag,
                                     std::string& out, TokenValues* tokens) {
  constexpr auto npos = std::string_view::npos;
  // Longer than any name the parser reads; and libxml2 cuts names at 100 bytes.
  constexpr std::size_t k_max_name = 32;
  const std::size_t mark = out.size();
  // Shorter values cost libxml2 less than the token's lookup saves.
  constexpr std::size_t k_min_token_value = 8;
  constexpr std::size_t k_max_token_value = 1 << 16;
  const std::size_t tokens_mark = tokens != nullptr ? tokens->offsets.size() : 0;
  const std::size_t storage_mark = tokens != nullptr ? tokens->storage.size() : 0;
  auto fail = [&] {
    out.resize(mark);
    if (tokens != nullptr) {
      tokens->offsets.resize(tokens_mark);
      tokens->storage.resize(storage_mark);
    }
    return npos;
  };
  char lower[k_max_name];
  std::size_t i = from;
  while (true) {
    const std::size_t start = i; // the blanks before an attribute go with it
    while (i < html.size() && is_blank(html[i])) ++i;
    if (i == html.size()) return fail();
    if (html[i] == '>' || (html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>')) {
      const std::size_t gt = html[i] == '>' ? i : i + 1;
      out.append(html, start, gt - start);
      return gt;
    }
    if (i == start || !is_name_start(html[i])) return fail();
    const std::size_t name_begin = i;
    while (i < html.size() && is_name_char(html[i])) ++i;
    const std::size_t name_size = i - name_begin;
    if (name_size > k_max_name) return fail();
    for (std::size_t k = 0; k < name_size; ++k) lower[k] = lower_ascii(html[name_begin + k]);
    std::size_t j = i;
    std::size_t quote = npos; // of a quoted value
    while (j < html.size() && is_blank(html[j])) ++j;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && is_blank(html[j])) ++j;
      if (j == html.size()) return fail();
      if (html[j] == '"' || html[j] == '\'') {
        const std::size_t close = html.find(html[j], j + 1);
        if (close == npos || std::memchr(html.data() + j, '\0', close - j) != nullptr)
          return fail(); // libxml2 stops at a NUL
        quote = j;
        i = close + 1;
      } else {
        const std::size_t value = j;
        for (; j < html.size() && !is_blank(html[j]) && html[j] != '>'; ++j) {
          const char c = html[j];
          if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`' || c == '\0') return fail();
        }
        if (j == value) return fail();
        i = j;
      }
    }
    const std::string_view attribute = html.substr(start, i - start);
    if (reads(tag, std::string_view(lower, name_size))) {
      const std::string_view value =
          quote == npos ? std::string_view() : html.substr(quote + 1, i - quote - 2);
      if (tokens != nullptr && value.size() >= k_min_token_value &&
          value.size() <= k_max_token_value && plain_value(value)) {
        out.append(html, start, quote + 1 - start);
        out += k_token_mark;
        char digits[16];
        const auto written = std::to_chars(digits, digits + sizeof digits, tokens->offsets.size());
        out.append(digits, written.ptr);
        out += html[quote];
        tokens->offsets.push_back(static_cast<std::uint32_t>(tokens->storage.size()));
        tokens->storage.append(value);
        tokens->storage += '\0';
      } else {
        out.append(attribute);
      }
    } else {
      out.append(count_byte(attribute, '\n'), '\n');
    }
  }
}

// Writes to `out` what libxml2 is given for `html`: script and style bodies cut, attributes the
// parser does not read dropped, with `tokens` the values it reads as tokens. False (and `out`
// untouched) when every tag is a bare name and no script or style has a body: the page is then
// given as it is.
bool prepare_for_parser(std::string_view html, std::string& out, TokenValues* tokens) {
  constexpr auto npos = std::string_view::npos;
  if (tokens != nullptr && html.find(k_token_mark) != npos) tokens = nullptr;
  std::size_t copied = 0; // html[0, copied) is settled: in `out`, or nothing was cut yet
  bool cut = false;
  auto settle = [&](std::size_t upto) {
    if (!cut) {
      out.clear();
      out.reserve(html.size());
      cut = true;
    }
    out.append(html, copied, upto - copied);
    copied = upto;
  };
  std::size_t i = 0;
  while (true) {
    std::size_t lt = html.find('<', i);
    if (lt == npos || lt + 1 >= html.size()) break;
    char next = html[lt + 1];
    if (next == '!') {
      if (!html.substr(lt).starts_with("<!--")) {
        i = lt + 2;
        continue;
      }
      std::size_t end = html.find("-->", lt + 4);
      if (end == npos) break;
      i = end + 3;
      continue;
    }
    bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (!letter) {
      i = lt + 1;
      continue;
    }
    std::size_t name_end = lt + 1;
    while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
    const std::string_view tag = html.substr(lt + 1, name_end - lt - 1);
    std::size_t gt = npos;
    if (name_end < html.size() && html[name_end] == '>') {
      gt = name_end;
    } else {
      settle(name_end);
      gt = append_pruned_attributes(html, name_end, tag, out, tokens);
      if (gt != npos) {
        copied = gt;
      } else {
        gt = tag_end(html, name_end);
        if (gt == npos) break;
      }
    }
    i = gt + 1;
    const std::string_view body = iequals(tag, "script")  ? "script"
                                  : iequals(tag, "style") ? "style"
                                                          : "";
    if (body.empty() || html[gt - 1] == '/') continue;
    std::size_t close = raw_text_end(html, i, body);
    std::size_t body_end = close == npos ? html.size() : close;
    settle(i);
    out.append(count_byte(html.substr(i, body_end - i), '\n'), '\n');
    copied = body_end;
    if (close == npos) break;
    i = close + 2 + body.size();
  }
  if (cut) out.append(html, copied);
  return cut;
}

// ---------------------------------------------------------------------------------------------
// The SAX pass

constexpr std::size_t k_max_text = 200; // anchor text and image context, in bytes

// Elements the parser treats specially; everything else is `other`.
enum class Tag : std::uint8_t {
  other,
  a,
  area,
  img,
  input,
  script,
  link,
  iframe,
  frame,
  embed,
  object,
  video,
  audio,
  source,
  form,
  meta,
  base,
  figure,
  figcaption,
  title,
  head,
};

constexpr std::uint8_t k_block = 1;   // starts and ends a line of the visible text
constexpr std::uint8_t k_context = 2; // gives its text as context to the images inside it
constexpr std::uint8_t k_hidden = 4;  // its text is not visible

struct TagInfo {
  Tag tag = Tag::other;
  std::uint8_t flags = 0;
};

// What the parser needs to know about the element `name` (lower-case, as libxml2 reports it).
// Called for every element: a switch on the length keeps it to a few comparisons.
TagInfo classify(std::string_view name) {
  constexpr std::uint8_t block_context = k_block | k_context;
  auto is = [&](std::string_view candidate) { return name == candidate; };
  switch (name.size()) {
  case 1:
    if (is("a")) return {Tag::a, 0};
    if (is("p")) return {Tag::other, block_context};
    break;
  case 2:
    if (is("li") || is("td") || is("th") || is("dd") || is("dt"))
      return {Tag::other, block_context};
    if (is("tr") || is("br") || is("ul") || is("ol") || is("dl") || is("hr"))
      return {Tag::other, k_block};
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return {Tag::other, k_block};
    break;
  case 3:
    if (is("img")) return {Tag::img, 0};
    if (is("div") || is("nav")) return {Tag::other, block_context};
    if (is("pre")) return {Tag::other, k_block};
    break;
  case 4:
    if (is("link")) return {Tag::link, 0};
    if (is("meta")) return {Tag::meta, 0};
    if (is("area")) return {Tag::area, 0};
    if (is("form")) return {Tag::form, k_block};
    if (is("base")) return {Tag::base, 0};
    if (is("head")) return {Tag::head, k_block};
    if (is("body") || is("main")) return {Tag::other, block_context};
    if (is("html")) return {Tag::other, k_block};
    break;
  case 5:
    if (is("input")) return {Tag::input, 0};
    if (is("style")) return {Tag::other, k_hidden};
    if (is("title")) return {Tag::title, k_block};
    if (is("table")) return {Tag::other, k_block};
    if (is("frame")) return {Tag::frame, 0};
    if (is("embed")) return {Tag::embed, 0};
    if (is("video")) return {Tag::video, 0};
    if (is("audio")) return {Tag::audio, 0};
    if (is("aside")) return {Tag::other, block_context};
    break;
  case 6:
    if (is("script")) return {Tag::script, k_hidden};
    if (is("option")) return {Tag::other, k_block};
    if (is("iframe")) return {Tag::iframe, 0};
    if (is("source")) return {Tag::source, 0};
    if (is("object")) return {Tag::object, 0};
    if (is("figure")) return {Tag::figure, k_block};
    if (is("header") || is("footer") || is("center")) return {Tag::other, block_context};
    break;
  case 7:
    if (is("section") || is("article")) return {Tag::other, block_context};
    if (is("caption") || is("address")) return {Tag::other, k_block};
    break;
  case 8:
    if (is("noscript") || is("template")) return {Tag::other, k_hidden};
    if (is("fieldset")) return {Tag::other, k_block};
    break;
  case 10:
    if (is("figcaption")) return {Tag::figcaption, k_block};
    if (is("blockquote")) return {Tag::other, block_context};
    break;
  default:
    break;
  }
  return {};
}

// Meta names whose content is the publication date.
constexpr std::array<std::string_view, 8> k_date_meta = {
    "article:published_time", "og:published_time", "pubdate",         "publishdate",
    "firstpublishedtime",     "dc.date",           "dcterms.created", "published_time",
};

// `text` with runs of whitespace (ASCII, U+00A0, U+3000) turned into one space, trimmed, and
// cut to at most `cap` bytes at a character boundary.
std::string collapse(std::string_view text, std::size_t cap) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size() && out.size() < cap;) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t space = 0;
    if (c <= ' ') {
      space = 1;
    } else if (c == 0xC2 && text.substr(i, 2) == "\u00a0") {
      space = 2;
    } else if (c == 0xE3 && text.substr(i, 3) == "\u3000") {
      space = 3;
    }
    if (space > 0) {
      pending_space = !out.empty();
      i += space;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
    ++i;
  }
  if (out.size() > cap) out.resize(utf8_floor(out, cap));
  // A character cut in the middle by the loop's bound is dropped whole.
  out.resize(valid_utf8_prefix(out));
  return out;
}

// A piece of the page text (already collapsed, lines separated by '\n') as one line: line
// breaks become spaces, the ends are trimmed, and it is cut to `cap` bytes at a character
// boundary. Cheaper than collapse(), which anchors would otherwise pay for on every link.
std::string text_slice(std::string_view text, std::size_t cap) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  std::string out(text.substr(0, utf8_floor(text, cap)));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// True when the line `segment` is nothing but a date label ("发布日期：", "成文日期"), so that
// the date is in the next block (a table cell next to it).
bool is_date_label(std::string_view segment) {
  segment = trim_space(segment);
  if (segment.size() > 48) return false;
  if (segment.ends_with(":")) segment.remove_suffix(1);
  if (segment.ends_with("：")) segment.remove_suffix(3);
  segment = trim_space(segment);
  return segment.ends_with("日期") || segment.ends_with("时间");
}

// One element on the parser's stack.
struct OpenElement {
  const char* name = nullptr; // interned by libxml2, valid for the parse
  Tag tag = Tag::other;
  std::uint8_t flags = 0;
  std::size_t text_begin = 0;       // size of the page text when the element started
  std::size_t images_mark = 0;      // pending images (context blocks) or figure images (figures)
  std::ptrdiff_t link = -1;         // <a>: index of its link in Page::links
  std::ptrdiff_t alt_image = -1;    // <a>: first image inside it with an alt text
  std::ptrdiff_t outer_anchor = -1; // <a>: stack index of the anchor open before it
  std::size_t caption_begin = 0;    // <figure>: text range of its <figcaption>
  std::size_t caption_end = 0;
};

// An image waiting for the end of its enclosing block to get its context.
struct PendingImage {
  std::size_t image = 0;       // index in Page::images
  std::size_t text_offset = 0; // size of the page text when the image was seen
};

// The state of one parse: receives libxml2's SAX events and fills the Page.
class SaxParser {
public:
  SaxParser(Page& page, UrlResolver& resolver, std::string_view document_url,
            const TokenValues* tokens)
      : m_page(page), m_resolver(resolver), m_document_url(document_url), m_tokens(tokens) {}

  void set_context(htmlParserCtxtPtr ctxt) { m_ctxt = ctxt; }
  void start_element(const char* name, const xmlChar** pairs);
  void end_element(const char* name);
  void characters(const char* data, std::size_t length);
  void finish();

  // Runs the callback `body`, keeping any exception away from libxml2's C frames: it is stored,
  // the parser stopped, and the exception rethrown by rethrow_if_failed() after cleanup.
  template <typename Body> void guarded(Body&& body) {
    if (m_error) return;
    try {
      body();
    } catch (...) {
      m_error = std::current_exception();
      xmlStopParser(m_ctxt);
    }
  }
  void rethrow_if_failed() const {
    if (m_error) std::rethrow_exception(m_error);
  }

private:
  std::uint32_t current_line() const {
    if (m_ctxt == nullptr || m_ctxt->input == nullptr || m_ctxt->input->line < 0) return 0;
    return static_cast<std::uint32_t>(m_ctxt->input->line);
  }
  void emit_run(const char* begin, const char* end);
  void flush_segment();
  std::uint32_t current_text_line();
  void close(const OpenElement& element);
  std::ptrdiff_t add_link(std::string_view href, LinkKind kind, std::uint32_t line,
                          std::string_view text = {});
  void add_srcset(std::string_view srcset, std::uint32_t line, std::string_view text);
  void add_meta(const Attributes& attributes, std::uint32_t line);
  void add_image(const Attributes& attributes, std::uint32_t line);
  void handle_links(Tag tag, const Attributes& attributes, std::uint32_t line);
  std::string text_window(std::size_t begin, std::size_t end, std::size_t at) const;

  Page& m_page;
  UrlResolver& m_resolver;
  std::string_view m_document_url;
  htmlParserCtxtPtr m_ctxt = nullptr;
  const TokenValues* m_tokens; // the values behind the pre-pass's tokens
  std::exception_ptr m_error;

  std::vector<OpenElement> m_stack;
  int m_hidden = 0;             // open script/style/noscript/template elements
  int m_head = 0;               // open head elements
  int m_title = 0;              // open title elements
  bool m_title_done = false;    // the first title has been read
  bool m_base_done = false;     // the first <base href> has been honoured
  std::ptrdiff_t m_anchor = -1; // stack index of the innermost open <a>
  int m_figures = 0;            // open figure elements

  bool m_pending_space = false;     // whitespace seen since the last visible character
  std::size_t m_segment_begin = 0;  // start of the current line of text
  std::uint32_t m_segment_line = 0; // source line of its first character, 0 before any
  int m_latest_year = 0;            // year of the last full date seen
  std::size_t m_newline_scan = 0;   // text before this offset has been counted in m_newlines
  std::uint32_t m_newlines = 0;     // line breaks in the page text before m_newline_scan

  std::vector<PendingImage> m_pending_images;
  std::vector<std::size_t> m_figure_images;

  std::string m_url; // resolve() output, reused
  std::string m_fragment;
};

void SaxParser::start_element(const char* name, const xmlChar** pairs) {
  std::uint32_t line = current_line();
  TagInfo info = classify(name);
  Attributes attributes = read_attributes(pairs, m_tokens);
  if (attributes.id != nullptr && *attributes.id != '\0') m_page.ids.emplace_back(attributes.id);
  if ((info.flags & k_block) != 0) flush_segment();

  OpenElement element;
  element.name = name;
  element.tag = info.tag;
  element.flags = info.flags;
  element.text_begin = m_page.text.size();
  if ((info.flags & k_context) != 0) element.images_mark = m_pending_images.size();
  if ((info.flags & k_hidden) != 0) ++m_hidden;

  switch (info.tag) {
  case Tag::head:
    ++m_head;
    break;
  case Tag::title:
    ++m_title;
    break;
  case Tag::figure:
    element.images_mark = m_figure_images.size();
    ++m_figures;
    break;
  case Tag::a:
    if (attributes.name != nullptr && *attributes.name != '\0')
      m_page.ids.emplace_back(attributes.name);
    if (attributes.href != nullptr) {
      element.link = add_link(attributes.href, LinkKind::anchor, line);
      if (element.link >= 0) {
        m_page.links[static_cast<std::size_t>(element.link)].text_line = current_text_line();
      }
    }
    element.outer_anchor = m_anchor;
    m_anchor = static_cast<std::ptrdiff_t>(m_stack.size());
    break;
  case Tag::img:
    add_image(attributes, line);
    break;
  case Tag::meta:
    add_meta(attributes, line);
    break;
  case Tag::base:
    if (!m_base_done && attributes.href != nullptr) {
      m_base_done = true;
      if (m_resolver.resolve(attributes.href, m_url, m_fragment)) {
        m_page.base_href = m_url;
        m_resolver.set_base(m_page.base_href);
      }
    }
    break;
  default:
    handle_links(info.tag, attributes, line);
    break;
  }
  m_stack.push_back(element);
}

// The link-bearing elements without further bookkeeping.
void SaxParser::handle_links(Tag tag, const Attributes& attributes, std::uint32_t line) {
  auto add_if = [&](const char* value, LinkKind kind) {
    if (value != nullptr) add_link(value, kind, line);
  };
  switch (tag) {
  case Tag::area:
    if (attributes.href != nullptr)
      add_link(attributes.href, LinkKind::area, line,
               collapse(attributes.alt != nullptr ? attributes.alt : "", k_max_text));
    break;
  case Tag::input:
    if (attributes.type != nullptr && iequals(trim_space(attributes.type), "image") &&
        attributes.src != nullptr)
      add_link(attributes.src, LinkKind::image, line,
               collapse(attributes.alt != nullptr ? attributes.alt : "", k_max_text));
    break;
  case Tag::script:
    add_if(attributes.src, LinkKind::script);
    break;
  case Tag::link:
    if (attributes.href != nullptr) {
      bool stylesheet = attributes.rel != nullptr &&
                        ifind(attributes.rel, "stylesheet") != std::string_view::npos;
      add_link(attributes.href, stylesheet ? LinkKind::stylesheet : LinkKind::link, line);
    }
    break;
  case Tag::iframe:
    add_if(attributes.src, LinkKind::iframe);
    break;
  case Tag::frame:
    add_if(attributes.src, LinkKind::frame);
    break;
  case Tag::embed:
    add_if(attributes.src, LinkKind::embed);
    break;
  case Tag::object:
    add_if(attributes.data, LinkKind::embed);
    break;
  case Tag::video:
  case Tag::audio:
    add_if(attributes.src, LinkKind::media);
    break;
  case Tag::source:
    add_if(attributes.src, LinkKind::media);
    if (attributes.srcset != nullptr) add_srcset(attributes.srcset, line, {});
    break;
  case Tag::form:
    if (attributes.action != nullptr) {
      // An empty action submits to the document itself.
      std::string_view action = trim_space(attributes.action);
      add_link(action.empty() ? m_document_url : action, LinkKind::form, line);
    }
    break;
  default:
    break;
  }
}

void SaxParser::end_element(const char* name) {
  // libxml2 reports balanced events, but match by name anyway so that a surprise cannot
  // unbalance the stack: close everything above the matching element.
  for (std::size_t i = m_stack.size(); i-- > 0;) {
    if (m_stack[i].name == name || std::strcmp(m_stack[i].name, name) == 0) {
      while (m_stack.size() > i) {
        OpenElement element = m_stack.back();
        m_stack.pop_back();
        close(element);
      }
      return;
    }
  }
}

void SaxParser::close(const OpenElement& element) {
  if ((element.flags & k_block) != 0) flush_segment();
  if ((element.flags & k_hidden) != 0) --m_hidden;
  std::string_view text = m_page.text;
  switch (element.tag) {
  case Tag::head:
    --m_head;
    break;
  case Tag::title:
    --m_title;
    if (!m_title_done) {
      m_title_done = true;
      m_page.title = text_slice(text.substr(element.text_begin), std::string::npos);
    }
    break;
  case Tag::a:
    m_anchor = element.outer_anchor;
    if (element.link >= 0) {
      Link& link = m_page.links[static_cast<std::size_t>(element.link)];
      link.text = text_slice(text.substr(element.text_begin), k_max_text);
      if (link.text.empty() && element.alt_image >= 0)
        link.text =
            collapse(m_page.images[static_cast<std::size_t>(element.alt_image)].alt, k_max_text);
    }
    break;
  case Tag::figcaption:
    for (std::size_t i = m_stack.size(); i-- > 0;) {
      if (m_stack[i].tag == Tag::figure) {
        m_stack[i].caption_begin = element.text_begin;
        m_stack[i].caption_end = text.size();
        break;
      }
    }
    break;
  case Tag::figure: {
    --m_figures;
    std::string caption =
        text_slice(text.substr(element.caption_begin, element.caption_end - element.caption_begin),
                   k_max_text);
    if (!caption.empty()) {
      for (std::size_t i = element.images_mark; i < m_figure_images.size(); ++i)
        m_page.images[m_figure_images[i]].context = caption;
    }
    m_figure_images.resize(element.images_mark);
    break;
  }
  default:
    break;
  }
  if ((element.flags & k_context) != 0) {
    for (std::size_t i = element.images_mark; i < m_pending_images.size(); ++i) {
      Image& image = m_page.images[m_pending_images[i].image];
      if (image.context.empty())
        image.context =
            text_window(element.text_begin, text.size(), m_pending_images[i].text_offset);
    }
    m_pending_images.resize(element.images_mark);
  }
}

// The text of [begin, end) of the page text if short, else about k_max_text bytes around `at`.
std::string SaxParser::text_window(std::size_t begin, std::size_t end, std::size_t at) const {
  std::string_view text = m_page.text;
  if (end - begin > k_max_text) {
    std::size_t start = at > begin + k_max_text / 2 ? at - k_max_text / 2 : begin;
    std::size_t stop = std::min(end, start + k_max_text);
    if (stop - start < k_max_text) start = stop - k_max_text;
    while (start < stop && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
    begin = start;
    end = stop;
  }
  return text_slice(text.substr(begin, end - begin), k_max_text);
}

std::ptrdiff_t SaxParser::add_link(std::string_view href, LinkKind kind, std::uint32_t line,
                                   std::string_view text) {
  // Resolved straight into the new link: one copy of the URL per link, not two.
  Link& link = m_page.links.emplace_back();
  if (!m_resolver.resolve(href, link.url, link.fragment)) {
    m_page.links.pop_back();
    return -1;
  }
  m_page.link_offsets.push_back(static_cast<std::uint32_t>(m_page.text.size()));
  link.text = text;
  link.kind = kind;
  link.line = line;
  return static_cast<std::ptrdiff_t>(m_page.links.size() - 1);
}

// Each candidate URL of a srcset ("a.png 1x, b.png 2x"), following the HTML splitting rules:
// a URL is a run of non-space characters; descriptors run to the next comma.
void SaxParser::add_srcset(std::string_view srcset, std::uint32_t line, std::string_view text) {
  std::size_t i = 0;
  while (i < srcset.size()) {
    while (i < srcset.size() && (is_space(srcset[i]) || srcset[i] == ',')) ++i;
    std::size_t begin = i;
    while (i < srcset.size() && !is_space(srcset[i])) ++i;
    std::string_view url = srcset.substr(begin, i - begin);
    bool ended_by_comma = false;
    while (url.ends_with(',')) {
      url.remove_suffix(1);
      ended_by_comma = true;
    }
    if (!ended_by_comma) {
      int depth = 0;
      for (; i < srcset.size() && (srcset[i] != ',' || depth > 0); ++i) {
        if (srcset[i] == '(') ++depth;
        if (srcset[i] == ')' && depth > 0) --depth;
      }
    }
    if (!url.empty()) add_link(url, LinkKind::srcset, line, text);
  }
}

void SaxParser::add_image(const Attributes& attributes, std::uint32_t line) {
  Image image;
  image.alt = collapse(attributes.alt != nullptr ? attributes.alt : "", std::string::npos);
  image.title = collapse(attributes.title != nullptr ? attributes.title : "", std::string::npos);
  image.line = line;
  std::string link_text = collapse(image.alt.empty() ? image.title : image.alt, k_max_text);
  if (attributes.src != nullptr) {
    std::ptrdiff_t link = add_link(attributes.src, LinkKind::image, line, link_text);
    if (link >= 0) image.url = m_page.links[static_cast<std::size_t>(link)].url;
  }
  if (attributes.srcset != nullptr) add_srcset(attributes.srcset, line, link_text);
  std::size_t index = m_page.images.size();
  m_page.images.push_back(std::move(image));
  m_page.image_offsets.push_back(static_cast<std::uint32_t>(m_page.text.size()));
  m_pending_images.push_back({index, m_page.text.size()});
  if (m_figures > 0) m_figure_images.push_back(index);
  if (m_anchor >= 0) {
    OpenElement& anchor = m_stack[static_cast<std::size_t>(m_anchor)];
    if (anchor.alt_image < 0 && !m_page.images[index].alt.empty())
      anchor.alt_image = static_cast<std::ptrdiff_t>(index);
  }
}

// Parses "5; url=/next" (quotes and spaces optional, "url=" optional) and returns the URL.
std::string_view refresh_target(std::string_view content) {
  std::size_t i = 0;
  while (i < content.size() &&
         (is_space(content[i]) || (content[i] >= '0' && content[i] <= '9') || content[i] == '.'))
    ++i;
  if (i < content.size() && (content[i] == ';' || content[i] == ',')) ++i;
  while (i < content.size() && is_space(content[i])) ++i;
  if (iequals(content.substr(i, 3), "url")) {
    std::size_t j = i + 3;
    while (j < content.size() && is_space(content[j])) ++j;
    if (j < content.size() && content[j] == '=') {
      i = j + 1;
      while (i < content.size() && is_space(content[i])) ++i;
    }
  }
  std::string_view rest = content.substr(i);
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    char quote = rest.front();
    rest.remove_prefix(1);
    rest = rest.substr(0, rest.find(quote));
  }
  return trim_space(rest);
}

void SaxParser::add_meta(const Attributes& attributes, std::uint32_t line) {
  if (attributes.content == nullptr) return;
  std::string_view content = attributes.content;
  if (attributes.http_equiv != nullptr && iequals(trim_space(attributes.http_equiv), "refresh")) {
    std::string_view target = refresh_target(content);
    if (!target.empty()) add_link(target, LinkKind::meta_refresh, line);
  }
  const char* key = attributes.name != nullptr       ? attributes.name
                    : attributes.property != nullptr ? attributes.property
                                                     : attributes.http_equiv;
  if (key == nullptr) return;
  std::string name(trim_space(key));
  for (char& c : name) c = lower_ascii(c);
  for (std::string_view date_name : k_date_meta) {
    if (name != date_name) continue;
    std::vector<DateMention> found;
    find_dates(content, 0, line, found);
    if (!found.empty()) {
      found.front().source = "meta:" + name;
      m_latest_year = found.front().year;
      m_page.dates.push_back(std::move(found.front()));
    }
    break;
  }
  m_page.meta.emplace_back(std::move(name), std::string(content));
}

// The first byte from `p` that may start whitespace: a byte up to ' ', or the lead byte of
// U+00A0 or of U+3000. Sixteen bytes per step: Chinese text has few (its punctuation, U+3001
// and U+3002, shares U+3000's lead byte).
const char* next_space_candidate(const char* p, const char* end) {
  // GCC and Clang vector types: one SSE2 (or NEON) compare per block, on any target.
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  while (end - p >= static_cast<std::ptrdiff_t>(sizeof(Bytes16))) {
    Bytes16 block;
    std::memcpy(&block, p, sizeof block);
    const auto hits = (block <= static_cast<unsigned char>(' ')) |
                      (block == static_cast<unsigned char>(0xC2)) |
                      (block == static_cast<unsigned char>(0xE3));
    std::uint64_t halves[2];
    std::memcpy(halves, &hits, sizeof halves);
    if ((halves[0] | halves[1]) != 0) break;
    p += sizeof(Bytes16);
  }
  return p;
}

void SaxParser::characters(const char* data, std::size_t length) {
  if (m_hidden > 0 || (m_head > 0 && m_title == 0)) return;
  // Collapse whitespace while copying, and find the source line of the first visible
  // character: libxml2's line is where the chunk ends, so count the newlines after it.
  const char* p = data;
  const char* end = data + length;
  int newlines = 0;
  int newlines_before_text = -1;
  while (p < end) {
    const char* run = p;
    while (p < end) {
      p = next_space_candidate(p, end);
      if (p == end) break;
      auto c = static_cast<unsigned char>(*p);
      if (c <= ' ') break;
      if (c == 0xC2 && end - p >= 2 && static_cast<unsigned char>(p[1]) == 0xA0) break;
      if (c == 0xE3 && end - p >= 3 && static_cast<unsigned char>(p[1]) == 0x80 &&
          static_cast<unsigned char>(p[2]) == 0x80)
        break;
      ++p;
    }
    if (p > run) {
      if (newlines_before_text < 0) newlines_before_text = newlines;
      emit_run(run, p);
    }
    while (p < end) {
      auto c = static_cast<unsigned char>(*p);
      if (c <= ' ') {
        newlines += c == '\n' ? 1 : 0;
        ++p;
      } else if (c == 0xC2 && end - p >= 2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        p += 2;
      } else if (c == 0xE3 && end - p >= 3 && static_cast<unsigned char>(p[1]) == 0x80 &&
                 static_cast<unsigned char>(p[2]) == 0x80) {
        p += 3;
      } else {
        break;
      }
      m_pending_space = true;
    }
  }
  if (newlines_before_text >= 0 && m_segment_line == 0) {
    std::uint32_t line = current_line();
    auto after = static_cast<std::uint32_t>(newlines - newlines_before_text);
    m_segment_line = line > after ? line - after : 1;
  }
}

void SaxParser::emit_run(const char* begin, const char* end) {
  std::string& text = m_page.text;
  if (m_pending_space && !text.empty() && text.back() != '\n') text.push_back(' ');
  m_pending_space = false;
  text.append(begin, end);
}

// The index of the line of the page text being written: the text only grows during the parse,
// so the line breaks are counted once, incrementally.
std::uint32_t SaxParser::current_text_line() {
  const std::string& text = m_page.text;
  for (; m_newline_scan < text.size(); ++m_newline_scan) {
    m_newlines += text[m_newline_scan] == '\n' ? 1 : 0;
  }
  return m_newlines;
}

// Ends the current line of text: looks for dates in it (labels and dates split across inline
// elements are on one line by now) and starts a new line.
void SaxParser::flush_segment() {
  std::string& text = m_page.text;
  m_pending_space = false;
  if (text.size() <= m_segment_begin) return;
  std::string_view segment = std::string_view(text).substr(m_segment_begin);
  std::size_t found_before = m_page.dates.size();
  find_dates(segment, m_latest_year, m_segment_line, m_page.dates);
  bool found = m_page.dates.size() > found_before;
  if (found) m_latest_year = m_page.dates.back().year;
  // A lone label keeps its line open so that the date in the next cell finds it. (Decided
  // before the push_back below, which may move the text `segment` points into.)
  bool keep_open = !found && is_date_label(segment);
  if (text.back() != '\n') text.push_back('\n');
  if (!keep_open) {
    m_segment_begin = text.size();
    m_segment_line = 0;
  }
}

void SaxParser::finish() {
  while (!m_stack.empty()) {
    OpenElement element = m_stack.back();
    m_stack.pop_back();
    close(element);
  }
  flush_segment();
  std::size_t text_size = m_page.text.size();
  for (const PendingImage& pending : m_pending_images) {
    Image& image = m_page.images[pending.image];
    if (image.context.empty()) image.context = text_window(0, text_size, pending.text_offset);
  }
  if (!m_page.text.empty() && m_page.text.back() == '\n') m_page.text.pop_back();
  // The offsets promise to stay within the text, which just lost its last newline.
  const auto text_end = static_cast<std::uint32_t>(m_page.text.size());
  for (auto& offset : m_page.link_offsets) offset = std::min(offset, text_end);
  for (auto& offset : m_page.image_offsets) offset = std::min(offset, text_end);
}

// libxml2 callbacks: user data is the SaxParser.

void on_start_element(void* user, const xmlChar* name, const xmlChar** pairs) {
  auto* parser = static_cast<SaxParser*>(user);
  parser->guarded([&] { parser->start_element(reinterpret_cast<const char*>(name), pairs); });
}

void on_end_element(void* user, const xmlChar* name) {
  auto* parser = static_cast<SaxParser*>(user);
  parser->guarded([&] { parser->end_element(reinterpret_cast<const char*>(name)); });
}

void on_characters(void* user, const xmlChar* data, int length) {
  auto* parser = static_cast<SaxParser*>(user);
  if (length <= 0) return;
  parser->guarded([&] {
    parser->characters(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  });
}

// Script and style bodies: never visible text, never links.
void on_cdata(void*, const xmlChar*, int) {}

void on_structured_error(void*, xmlErrorPtr) {}

void on_generic_error(void*, const char*, ...) {}

} // namespace

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

namespace {

// libxml2's HTML parser makes some 2,500 small allocations and reallocations per heavy page
// (attribute value buffers, names, its input copy) and frees every one of them before the parse
// returns: through malloc that was a tenth of a crawl's CPU. While a document is parsed, its
// thread's arena hands them out by bumping a pointer, and the whole arena is reset at the end.
// Outside a parse, on other threads, and once the arena is full, libxml2's memory functions are
// malloc's. Arena blocks are never passed to free(): xmlFree of one is a no-op. The one block
// libxml2 keeps past a parse, its per-thread copy of the last error, is released at the end of
// each parse, so no arena block outlives its parse.
namespace arena {

// A heavy page's parse asks for 270-340 KB in all (less where the newest block grows in
// place); what does not fit goes to malloc, as does a larger document's excess.
constexpr std::size_t k_capacity = std::size_t{256} << 10;
// Each block is preceded by its size; blocks keep malloc's 16-byte alignment.
constexpr std::size_t k_header = 16;

struct State {
  std::byte* storage = nullptr; // k_capacity bytes, allocated at the thread's first parse
  std::size_t used = 0;
  bool active = false; // a document is being parsed on this thread
};
// Trivially destructible, so that libxml2's per-thread cleanup, which runs after C++'s
// thread-local destructors, still finds it (with no storage by then).
thread_local State t_state;
// Frees the storage when the thread ends.
struct Release {
  Release() = default;
  Release(const Release&) = delete;
  Release& operator=(const Release&) = delete;
  ~Release() {
    std::free(t_state.storage);
    t_state.storage = nullptr;
  }
};
thread_local Release t_release;

std::size_t round_up(std::size_t size) {
  return (size + 15) & ~std::size_t{15};
}
std::size_t block_size(const void* pointer) {
  std::size_t size = 0;
  std::memcpy(&size, static_cast<const std::byte*>(pointer) - k_header, sizeof size);
  return size;
}
void set_block_size(void* pointer, std::size_t size) {
  std::memcpy(static_cast<std::byte*>(pointer) - k_header, &size, sizeof size);
}
bool owns(const void* pointer) {
  const auto* bytes = static_cast<const std::byte*>(pointer);
  return t_state.storage != nullptr && bytes >= t_state.storage &&
         bytes < t_state.storage + k_capacity;
}

void* take(std::size_t size) {
  if (t_state.storage == nullptr) {
    t_state.storage = static_cast<std::byte*>(std::malloc(k_capacity));
    if (t_state.storage == nullptr) return nullptr;
    (void)&t_release; // registers the thread's release
  }
  const std::size_t need = k_header + round_up(size);
  if (size > k_capacity || t_state.used + need > k_capacity) return nullptr;
  std::byte* block = t_state.storage + t_state.used + k_header;
  t_state.used += need;
  set_block_size(block, size);
  return block;
}

void* allocate(std::size_t size) {
  if (t_state.active) {
    if (void* block = take(size)) return block;
  }
  return std::malloc(size);
}

// Marks the calling thread's parse: the arena serves libxml2 until the scope ends.
class Scope {
public:
  Scope() { t_state.active = true; }
  ~Scope() {
    xmlResetLastError(); // the thread's copy of the last error may be in the arena
    t_state.active = false;
    t_state.used = 0;
  }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
};

} // namespace arena

void free_hook(void* pointer) {
  if (!arena::owns(pointer)) std::free(pointer);
}

void* malloc_hook(std::size_t size) {
  return arena::allocate(size);
}

void* realloc_hook(void* pointer, std::size_t size) {
  if (pointer == nullptr) return arena::allocate(size);
  if (!arena::owns(pointer)) return std::realloc(pointer, size);
  const std::size_t old_size = arena::block_size(pointer);
  // The newest block grows in place.
  auto* bytes = static_cast<std::byte*>(pointer);
  arena::State& state = arena::t_state;
  if (state.active && bytes + arena::round_up(old_size) == state.storage + state.used &&
      bytes + arena::round_up(size) <= state.storage + arena::k_capacity) {
    state.used = static_cast<std::size_t>(bytes - state.storage) + arena::round_up(size);
    arena::set_block_size(pointer, size);
    return pointer;
  }
  void* moved = arena::allocate(size);
  if (moved != nullptr) std::memcpy(moved, pointer, std::min(old_size, size));
  return moved;
}

char* strdup_hook(const char* text) {
  const std::size_t size = std::strlen(text) + 1;
  void* copy = arena::allocate(size);
  if (copy != nullptr) std::memcpy(copy, text, size);
  return static_cast<char*>(copy);
}

// parse_html on a text known to be valid UTF-8.
void parse_utf8(std::string_view html, Page& page, UrlResolver& resolver) {
  init_html_parser();
  // Errors without a parser context go to the thread's generic handler: keep stderr clean.
  thread_local const bool silenced = [] {
    xmlSetGenericErrorFunc(nullptr, on_generic_error);
    return true;
  }();
  (void)silenced;

  page.title.clear();
  page.text.clear();
  page.meta.clear();
  page.links.clear();
  page.images.clear();
  page.dates.clear();
  page.ids.clear();
  page.base_href.clear();
  page.link_offsets.clear();
  page.image_offsets.clear();

  // Links resolve against the URL the document came from, which is the last redirect's.
  std::string document_url = page.fetch.final_url.empty() ? page.url : page.fetch.final_url;
  resolver.set_base(document_url);

  std::string prepared;
  TokenValues tokens;
  if (prepare_for_parser(html, prepared, &tokens)) html = prepared;
  if (html.size() > static_cast<std::size_t>(INT_MAX))
    html = html.substr(0, utf8_floor(html, INT_MAX));
  if (html.empty()) return;

  page.text.reserve(html.size() / 4);
  page.links.reserve(64);

  SaxParser parser(page, resolver, document_url, &tokens);
  htmlSAXHandler handler;
  std::memset(&handler, 0, sizeof handler);
  handler.startElement = on_start_element;
  handler.endElement = on_end_element;
  handler.characters = on_characters;
  handler.ignorableWhitespace = on_characters;
  handler.cdataBlock = on_cdata;
  handler.serror = on_structured_error;
  handler.initialized = XML_SAX2_MAGIC; // makes libxml2 use serror, which discards errors

  const arena::Scope arena_scope;
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
  if (ctxt == nullptr) throw std::bad_alloc();
  htmlSAXHandlerPtr own_handler = ctxt->sax;
  ctxt->sax = &handler;
  ctxt->userData = &parser;
  parser.set_context(ctxt);
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                               HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
  // The text is UTF-8 already; <meta charset> must not make libxml2 convert it again.
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(ctxt);
  ctxt->sax = own_handler;
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  htmlFreeParserCtxt(ctxt);
  parser.rethrow_if_failed();
  parser.finish();
}

} // namespace

void init_html_parser() {
  // xmlInitParser() is not thread-safe before its first run; a function-local static is.
  static const bool initialized = [] {
    xmlMemSetup(free_hook, malloc_hook, realloc_hook, strdup_hook);
    xmlInitParser();
    return true;
  }();
  (void)initialized;
  // Nothing once libxml2 is initialised; after a global_cleanup (xmlCleanupParser), it is
  // initialised again here, before any arena scope: left to libxml2, the re-initialisation
  // happens lazily inside the next parse, and its global tables (the encoding handlers) come
  // from the arena, which the parse after it overwrites.
  xmlInitParser();
}

std::string prepared_for_parser(std::string_view html, std::vector<std::string>* token_values) {
  std::string out;
  TokenValues tokens;
  if (!prepare_for_parser(html, out, token_values != nullptr ? &tokens : nullptr))
    return std::string(html);
  if (token_values != nullptr) {
    token_values->clear();
    for (const std::uint32_t offset : tokens.offsets)
      token_values->emplace_back(tokens.storage.data() + offset);
  }
  return out;
}

bool reads_attribute(std::string_view tag, std::string_view name) {
  return reads(tag, name);
}

void parse_html(std::string_view html, Page& page, UrlResolver& resolver) {
  // libxml2 would switch to Latin-1 at the first invalid byte and garble the rest.
  std::string sanitized;
  if (valid_utf8_prefix(html) != html.size()) {
    sanitized.reserve(html.size() + 16);
    append_replacing_invalid(html, sanitized);
    html = sanitized;
  }
  parse_utf8(html, page, resolver);
}

void parse_document(std::string&& body, std::string_view content_type, Page& page,
                    UrlResolver& resolver) {
  page.charset = detect_charset(content_type, body, &page.charset_source);
  page.decode_errors = false;
  std::string html;
  if (page.charset == "utf-8" && !body.starts_with(k_utf8_bom) &&
      valid_utf8_prefix(body) == body.size()) {
    html = std::move(body); // most pages: neither a copy nor a second validation
  } else {
    html = decode_to_utf8(body, page.charset, &page.decode_errors);
  }
  body.clear();
  body.shrink_to_fit();
  parse_utf8(html, page, resolver);
}

} // namespace scanner
