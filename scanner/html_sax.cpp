#include <scanner/ascii.hpp>
#include <scanner/dates.hpp>
#include <scanner/html_sax.hpp>
#include <scanner/html_text.hpp>

#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scanner::html_detail {

namespace {

// What the parser needs to know about the element `name` (lower-case, as libxml2 reports it).
// Called for every element: a switch on the length keeps it to a few comparisons.
TagInfo classify(std::string_view name) {
  constexpr std::uint8_t block_context = k_block | k_context;
  auto is = [&](std::string_view candidate) { return name == candidate; };
  switch (name.size()) {
  case 1:
    if (is("a")) return {Tag::a, 0};
    if (is("p")) return {Tag::other, block_context};
    break;
  case 2:
    if (is("li") || is("td") || is("th") || is("dd") || is("dt"))
      return {Tag::other, block_context};
    if (is("tr") || is("br") || is("ul") || is("ol") || is("dl") || is("hr"))
      return {Tag::other, k_block};
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return {Tag::other, k_block};
    break;
  case 3:
    if (is("img")) return {Tag::img, 0};
    if (is("div") || is("nav")) return {Tag::other, block_context};
    if (is("pre")) return {Tag::other, k_block};
    break;
  case 4:
    if (is("link")) return {Tag::link, 0};
    if (is("meta")) return {Tag::meta, 0};
    if (is("area")) return {Tag::area, 0};
    if (is("form")) return {Tag::form, k_block};
    if (is("base")) return {Tag::base, 0};
    if (is("head")) return {Tag::head, k_block};
    if (is("body") || is("main")) return {Tag::other, block_context};
    if (is("html")) return {Tag::other, k_block};
    break;
  case 5:
    if (is("input")) return {Tag::input, 0};
    if (is("style")) return {Tag::other, k_hidden};
    if (is("title")) return {Tag::title, k_block};
    if (is("table")) return {Tag::other, k_block};
    if (is("frame")) return {Tag::frame, 0};
    if (is("embed")) return {Tag::embed, 0};
    if (is("video")) return {Tag::video, 0};
    if (is("audio")) return {Tag::audio, 0};
    if (is("aside")) return {Tag::other, block_context};
    break;
  case 6:
    if (is("script")) return {Tag::script, k_hidden};
    if (is("option")) return {Tag::other, k_block};
    if (is("iframe")) return {Tag::iframe, 0};
    if (is("source")) return {Tag::source, 0};
    if (is("object")) return {Tag::object, 0};
    if (is("figure")) return {Tag::figure, k_block};
    if (is("header") || is("footer") || is("center")) return {Tag::other, block_context};
    break;
  case 7:
    if (is("section") || is("article")) return {Tag::other, block_context};
    if (is("caption") || is("address")) return {Tag::other, k_block};
    break;
  case 8:
    if (is("noscript") || is("template")) return {Tag::other, k_hidden};
    if (is("fieldset")) return {Tag::other, k_block};
    break;
  case 10:
    if (is("figcaption")) return {Tag::figcaption, k_block};
    if (is("blockquote")) return {Tag::other, block_context};
    break;
  default:
    break;
  }
  return {};
}

// Meta names whose content is the publication date.
constexpr std::array<std::string_view, 8> k_date_meta = {
    "article:published_time", "og:published_time", "pubdate",         "publishdate",
    "firstpublishedtime",     "dc.date",           "dcterms.created", "published_time",
};

} // namespace

