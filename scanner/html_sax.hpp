#pragma once
// The SAX pass: receives libxml2's events for one document and fills a Page: title, visible text
// (whitespace collapsed, one line per block, hidden elements skipped), links with their kind,
// source line, text and text offset, images with alt, title and context, meta, dates, ids and
// <base href>. Links are resolved through the page's UrlResolver as they are found.
//
// Contract: one SaxParser per parse, on one thread. Callbacks never let an exception reach
// libxml2's C frames: guarded() stores it and stops the parser, rethrow_if_failed() throws it
// after libxml2 has cleaned up. finish() closes what is still open and settles the text.

#include <scanner/html_attributes.hpp>
#include <scanner/page.hpp>
#include <scanner/url.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::html_detail {

// Elements the parser treats specially; everything else is `other`.
enum class Tag : std::uint8_t {
  other,
  a,
  area,
  img,
  input,
  script,
  link,
  iframe,
  frame,
  embed,
  object,
  video,
  audio,
  source,
  form,
  meta,
  base,
  figure,
  figcaption,
  title,
  head,
};

constexpr std::uint8_t k_block = 1;   // starts and ends a line of the visible text
constexpr std::uint8_t k_context = 2; // gives its text as context to the images inside it
constexpr std::uint8_t k_hidden = 4;  // its text is not visible

struct TagInfo {
  Tag tag = Tag::other;
  std::uint8_t flags = 0;
};

// One element on the parser's stack.
struct OpenElement {
  const char* name = nullptr; // interned by libxml2, valid for the parse
  Tag tag = Tag::other;
  std::uint8_t flags = 0;
  std::size_t text_begin = 0;       // size of the page text when the element started
  std::size_t images_mark = 0;      // pending images (context blocks) or figure images (figures)
  std::ptrdiff_t link = -1;         // <a>: index of its link in Page::links
  std::ptrdiff_t alt_image = -1;    // <a>: first image inside it with an alt text
  std::ptrdiff_t outer_anchor = -1; // <a>: stack index of the anchor open before it
  std::size_t caption_begin = 0;    // <figure>: text range of its <figcaption>
  std::size_t caption_end = 0;
};

// An image waiting for the end of its enclosing block to get its context.
struct PendingImage {
  std::size_t image = 0;       // index in Page::images
  std::size_t text_offset = 0; // size of the page text when the image was seen
};

// The state of one parse: receives libxml2's SAX events and fills the Page.
class SaxParser {
public:
  SaxParser(Page& page, UrlResolver& resolver, std::string_view document_url)
      : m_page(page), m_resolver(resolver), m_document_url(document_url) {}

  void set_context(htmlParserCtxtPtr ctxt) { m_ctxt = ctxt; }
  void start_element(const char* name, const xmlChar** pairs);
  void end_element(const char* name);
  void characters(const char* data, std::size_t length);
  void finish();

  // Runs the callback `body`, keeping any exception away from libxml2's C frames: it is stored,
  // the parser stopped, and the exception rethrown by rethrow_if_failed() after cleanup.
  template <typename Body> void guarded(Body&& body) {
    if (m_error) return;
    try {
      body();
    } catch (...) {
      m_error = std::current_exception();
      xmlStopParser(m_ctxt);
    }
  }
  void rethrow_if_failed() const {
    if (m_error) std::rethrow_exception(m_error);
  }

private:
  std::uint32_t current_line() const {
    if (m_ctxt == nullptr || m_ctxt->input == nullptr || m_ctxt->input->line < 0) return 0;
    return static_cast<std::uint32_t>(m_ctxt->input->line);
  }
  void emit_run(const char* begin, const char* end);
  void flush_segment();
  std::uint32_t current_text_line();
  void close(const OpenElement& element);
  std::ptrdiff_t add_link(std::string_view href, LinkKind kind, std::uint32_t line,
                          std::string_view text = {});
  void add_srcset(std::string_view srcset, std::uint32_t line, std::string_view text);
  void add_meta(const Attributes& attributes, std::uint32_t line);
  void add_image(const Attributes& attributes, std::uint32_t line);
  void handle_links(Tag tag, const Attributes& attributes, std::uint32_t line);
  std::string text_window(std::size_t begin, std::size_t end, std::size_t at) const;

  Page& m_page;
  UrlResolver& m_resolver;
  std::string_view m_document_url;
  htmlParserCtxtPtr m_ctxt = nullptr;
  std::exception_ptr m_error;

  std::vector<OpenElement> m_stack;
  int m_hidden = 0;             // open script/style/noscript/template elements
  int m_head = 0;               // open head elements
  int m_title = 0;              // open title elements
  bool m_title_done = false;    // the first title has been read
  bool m_base_done = false;     // the first <base href> has been honoured
  std::ptrdiff_t m_anchor = -1; // stack index of the innermost open <a>
  int m_figures = 0;            // open figure elements

  bool m_pending_space = false;     // whitespace seen since the last visible character
  std::size_t m_segment_begin = 0;  // start of the current line of text
  std::uint32_t m_segment_line = 0; // source line of its first character, 0 before any
  int m_latest_year = 0;            // year of the last full date seen
  std::size_t m_newline_scan = 0;   // text before this offset has been counted in m_newlines
  std::uint32_t m_newlines = 0;     // line breaks in the page text before m_newline_scan

  std::vector<PendingImage> m_pending_images;
  std::vector<std::size_t> m_figure_images;

  std::string m_url; // resolve() output, reused
  std::string m_fragment;
};

// A SAX handler whose callbacks drive the SaxParser given to libxml2 as user data; errors
// discarded (serror, with XML_SAX2_MAGIC), script and style bodies ignored.
htmlSAXHandler sax_handler();

} // namespace scanner::html_detail
