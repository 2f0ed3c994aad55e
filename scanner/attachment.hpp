#pragma once
// Text attachments of the site (.txt, .csv): which URLs they are, and the text-only page model
// the checks that read plain text (privacy) receive for them.

#include <scanner/page.hpp>

#include <string_view>

namespace scanner {

// Whether `url` (absolute, normalised) names a text attachment: its path ends in .txt or .csv
// (any case). The crawler downloads in-scope ones with GET instead of checking them with HEAD.
bool is_text_attachment(std::string_view url);

// Fills `page` (url and fetch already set) as a text attachment from its raw `body`: charset from
// the Content-Type header or a byte-order mark, else UTF-8 when the bytes are valid UTF-8, else
// GB18030 (GBK files are common on government sites); `text` is the decoded file with line ends
// made "\n", so that text line N is line N of the file. Sets `page.attachment`. Returns false,
// leaving `text` empty, when the body looks binary (a NUL byte in its first 4 KiB outside
// UTF-16): such a file is not read.
bool read_text_attachment(std::string_view body, Page& page);

} // namespace scanner
