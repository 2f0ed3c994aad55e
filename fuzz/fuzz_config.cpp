// Fuzz target: the config reader (app/config.hpp, core/jsonc.hpp) on the text of a config file: the
// JSONC reader with its line index (parse_jsonc, as the assessments file is read) and the settings
// loader with its validation (parse_config, as load_config reads `--config FILE`).
//
// Contracts checked: malformed text is a problem report, never an exception or a crash; every
// problem report starts with the file's name; every line a value is found on is within the text.

#include "fuzz_target.hpp"

#include <app/config.hpp>

#include <algorithm>
#include <core/jsonc.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace {

const std::string k_path = "fuzz.jsonc";

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;

  if (auto document = core::parse_jsonc(text, k_path)) {
    for (const auto& [pointer, line] : document->lines) {
      FUZZ_ASSERT(line >= 1 && line <= lines);
    }
    FUZZ_ASSERT(document->line_of("/sites/0/name") <= lines);
  } else {
    FUZZ_ASSERT(document.error().starts_with(k_path + ":"));
  }

  if (auto options = app::parse_config(text, k_path, app::Settings{}); !options) {
    FUZZ_ASSERT(options.error().starts_with(k_path + ":"));
  }
  return 0;
}
