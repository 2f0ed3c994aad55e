#pragma once
// What every fuzz target defines: libFuzzer's two entry points. The same source is linked with
// libFuzzer (`ci/fuzz`, clang's -fsanitize=fuzzer) to search for crashes, and with replay.cpp
// (any compiler, every build) to feed it the files of its corpus as an ordinary test.
//
// A target states a broken contract with FUZZ_ASSERT, which prints what failed and aborts: to
// libFuzzer an abort is a crash like any other, and the replay test fails on it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Called once before the first input, with the program's arguments (unused here).
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
// Called once per input: `data` holds `size` bytes, no terminating NUL. Returns 0.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

#define FUZZ_ASSERT(condition)                                                                     \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      std::fprintf(stderr, "%s:%d: fuzz contract broken: %s\n", __FILE__, __LINE__, #condition);   \
      std::abort();                                                                                \
    }                                                                                              \
  } while (false)
