#include <scanner/attachment.hpp>
#include <scanner/html.hpp>
#include <scanner/url.hpp>

namespace scanner {

bool is_text_attachment(std::string_view url) {
  const std::string extension = url_extension(url);
  return extension == "txt" || extension == "csv";
}

bool read_text_attachment(std::string_view body, Page& page) {
  page.attachment = true;
  page.text.clear();
  std::string source;
  page.charset = detect_charset(page.header("content-type"), body, &source);
  const bool utf16 = page.charset.starts_with("utf-16");
  if (!utf16 && body.substr(0, 4096).find('\0') != std::string_view::npos) return false;
  std::string text = decode_to_utf8(body, page.charset, &page.decode_errors);
  // A file that declares nothing and is not valid UTF-8 was written by a Chinese Windows
  // program: GBK, read as its superset GB18030.
  if (source == "default" && page.decode_errors) {
    page.charset = "gb18030";
    source = "guess";
    text = decode_to_utf8(body, page.charset, &page.decode_errors);
  }
  page.charset_source = source;
  page.text.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      page.text.push_back(text[i]);
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      page.text.push_back('\n'); // an old Mac line end
    }
  }
  return true;
}

} // namespace scanner
