// The corpus replay: feeds every file named on the command line (a folder: every file in it,
// recursively, in name order) to the fuzz target it is linked with, compiled without libFuzzer.
// CTest runs it on fuzz/corpus/TARGET, so an input that once broke a target stays a test.
// Exit code: 0 when every input went through, 1 when a file cannot be read or none was found; an
// input that breaks the target aborts it (FUZZ_ASSERT) or trips a sanitizer.

#include "fuzz_target.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The files of `path`: itself, or every regular file under it, sorted.
std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& path) {
  if (!std::filesystem::is_directory(path)) return {path};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

int main(int argc, char** argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  std::size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    for (const std::filesystem::path& file : inputs_of(argv[i])) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        std::cerr << "replay: cannot read " << file.string() << "\n";
        return 1;
      }
      // Read by size: GCC 12 at -O2 sees a null dereference in istreambuf_iterator (-Werror).
      std::string input(static_cast<std::size_t>(std::filesystem::file_size(file)), '\0');
      in.read(input.data(), static_cast<std::streamsize>(input.size()));
      if (in.gcount() != static_cast<std::streamsize>(input.size())) {
        std::cerr << "replay: cannot read " << file.string() << "\n";
        return 1;
      }
      // Echoed before the run: when an input aborts the target, the last line names it.
      std::cerr << "replay: " << file.string() << " (" << input.size() << " bytes)\n";
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
      ++replayed;
    }
  }
  if (replayed == 0) {
    std::cerr << "replay: no input (usage: " << argv[0] << " FILE_OR_FOLDER...)\n";
    return 1;
  }
  std::cout << "replay: " << replayed << " inputs went through\n";
  return 0;
}
