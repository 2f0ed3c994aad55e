#pragma once
// Soft-404 learning: what a host serves for a path that cannot exist, so that pages answered
// with status 200 but showing that same "not found" content can be recognised.

#include <scanner/page.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace scanner {

class NotFoundSignature {
public:
  // The signature of `page`, the host's answer to a random missing path.
  static NotFoundSignature from_page(const Page& page);

  // Whether `page` shows the same content: its text lines (digits ignored) are the not-found
  // page's, give or take two. Template lines (navigation, footer) are shared with real pages
  // too, but a real page has its own content where the not-found page has its message.
  bool matches(const Page& page) const;

private:
  std::vector<std::uint64_t> m_lines; // hashes of the text lines, digits removed, sorted, unique
};

// The random path asked of every crawled host, e.g. "/govaudit-not-found-3f9a1c2e7b.html".
std::string random_missing_path();

} // namespace scanner
