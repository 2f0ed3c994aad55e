#pragma once
// The pre-pass: what libxml2 is given for a page.
//
// libxml2 reads the body of a <script> or <style> a character at a time, only to hand it to
// cdataBlock, which ignores it; and it copies, lower-cases and checks every attribute of every
// tag, though the SAX pass reads fourteen (reads()). Heavy portal pages carry a third of
// their bytes in those bodies (the mega-menu's inline CSS) and half of their attributes are
// class, target, style and the like, so both are cut out before parsing: each body is replaced
// by its line breaks alone, each dropped attribute likewise, which keeps every later source
// line right. The scan follows what libxml2 does in recover mode: a tag starts at '<' and a
// letter and ends at the first '>' outside a quoted attribute value; comments run to "-->"; a
// body ends at "</" and the element's name in any case; "<script ... />" has no body. Where
// the scan cannot tell (an unterminated tag, quote or comment), the rest is left to libxml2 as
// it is; so is a tag whose attributes are anything but a plain list (append_pruned_attributes).
//
// Contract: the prepared text has the same line breaks at the same places as the page (source
// lines of links and dates stay right), and libxml2 reads the prepared text as it reads the page,
// but for the script and style bodies and the attributes reads() rules out (html_attributes.hpp).
// tests/scanner/test_html.cpp checks that reading on odd tags and every fixture page.

#include <string>
#include <string_view>

namespace scanner::html_detail {

// Writes to `out` what libxml2 is given for `html`: script and style bodies cut, attributes the
// parser does not read dropped. False (and `out` untouched) when every tag is a bare name and no
// script or style has a body: the page is then given as it is.
bool prepare_for_parser(std::string_view html, std::string& out);

} // namespace scanner::html_detail
