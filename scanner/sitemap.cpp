#include <scanner/sitemap.hpp>

#include <libxml/xmlreader.h>
#include <zlib.h>

#include <cstring>
#include <memory>

namespace scanner {
namespace {

constexpr std::size_t k_max_inflated = 50u << 20;

bool inflate_gzip(std::string_view input, std::string& output) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return false;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  char buffer[65536];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) break;
    output.append(buffer, sizeof buffer - stream.avail_out);
    if (output.size() > k_max_inflated) {
      status = Z_DATA_ERROR;
      break;
    }
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END;
}

std::string trimmed(const xmlChar* text) {
  std::string value = text != nullptr ? reinterpret_cast<const char*>(text) : "";
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = value.find_last_not_of(" \t\r\n");
  return value.substr(first, last - first + 1);
}

} // namespace

SitemapEntries parse_sitemap(std::string_view body) {
  SitemapEntries entries;
  std::string inflated;
  if (body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
      static_cast<unsigned char>(body[1]) == 0x8b) {
    if (!inflate_gzip(body, inflated)) {
      entries.error = "bad gzip data";
      return entries;
    }
    body = inflated;
  }
  std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> reader(
      xmlReaderForMemory(body.data(), static_cast<int>(body.size()), nullptr, nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      &xmlFreeTextReader);
  if (!reader) {
    entries.error = "not XML";
    return entries;
  }
  bool in_loc = false;
  bool saw_root = false;
  int status = 0;
  while ((status = xmlTextReaderRead(reader.get())) == 1) {
    const int type = xmlTextReaderNodeType(reader.get());
    const auto* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
    if (type == XML_READER_TYPE_ELEMENT && name != nullptr) {
      if (!saw_root) {
        saw_root = true;
        entries.is_index = std::strcmp(name, "sitemapindex") == 0;
        if (!entries.is_index && std::strcmp(name, "urlset") != 0) {
          entries.error = std::string("not a sitemap (root element <") + name + ">)";
          return entries;
        }
      }
      in_loc = std::strcmp(name, "loc") == 0;
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      in_loc = false;
    } else if (in_loc && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)) {
      std::string location = trimmed(xmlTextReaderConstValue(reader.get()));
      if (!location.empty()) entries.locations.push_back(std::move(location));
    }
  }
  if (status < 0 && entries.locations.empty()) entries.error = "malformed XML";
  return entries;
}

} // namespace scanner
