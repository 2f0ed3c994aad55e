#pragma once
// Files govaudit ships beside its binary: the demo site and the default ruleset.

#include <scanner/expected.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace app {

// Where the bundled files live: $GOVAUDIT_DATA_DIR, else the source tree it was built from.
std::filesystem::path data_dir();

// The default ruleset (rulesets/gov-2019.json under data_dir()), parsed; comments allowed.
// Fails with a message naming the file.
scanner::Expected<nlohmann::json> load_default_ruleset();

} // namespace app
