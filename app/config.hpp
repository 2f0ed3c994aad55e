#pragma once
// The config file (JSON with comments): the settings of the table (settings.hpp) and the audited
// sites with their columns and new-media accounts.

#include <app/settings.hpp>

#include <core/expected.hpp>
#include <string>
#include <string_view>

namespace app {

// Reads the config file at `path` (JSON in which // and /* */ comments are allowed) and applies
// the settings it holds over `base`: a key that is present replaces the value of `base`, lists
// and "sites" included; absent keys keep the value of `base`. On failure returns every problem
// found, one per line joined by '\n', each naming the file as `path` spells it, the line and the
// key: `audit.json:12: unknown key "timout" (did you mean "timeout"?)`. An unreadable file gives
// `cannot read config file "x.json": No such file or directory`.
core::Expected<Settings> load_config(const std::string& path, Settings base);

// load_config() for the config text `text` already read from the file `path` (which only names
// it in the problems): the same settings, the same problems. Never throws on malformed text.
core::Expected<Settings> parse_config(std::string_view text, const std::string& path,
                                      Settings base);

} // namespace app
