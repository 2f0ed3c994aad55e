#include <app/data.hpp>

#include <cstdlib>
#include <fstream>

namespace app {

std::filesystem::path data_dir() {
  if (const char* dir = std::getenv("GOVAUDIT_DATA_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return GOVAUDIT_SOURCE_DIR;
}

scanner::Expected<nlohmann::json> load_default_ruleset() {
  const std::string path = (data_dir() / "rulesets" / "gov-2019.json").string();
  std::ifstream file(path);
  if (!file) return scanner::unexpected("cannot read the ruleset \"" + path + "\"");
  try {
    return nlohmann::json::parse(file, nullptr, true, true);
  } catch (const nlohmann::json::exception& problem) {
    return scanner::unexpected("the ruleset \"" + path + "\" is not valid JSON: " + problem.what());
  }
}

} // namespace app
