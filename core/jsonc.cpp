#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <core/jsonc.hpp>
#include <system_error>
#include <vector>

namespace core {
namespace {

using Json = nlohmann::json;

// Key positions. nlohmann::json does not say where a key was, so this scanner walks the raw text
// (already known to parse) and records the line of every member and array element.

// Appends the UTF-8 encoding of `code_point` to `out`.
void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xc0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xe0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  }
}

std::uint32_t read_hex4(std::string_view text, std::size_t pos) {
  std::uint32_t value = 0;
  if (pos + 4 > text.size()) return 0;
  std::from_chars(text.data() + pos, text.data() + pos + 4, value, 16);
  return value;
}

// Decodes the JSON string starting at the quote `text[pos]`; leaves `pos` after the closing
// quote. Keys must be decoded so that they match the keys nlohmann::json reports.
std::string read_string(std::string_view text, std::size_t& pos) {
  std::string out;
  ++pos;
  while (pos < text.size() && text[pos] != '"') {
    if (text[pos] != '\\' || pos + 1 >= text.size()) {
      out += text[pos++];
      continue;
    }
    char escaped = text[pos + 1];
    pos += 2;
    switch (escaped) {
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case 'u': {
      std::uint32_t code_point = read_hex4(text, pos);
      pos += 4;
      // A high surrogate is followed by "\uDC00"-style low surrogate (the parser checked it).
      if (code_point >= 0xd800 && code_point < 0xdc00 && pos + 6 <= text.size()) {
        std::uint32_t low = read_hex4(text, pos + 2);
        code_point = 0x10000 + ((code_point - 0xd800) << 10) + (low - 0xdc00);
        pos += 6;
      }
      append_utf8(out, code_point);
      break;
    }
    default: // '"', '\\', '/'
      out += escaped;
    }
  }
  ++pos;
  return out;
}

// Maps the JSON pointer of every member and array element in `text` (JSON with comments that
// nlohmann::json accepted) to its 1-based line: the line of the key for members. Iterative, so
// that deep nesting cannot overflow the stack. A repeated key maps to its last occurrence, the
// one nlohmann::json keeps.
std::unordered_map<std::string, std::uint32_t> scan_key_lines(std::string_view text) {
  struct Frame {
    std::string pointer;
    bool is_array = false;
    std::size_t index = 0;  // arrays: index of the current element
    bool expect_key = true; // objects: the next string is a key
    std::string member;     // objects: pointer of the current member
  };
  std::unordered_map<std::string, std::uint32_t> lines;
  std::vector<Frame> stack;
  std::uint32_t line = 1;
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;

  // Records the start of a value and returns its pointer; members were recorded at their key.
  auto begin_value = [&]() -> std::string {
    if (stack.empty()) {
      lines.try_emplace("", line);
      return "";
    }
    Frame& top = stack.back();
    if (!top.is_array) return top.member;
    std::string pointer = top.pointer + "/" + std::to_string(top.index);
    lines.insert_or_assign(pointer, line);
    return pointer;
  };

  while (pos < text.size()) {
    char c = text[pos];
    if (c == '\n') {
      ++line;
      ++pos;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
      ++pos;
    } else if (text.substr(pos, 2) == "//") {
      pos = std::min(text.find('\n', pos), text.size());
    } else if (text.substr(pos, 2) == "/*") {
      std::size_t end = std::min(text.find("*/", pos + 2), text.size());
      line += static_cast<std::uint32_t>(std::count(text.begin() + static_cast<long>(pos),
                                                    text.begin() + static_cast<long>(end), '\n'));
      pos = std::min(end + 2, text.size());
    } else if (c == '"') {
      std::uint32_t start_line = line;
      std::string value = read_string(text, pos);
      if (!stack.empty() && !stack.back().is_array && stack.back().expect_key) {
        Frame& top = stack.back();
        top.member = top.pointer + "/" + escape_pointer_token(value);
        top.expect_key = false;
        lines.insert_or_assign(top.member, start_line);
      } else {
        begin_value();
      }
    } else if (c == '{' || c == '[') {
      std::string pointer = begin_value();
      stack.push_back(Frame{std::move(pointer), c == '[', 0, c == '{', {}});
      ++pos;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++pos;
    } else if (c == ',') {
      if (!stack.empty()) {
        Frame& top = stack.back();
        top.is_array ? static_cast<void>(++top.index) : static_cast<void>(top.expect_key = true);
      }
      ++pos;
    } else {
      // A number or a literal: runs to the next delimiter. A '/' that starts no comment is
      // passed over: it stopped the scan for good (a hang, fuzz/corpus/config/lone-slash).
      begin_value();
      const std::size_t start = pos;
      while (pos < text.size() &&
             std::string_view(" \t\r\n,]}/").find(text[pos]) == std::string_view::npos) {
        ++pos;
      }
      if (pos == start) ++pos;
    }
  }
  return lines;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 3,
// column 5: " prefix: our own prefix names the file and line instead.
std::string parse_error_reason(const Json::parse_error& error) {
  std::string_view message = error.what();
  if (auto colon = message.find(": "); colon != std::string_view::npos) {
    message.remove_prefix(colon + 2);
  }
  return std::string(message);
}

// The line (from 1) of the byte at `offset` of `text`; past its end, the last line.
long line_at(std::string_view text, std::size_t offset) {
  const std::size_t end = std::min(offset, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<long>(end), '\n');
}

} // namespace

