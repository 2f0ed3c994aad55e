#pragma once
// Charsets of fetched documents: which one a document is in, and its text as UTF-8. Pages of
// Chinese government sites still come in GBK and GB2312 (read as GB18030, as browsers do); the
// parser and every check read UTF-8 only. A valid UTF-8 body, most pages, is neither copied nor
// validated twice (parse_document): decode + parse of a heavy page lost 0.4 M instructions
// that way (callgrind, bench/RESULTS.md session 3).

#include <string>
#include <string_view>

namespace scanner {

// The charset of a document: from the Content-Type header's charset parameter, else from a
// byte-order mark, else from <meta charset> / <meta http-equiv=Content-Type> in the first
// 4 KiB, else "utf-8". Names are lower-case; gb2312, gbk and x-gbk are reported as "gb18030"
// (a superset, as browsers do). `source` receives "header", "bom", "meta" or "default".
std::string detect_charset(std::string_view content_type, std::string_view body,
                           std::string* source);

// Converts `body` from `charset` to UTF-8 with iconv. Undecodable bytes become U+FFFD and set
// `had_errors`; an unknown charset is read as UTF-8 (invalid sequences replaced). A UTF-8 BOM
// is removed. Never throws on bad input.
std::string decode_to_utf8(std::string_view body, std::string_view charset, bool* had_errors);

// Appends `text` to `out` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
// Returns true when something was replaced.
bool append_replacing_invalid(std::string_view text, std::string& out);

// Whether `body`, in `charset` as detect_charset named it, is UTF-8 that can be used as it is:
// valid, without a byte-order mark.
bool is_plain_utf8(std::string_view body, std::string_view charset);

} // namespace scanner
