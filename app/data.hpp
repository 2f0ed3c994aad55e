#pragma once
// Files govaudit ships beside its binary: the demo site.

#include <filesystem>

namespace app {

// Where the bundled files live: $GOVAUDIT_DATA_DIR, else the source tree it was built from.
std::filesystem::path data_dir();

} // namespace app
