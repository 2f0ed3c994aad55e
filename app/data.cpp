#include <app/data.hpp>

#include <cstdlib>

namespace app {

std::filesystem::path data_dir() {
  if (const char* dir = std::getenv("GOVAUDIT_DATA_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return GOVAUDIT_SOURCE_DIR;
}

} // namespace app
