#pragma once
// JSON with comments (the syntax of the config, assessments and exceptions files), read without
// exceptions, with the line of every value so that each problem can name where it is.

#include <nlohmann/json.hpp>

#include <core/expected.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace core {

// The whole file at `path`. Fails with `cannot read WHAT "PATH": REASON`, `what` naming the
// file's role ("config file", "assessments file").
Expected<std::string> read_text_file(const std::string& path, std::string_view what);

// A JSON file with comments and the line of each of its values.
struct JsoncDocument {
  nlohmann::json root;
  std::unordered_map<std::string, std::uint32_t> lines; // JSON pointer -> 1-based line
  // The line of the value at `pointer` ("/items/0/lost"), else of its nearest parent, else 1.
  std::uint32_t line_of(std::string pointer) const;
};

// Parses `text`, read from the file `path` (which only names it in the error). Fails with
// `PATH:LINE: REASON` for a syntax error. Never throws.
Expected<JsoncDocument> parse_jsonc(std::string_view text, const std::string& path);

// Reads and parses the file at `path`: read_text_file() then parse_jsonc().
Expected<JsoncDocument> read_jsonc_file(const std::string& path, std::string_view what);

// The JSON text of `value` as problems quote it, cut after `max` characters so that one problem
// stays one readable line.
std::string quote_json(const nlohmann::json& value, std::size_t max = 80);

// `key` as one token of a JSON pointer ("a/b" -> "a~1b").
std::string escape_pointer_token(std::string_view key);

} // namespace core