Expected<std::string> read_text_file(const std::string& path, std::string_view what) {
  auto failure = [&](int error) {
    return unexpected("cannot read " + std::string(what) + " \"" + path +
                      "\": " + std::generic_category().message(error));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failure(errno);
  std::string text;
  char buffer[65536];
  while (true) {
    ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      int error = errno;
      ::close(fd);
      return failure(error);
    }
    if (count == 0) break;
    text.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(fd);
  return text;
}

std::uint32_t JsoncDocument::line_of(std::string pointer) const {
  while (true) {
    if (auto it = lines.find(pointer); it != lines.end()) return it->second;
    if (pointer.empty()) return 1;
    pointer.erase(pointer.rfind('/'));
  }
}

Expected<JsoncDocument> parse_jsonc(std::string_view text, const std::string& path) {
  // nlohmann reads a NUL byte as the end of the input, and would ignore what follows it.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return unexpected(path + ":" + std::to_string(line_at(text, nul)) +
                      ": a NUL byte: not a text file");
  }
  JsoncDocument document;
  try {
    document.root = Json::parse(text, nullptr, true, true);
  } catch (const Json::parse_error& error) {
    // `byte` counts from 1 and points at the character that failed.
    const long line = line_at(text, error.byte > 0 ? error.byte - 1 : 0);
    return unexpected(path + ":" + std::to_string(line) + ": " + parse_error_reason(error));
  } catch (const Json::out_of_range& error) {
    // A number beyond a double (1e400) is nlohmann's out_of_range (406), not a parse_error: the
    // file's problem all the same (an escaping one ended govaudit; fuzz/corpus/config). It has
    // no position: the line is the first that holds the number as written.
    std::string_view message = error.what();
    if (auto space = message.find("] "); space != std::string_view::npos) {
      message.remove_prefix(space + 2);
    }
    long line = 1;
    if (auto quote = message.find('\''); quote != std::string_view::npos) {
      const std::string_view number = message.substr(quote + 1, message.size() - quote - 2);
      if (auto at = text.find(number); at != std::string_view::npos && !number.empty()) {
        line = line_at(text, at);
      }
    }
    return unexpected(path + ":" + std::to_string(line) + ": " + std::string(message));
  }
  document.lines = scan_key_lines(text);
  return document;
}

Expected<JsoncDocument> read_jsonc_file(const std::string& path, std::string_view what) {
  Expected<std::string> text = read_text_file(path, what);
  if (!text) return unexpected(text.error());
  return parse_jsonc(*text, path);
}

std::string quote_json(const nlohmann::json& value, std::size_t max) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > max) text = text.substr(0, max) + "...";
  return text;
}

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace core