void SaxParser::start_element(const char* name, const xmlChar** pairs) {
  std::uint32_t line = current_line();
  TagInfo info = classify(name);
  Attributes attributes = read_attributes(pairs);
  if (attributes.id != nullptr && *attributes.id != '\0') m_page.ids.emplace_back(attributes.id);
  if ((info.flags & k_block) != 0) flush_segment();

  OpenElement element;
  element.name = name;
  element.tag = info.tag;
  element.flags = info.flags;
  element.text_begin = m_page.text.size();
  if ((info.flags & k_context) != 0) element.images_mark = m_pending_images.size();
  if ((info.flags & k_hidden) != 0) ++m_hidden;

  switch (info.tag) {
  case Tag::head:
    ++m_head;
    break;
  case Tag::title:
    ++m_title;
    break;
  case Tag::figure:
    element.images_mark = m_figure_images.size();
    ++m_figures;
    break;
  case Tag::a:
    if (attributes.name != nullptr && *attributes.name != '\0')
      m_page.ids.emplace_back(attributes.name);
    if (attributes.href != nullptr) {
      element.link = add_link(attributes.href, LinkKind::anchor, line);
      if (element.link >= 0) {
        m_page.links[static_cast<std::size_t>(element.link)].text_line = current_text_line();
      }
    }
    element.outer_anchor = m_anchor;
    m_anchor = static_cast<std::ptrdiff_t>(m_stack.size());
    break;
  case Tag::img:
    add_image(attributes, line);
    break;
  case Tag::meta:
    add_meta(attributes, line);
    break;
  case Tag::base:
    if (!m_base_done && attributes.href != nullptr) {
      m_base_done = true;
      if (m_resolver.resolve(attributes.href, m_url, m_fragment)) {
        m_page.base_href = m_url;
        m_resolver.set_base(m_page.base_href);
      }
    }
    break;
  default:
    handle_links(info.tag, attributes, line);
    break;
  }
  m_stack.push_back(element);
}

// The link-bearing elements without further bookkeeping.
void SaxParser::handle_links(Tag tag, const Attributes& attributes, std::uint32_t line) {
  auto add_if = [&](const char* value, LinkKind kind) {
    if (value != nullptr) add_link(value, kind, line);
  };
  switch (tag) {
  case Tag::area:
    if (attributes.href != nullptr)
      add_link(attributes.href, LinkKind::area, line,
               collapse(attributes.alt != nullptr ? attributes.alt : "", k_max_text));
    break;
  case Tag::input:
    if (attributes.type != nullptr && iequals_ascii(trim_html_space(attributes.type), "image") &&
        attributes.src != nullptr)
      add_link(attributes.src, LinkKind::image, line,
               collapse(attributes.alt != nullptr ? attributes.alt : "", k_max_text));
    break;
  case Tag::script:
    add_if(attributes.src, LinkKind::script);
    break;
  case Tag::link:
    if (attributes.href != nullptr) {
      bool stylesheet = attributes.rel != nullptr &&
                        ifind_ascii(attributes.rel, "stylesheet") != std::string_view::npos;
      add_link(attributes.href, stylesheet ? LinkKind::stylesheet : LinkKind::link, line);
    }
    break;
  case Tag::iframe:
    add_if(attributes.src, LinkKind::iframe);
    break;
  case Tag::frame:
    add_if(attributes.src, LinkKind::frame);
    break;
  case Tag::embed:
    add_if(attributes.src, LinkKind::embed);
    break;
  case Tag::object:
    add_if(attributes.data, LinkKind::embed);
    break;
  case Tag::video:
  case Tag::audio:
    add_if(attributes.src, LinkKind::media);
    break;
  case Tag::source:
    add_if(attributes.src, LinkKind::media);
    if (attributes.srcset != nullptr) add_srcset(attributes.srcset, line, {});
    break;
  case Tag::form:
    if (attributes.action != nullptr) {
      // An empty action submits to the document itself.
      std::string_view action = trim_html_space(attributes.action);
      add_link(action.empty() ? m_document_url : action, LinkKind::form, line);
    }
    break;
  default:
    break;
  }
}

void SaxParser::end_element(const char* name) {
  // libxml2 reports balanced events, but match by name anyway so that a surprise cannot
  // unbalance the stack: close everything above the matching element.
  for (std::size_t i = m_stack.size(); i-- > 0;) {
    if (m_stack[i].name == name || std::strcmp(m_stack[i].name, name) == 0) {
      while (m_stack.size() > i) {
        OpenElement element = m_stack.back();
        m_stack.pop_back();
        close(element);
      }
      return;
    }
  }
}

