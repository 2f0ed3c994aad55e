#include <scanner/not_found.hpp>

#include <algorithm>
#include <random>
#include <string_view>

namespace scanner {
namespace {

// Digits are left out: they vary between two renderings of one template (dates, counters).
std::uint64_t hash_line(std::string_view line) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : line) {
    if (c >= '0' && c <= '9') continue;
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::vector<std::uint64_t> line_hashes(std::string_view text) {
  std::vector<std::uint64_t> hashes;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) hashes.push_back(hash_line(text.substr(start, end - start)));
    start = end + 1;
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

} // namespace

NotFoundSignature NotFoundSignature::from_page(const Page& page) {
  NotFoundSignature signature;
  signature.m_lines = line_hashes(page.text);
  return signature;
}

bool NotFoundSignature::matches(const Page& page) const {
  if (m_lines.empty()) return false;
  const auto lines = line_hashes(page.text);
  std::vector<std::uint64_t> shared;
  std::set_intersection(lines.begin(), lines.end(), m_lines.begin(), m_lines.end(),
                        std::back_inserter(shared));
  // Lines only one of the two has: the missing URL echoed back, a request id. A real page,
  // however short, has its own content where the not-found page has its message.
  const std::size_t differing = (lines.size() - shared.size()) + (m_lines.size() - shared.size());
  return shared.size() >= 2 && differing <= 2;
}

std::string random_missing_path() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> digits;
  char text[64];
  std::snprintf(text, sizeof text, "/govaudit-not-found-%012llx.html",
                static_cast<unsigned long long>(digits(device) & 0xffffffffffffull));
  return text;
}

} // namespace scanner
