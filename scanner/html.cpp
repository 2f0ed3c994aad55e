// The driver of parse_html and parse_document: the text is made valid UTF-8 (charset.hpp), given
// to the pre-pass (html_prepass.hpp), then parsed by libxml2 in one streaming SAX pass
// (html_sax.hpp) that fills the Page. The libxml2 parser context lives here alone.

#include <scanner/charset.hpp>
#include <scanner/html.hpp>
#include <scanner/html_attributes.hpp>
#include <scanner/html_prepass.hpp>
#include <scanner/html_sax.hpp>
#include <scanner/html_text.hpp>
#include <scanner/util.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstddef>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace scanner {

namespace {

using html_detail::prepare_for_parser;
using html_detail::sax_handler;
using html_detail::SaxParser;
using html_detail::utf8_floor;

void on_generic_error(void*, const char*, ...) {}

// parse_html on a text known to be valid UTF-8.
void parse_utf8(std::string_view html, Page& page, UrlResolver& resolver) {
  init_html_parser();
  // Errors without a parser context go to the thread's generic handler: keep stderr clean.
  thread_local const bool silenced = [] {
    xmlSetGenericErrorFunc(nullptr, on_generic_error);
    return true;
  }();
  (void)silenced;

  page.title.clear();
  page.text.clear();
  page.meta.clear();
  page.links.clear();
  page.images.clear();
  page.dates.clear();
  page.ids.clear();
  page.base_href.clear();
  page.link_offsets.clear();
  page.image_offsets.clear();

  // Links resolve against the URL the document came from, which is the last redirect's.
  std::string document_url = page.fetch.final_url.empty() ? page.url : page.fetch.final_url;
  resolver.set_base(document_url);

  std::string prepared;
  if (prepare_for_parser(html, prepared)) html = prepared;
  if (html.size() > static_cast<std::size_t>(INT_MAX))
    html = html.substr(0, utf8_floor(html, INT_MAX));
  if (html.empty()) return;

  page.text.reserve(html.size() / 4);
  page.links.reserve(64);

  SaxParser parser(page, resolver, document_url);
  htmlSAXHandler handler = sax_handler();

  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
  if (ctxt == nullptr) throw std::bad_alloc();
  htmlSAXHandlerPtr own_handler = ctxt->sax;
  ctxt->sax = &handler;
  ctxt->userData = &parser;
  parser.set_context(ctxt);
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                               HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
  // The text is UTF-8 already; <meta charset> must not make libxml2 convert it again.
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(ctxt);
  ctxt->sax = own_handler;
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  htmlFreeParserCtxt(ctxt);
  parser.rethrow_if_failed();
  parser.finish();
}

} // namespace

void init_html_parser() {
  // Nothing once libxml2 is initialised; after a global_cleanup (xmlCleanupParser) it
  // initialises libxml2 again, on the calling thread, before the parse.
  xmlInitParser();
}

std::string prepared_for_parser(std::string_view html) {
  std::string out;
  if (!prepare_for_parser(html, out)) return std::string(html);
  return out;
}

bool reads_attribute(std::string_view tag, std::string_view name) {
  return html_detail::reads(tag, name);
}

void parse_html(std::string_view html, Page& page, UrlResolver& resolver) {
  // libxml2 would switch to Latin-1 at the first invalid byte and garble the rest.
  std::string sanitized;
  if (valid_utf8_prefix(html) != html.size()) {
    sanitized.reserve(html.size() + 16);
    append_replacing_invalid(html, sanitized);
    html = sanitized;
  }
  parse_utf8(html, page, resolver);
}

void parse_document(std::string&& body, std::string_view content_type, Page& page,
                    UrlResolver& resolver) {
  page.charset = detect_charset(content_type, body, &page.charset_source);
  page.decode_errors = false;
  std::string html;
  if (is_plain_utf8(body, page.charset)) {
    html = std::move(body); // most pages: neither a copy nor a second validation
  } else {
    html = decode_to_utf8(body, page.charset, &page.decode_errors);
  }
  body.clear();
  body.shrink_to_fit();
  parse_utf8(html, page, resolver);
}

} // namespace scanner