void SaxParser::close(const OpenElement& element) {
  if ((element.flags & k_block) != 0) flush_segment();
  if ((element.flags & k_hidden) != 0) --m_hidden;
  std::string_view text = m_page.text;
  switch (element.tag) {
  case Tag::head:
    --m_head;
    break;
  case Tag::title:
    --m_title;
    if (!m_title_done) {
      m_title_done = true;
      m_page.title = text_slice(text.substr(element.text_begin), std::string::npos);
    }
    break;
  case Tag::a:
    m_anchor = element.outer_anchor;
    if (element.link >= 0) {
      Link& link = m_page.links[static_cast<std::size_t>(element.link)];
      link.text = text_slice(text.substr(element.text_begin), k_max_text);
      if (link.text.empty() && element.alt_image >= 0)
        link.text =
            collapse(m_page.images[static_cast<std::size_t>(element.alt_image)].alt, k_max_text);
    }
    break;
  case Tag::figcaption:
    for (std::size_t i = m_stack.size(); i-- > 0;) {
      if (m_stack[i].tag == Tag::figure) {
        m_stack[i].caption_begin = element.text_begin;
        m_stack[i].caption_end = text.size();
        break;
      }
    }
    break;
  case Tag::figure: {
    --m_figures;
    std::string caption =
        text_slice(text.substr(element.caption_begin, element.caption_end - element.caption_begin),
                   k_max_text);
    if (!caption.empty()) {
      for (std::size_t i = element.images_mark; i < m_figure_images.size(); ++i)
        m_page.images[m_figure_images[i]].context = caption;
    }
    m_figure_images.resize(element.images_mark);
    break;
  }
  default:
    break;
  }
  if ((element.flags & k_context) != 0) {
    for (std::size_t i = element.images_mark; i < m_pending_images.size(); ++i) {
      Image& image = m_page.images[m_pending_images[i].image];
      if (image.context.empty())
        image.context =
            text_window(element.text_begin, text.size(), m_pending_images[i].text_offset);
    }
    m_pending_images.resize(element.images_mark);
  }
}

