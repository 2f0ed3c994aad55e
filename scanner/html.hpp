#pragma once
// Decoding and parsing of HTML pages: charset detection and conversion to UTF-8 (charset.hpp,
// included here for the callers), and one streaming pass of libxml2's HTML parser (SAX, recover
// mode, no network) that fills a Page. The parse is split by concern: html.cpp drives libxml2,
// html_prepass.cpp prepares its input, html_sax.cpp handles its events (with html_attributes.hpp
// and html_text.cpp).

#include <scanner/charset.hpp>
#include <scanner/page.hpp>
#include <scanner/url.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace scanner {

// Initialises libxml2 for the parsers (xmlInitParser, which also initialises libxml2 again after
// a global_cleanup). parse_html calls it; global_init does too, so that the first run happens
// before any other thread uses libxml2.
void init_html_parser();

// Parses the UTF-8 document `html` of the page whose URL is `page.url` and fills the parsed
// fields of `page` (title, text, meta, links, images, dates, ids, base_href). `resolver` turns
// references into normalised absolute URLs (its base is set here, honouring <base href>).
// Malformed markup is recovered from, never an error.
void parse_html(std::string_view html, Page& page, UrlResolver& resolver);

// A fetched document from bytes to facts: detect_charset (with `content_type`), decode_to_utf8
// and parse_html, with the charset, its source and decoding errors recorded on `page`. `body`
// is consumed: a valid UTF-8 body is parsed as it is, neither copied nor checked twice.
void parse_document(std::string&& body, std::string_view content_type, Page& page,
                    UrlResolver& resolver);

// What parse_html hands libxml2 for `html`: the bodies of script and style elements and the
// attributes it never reads cut out, every line break kept. Exposed for the tests, which check
// that libxml2 reads it as it reads `html` itself.
std::string prepared_for_parser(std::string_view html);

// Whether parse_html reads the attribute `name` (lower case, as libxml2 reports names) of an
// element named `tag`.
bool reads_attribute(std::string_view tag, std::string_view name);

} // namespace scanner