// The text of [begin, end) of the page text if short, else about k_max_text bytes around `at`.
std::string SaxParser::text_window(std::size_t begin, std::size_t end, std::size_t at) const {
  std::string_view text = m_page.text;
  if (end - begin > k_max_text) {
    std::size_t start = at > begin + k_max_text / 2 ? at - k_max_text / 2 : begin;
    std::size_t stop = std::min(end, start + k_max_text);
    if (stop - start < k_max_text) start = stop - k_max_text;
    while (start < stop && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
    begin = start;
    end = stop;
  }
  return text_slice(text.substr(begin, end - begin), k_max_text);
}

std::ptrdiff_t SaxParser::add_link(std::string_view href, LinkKind kind, std::uint32_t line,
                                   std::string_view text) {
  // Resolved straight into the new link: one copy of the URL per link, not two.
  Link& link = m_page.links.emplace_back();
  if (!m_resolver.resolve(href, link.url, link.fragment)) {
    m_page.links.pop_back();
    return -1;
  }
  m_page.link_offsets.push_back(static_cast<std::uint32_t>(m_page.text.size()));
  link.text = text;
  link.kind = kind;
  link.line = line;
  return static_cast<std::ptrdiff_t>(m_page.links.size() - 1);
}

// Each candidate URL of a srcset ("a.png 1x, b.png 2x"), following the HTML splitting rules:
// a URL is a run of non-space characters; descriptors run to the next comma.
void SaxParser::add_srcset(std::string_view srcset, std::uint32_t line, std::string_view text) {
  std::size_t i = 0;
  while (i < srcset.size()) {
    while (i < srcset.size() && (is_html_space(srcset[i]) || srcset[i] == ',')) ++i;
    std::size_t begin = i;
    while (i < srcset.size() && !is_html_space(srcset[i])) ++i;
    std::string_view url = srcset.substr(begin, i - begin);
    bool ended_by_comma = false;
    while (url.ends_with(',')) {
      url.remove_suffix(1);
      ended_by_comma = true;
    }
    if (!ended_by_comma) {
      int depth = 0;
      for (; i < srcset.size() && (srcset[i] != ',' || depth > 0); ++i) {
        if (srcset[i] == '(') ++depth;
        if (srcset[i] == ')' && depth > 0) --depth;
      }
    }
    if (!url.empty()) add_link(url, LinkKind::srcset, line, text);
  }
}

void SaxParser::add_image(const Attributes& attributes, std::uint32_t line) {
  Image image;
  image.alt = collapse(attributes.alt != nullptr ? attributes.alt : "", std::string::npos);
  image.title = collapse(attributes.title != nullptr ? attributes.title : "", std::string::npos);
  image.line = line;
  std::string link_text = collapse(image.alt.empty() ? image.title : image.alt, k_max_text);
  if (attributes.src != nullptr) {
    std::ptrdiff_t link = add_link(attributes.src, LinkKind::image, line, link_text);
    if (link >= 0) image.url = m_page.links[static_cast<std::size_t>(link)].url;
  }
  if (attributes.srcset != nullptr) add_srcset(attributes.srcset, line, link_text);
  std::size_t index = m_page.images.size();
  m_page.images.push_back(std::move(image));
  m_page.image_offsets.push_back(static_cast<std::uint32_t>(m_page.text.size()));
  m_pending_images.push_back({index, m_page.text.size()});
  if (m_figures > 0) m_figure_images.push_back(index);
  if (m_anchor >= 0) {
    OpenElement& anchor = m_stack[static_cast<std::size_t>(m_anchor)];
    if (anchor.alt_image < 0 && !m_page.images[index].alt.empty())
      anchor.alt_image = static_cast<std::ptrdiff_t>(index);
  }
}

void SaxParser::add_meta(const Attributes& attributes, std::uint32_t line) {
  if (attributes.content == nullptr) return;
  std::string_view content = attributes.content;
  if (attributes.http_equiv != nullptr &&
      iequals_ascii(trim_html_space(attributes.http_equiv), "refresh")) {
    std::string_view target = refresh_target(content);
    if (!target.empty()) add_link(target, LinkKind::meta_refresh, line);
  }
  const char* key = attributes.name != nullptr       ? attributes.name
                    : attributes.property != nullptr ? attributes.property
                                                     : attributes.http_equiv;
  if (key == nullptr) return;
  std::string name(trim_html_space(key));
  for (char& c : name) c = lower_ascii(c);
  for (std::string_view date_name : k_date_meta) {
    if (name != date_name) continue;
    std::vector<DateMention> found;
    find_dates(content, 0, line, found);
    if (!found.empty()) {
      found.front().source = "meta:" + name;
      m_latest_year = found.front().year;
      m_page.dates.push_back(std::move(found.front()));
    }
    break;
  }
  m_page.meta.emplace_back(std::move(name), std::string(content));
}

void SaxParser::characters(const char* data, std::size_t length) {
  if (m_hidden > 0 || (m_head > 0 && m_title == 0)) return;
  // Collapse whitespace while copying, and find the source line of the first visible
  // character: libxml2's line is where the chunk ends, so count the newlines after it.
  const char* p = data;
  const char* end = data + length;
  int newlines = 0;
  int newlines_before_text = -1;
  while (p < end) {
    const char* run = p;
    while (p < end) {
      p = next_space_candidate(p, end);
      if (p == end) break;
      auto c = static_cast<unsigned char>(*p);
      if (c <= ' ') break;
      if (c == 0xC2 && end - p >= 2 && static_cast<unsigned char>(p[1]) == 0xA0) break;
      if (c == 0xE3 && end - p >= 3 && static_cast<unsigned char>(p[1]) == 0x80 &&
          static_cast<unsigned char>(p[2]) == 0x80)
        break;
      ++p;
    }
    if (p > run) {
      if (newlines_before_text < 0) newlines_before_text = newlines;
      emit_run(run, p);
    }
    while (p < end) {
      auto c = static_cast<unsigned char>(*p);
      if (c <= ' ') {
        newlines += c == '\n' ? 1 : 0;
        ++p;
      } else if (c == 0xC2 && end - p >= 2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        p += 2;
      } else if (c == 0xE3 && end - p >= 3 && static_cast<unsigned char>(p[1]) == 0x80 &&
                 static_cast<unsigned char>(p[2]) == 0x80) {
        p += 3;
      } else {
        break;
      }
      m_pending_space = true;
    }
  }
  if (newlines_before_text >= 0 && m_segment_line == 0) {
    std::uint32_t line = current_line();
    auto after = static_cast<std::uint32_t>(newlines - newlines_before_text);
    m_segment_line = line > after ? line - after : 1;
  }
}

void SaxParser::emit_run(const char* begin, const char* end) {
  std::string& text = m_page.text;
  if (m_pending_space && !text.empty() && text.back() != '\n') text.push_back(' ');
  m_pending_space = false;
  text.append(begin, end);
}

// The index of the line of the page text being written: the text only grows during the parse,
// so the line breaks are counted once, incrementally.
std::uint32_t SaxParser::current_text_line() {
  const std::string& text = m_page.text;
  for (; m_newline_scan < text.size(); ++m_newline_scan) {
    m_newlines += text[m_newline_scan] == '\n' ? 1 : 0;
  }
  return m_newlines;
}

// Ends the current line of text: looks for dates in it (labels and dates split across inline
// elements are on one line by now) and starts a new line.
void SaxParser::flush_segment() {
  std::string& text = m_page.text;
  m_pending_space = false;
  if (text.size() <= m_segment_begin) return;
  std::string_view segment = std::string_view(text).substr(m_segment_begin);
  std::size_t found_before = m_page.dates.size();
  find_dates(segment, m_latest_year, m_segment_line, m_page.dates);
  bool found = m_page.dates.size() > found_before;
  if (found) m_latest_year = m_page.dates.back().year;
  // A lone label keeps its line open so that the date in the next cell finds it. (Decided
  // before the push_back below, which may move the text `segment` points into.)
  bool keep_open = !found && is_date_label(segment);
  if (text.back() != '\n') text.push_back('\n');
  if (!keep_open) {
    m_segment_begin = text.size();
    m_segment_line = 0;
  }
}

void SaxParser::finish() {
  while (!m_stack.empty()) {
    OpenElement element = m_stack.back();
    m_stack.pop_back();
    close(element);
  }
  flush_segment();
  std::size_t text_size = m_page.text.size();
  for (const PendingImage& pending : m_pending_images) {
    Image& image = m_page.images[pending.image];
    if (image.context.empty()) image.context = text_window(0, text_size, pending.text_offset);
  }
  if (!m_page.text.empty() && m_page.text.back() == '\n') m_page.text.pop_back();
  // The offsets promise to stay within the text, which just lost its last newline.
  const auto text_end = static_cast<std::uint32_t>(m_page.text.size());
  for (auto& offset : m_page.link_offsets) offset = std::min(offset, text_end);
  for (auto& offset : m_page.image_offsets) offset = std::min(offset, text_end);
}

namespace {

// libxml2 callbacks: user data is the SaxParser.

void on_start_element(void* user, const xmlChar* name, const xmlChar** pairs) {
  auto* parser = static_cast<SaxParser*>(user);
  parser->guarded([&] { parser->start_element(reinterpret_cast<const char*>(name), pairs); });
}

void on_end_element(void* user, const xmlChar* name) {
  auto* parser = static_cast<SaxParser*>(user);
  parser->guarded([&] { parser->end_element(reinterpret_cast<const char*>(name)); });
}

void on_characters(void* user, const xmlChar* data, int length) {
  auto* parser = static_cast<SaxParser*>(user);
  if (length <= 0) return;
  parser->guarded([&] {
    parser->characters(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  });
}

// Script and style bodies: never visible text, never links.
void on_cdata(void*, const xmlChar*, int) {}

void on_structured_error(void*, xmlErrorPtr) {}

} // namespace

htmlSAXHandler sax_handler() {
  htmlSAXHandler handler;
  std::memset(&handler, 0, sizeof handler);
  handler.startElement = on_start_element;
  handler.endElement = on_end_element;
  handler.characters = on_characters;
  handler.ignorableWhitespace = on_characters;
  handler.cdataBlock = on_cdata;
  handler.serror = on_structured_error;
  handler.initialized = XML_SAX2_MAGIC; // makes libxml2 use serror, which discards errors
  return handler;
}

} // namespace scanner::html_detail
