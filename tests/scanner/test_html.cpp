#include <scanner/crawler.hpp>
#include <scanner/html.hpp>
#include <scanner/util.hpp>

#include <catch2/catch.hpp>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tests/support/test_support.hpp>
#include <vector>

using scanner::LinkKind;
using scanner::Page;

namespace {

const char* const k_page_url = "http://www.qingshi.gov.cn/zwgk/list/index.html";

std::string read_fixture(const std::string& name) {
  std::string path = std::string(GOVAUDIT_SOURCE_DIR) + "/fixtures/pages/" + name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Page parse(const std::string& html, const std::string& url = k_page_url) {
  Page page;
  page.url = url;
  scanner::UrlResolver resolver;
  scanner::parse_html(html, page, resolver);
  return page;
}

// Detects, decodes and parses a fixture as the crawler will.
Page load(const std::string& name, const std::string& content_type = "text/html") {
  Page page;
  page.url = k_page_url;
  scanner::UrlResolver resolver;
  scanner::parse_document(read_fixture(name), content_type, page, resolver);
  return page;
}

const scanner::Link* find_link(const Page& page, const std::string& url, LinkKind kind) {
  auto it = std::find_if(page.links.begin(), page.links.end(), [&](const scanner::Link& link) {
    return link.url == url && link.kind == kind;
  });
  return it == page.links.end() ? nullptr : &*it;
}

bool has_link_to(const Page& page, const std::string& needle) {
  return std::any_of(page.links.begin(), page.links.end(), [&](const scanner::Link& link) {
    return link.url.find(needle) != std::string::npos;
  });
}

const std::string k_host = "http://www.qingshi.gov.cn";

// libxml2's reading of a document as far as the SAX pass can see it: each element with its
// line and the attributes parse_html reads, the text, script and style bodies left out.
void describe(xmlNodePtr node, std::string& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out += '"';
      out += reinterpret_cast<const char*>(node->content);
      out += '"';
    } else if (node->type == XML_ELEMENT_NODE) {
      const std::string name = reinterpret_cast<const char*>(node->name);
      out += '<' + name + " @" + std::to_string(xmlGetLineNo(node));
      for (xmlAttrPtr attribute = node->properties; attribute != nullptr;
           attribute = attribute->next) {
        const std::string attribute_name = reinterpret_cast<const char*>(attribute->name);
        if (!scanner::reads_attribute(name, attribute_name)) continue;
        xmlChar* value = xmlNodeListGetString(node->doc, attribute->children, 1);
        std::string text = value != nullptr ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
        out += ' ' + attribute_name + '=' + text;
      }
      out += '>';
      if (name != "script" && name != "style") describe(node->children, out);
      out += "</" + name + '>';
    }
  }
}

std::string libxml2_reading(const std::string& html) {
  htmlDocPtr document = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                           HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
  std::string out;
  if (document != nullptr) describe(xmlDocGetRootElement(document), out);
  xmlFreeDoc(document);
  return out;
}

// The pre-pass's text keeps every line break and reads as `html` does.
void check_prepared(const std::string& html) {
  const std::string prepared = scanner::prepared_for_parser(html);
  CHECK(std::count(prepared.begin(), prepared.end(), '\n') ==
        std::count(html.begin(), html.end(), '\n'));
  CHECK(libxml2_reading(prepared) == libxml2_reading(html));
}

} // namespace

TEST_CASE("scanner::detect_charset", "[charset]") {
  auto [content_type, body, charset,
        source] = GENERATE(table<std::string, std::string, std::string, std::string>({
      {"text/html; charset=GBK", "<meta charset=utf-8>", "gb18030", "header"},
      {"text/html;charset=\"UTF-8\"", "", "utf-8", "header"},
      {"text/html; Charset = gb2312", "", "gb18030", "header"},
      {"text/html; charset=utf8", "", "utf-8", "header"},
      {"text/html; charset=Big5", "", "big5", "header"},
      {"text/html; charset=x-unknown-thing", "", "x-unknown-thing", "header"},
      {"text/html", "\xEF\xBB\xBF<html><meta charset=gbk>", "utf-8", "bom"},
      {"", "\xFF\xFE<\0h\0", "utf-16le", "bom"},
      {"", "\xFE\xFF\0<\0h", "utf-16be", "bom"},
      {"text/html", "<html><head><META CHARSET=\"GB2312\">", "gb18030", "meta"},
      {"", "<meta charset='x-gbk'>", "gb18030", "meta"},
      {"", "<meta charset=cp936>", "gb18030", "meta"},
      {"", "<meta charset=GB_2312-80>", "gb18030", "meta"},
      {"", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", "gb18030",
       "meta"},
      {"", "<META HTTP-EQUIV=Content-Type CONTENT=\"text/html;CHARSET=UTF-8\">", "utf-8", "meta"},
      {"", "<meta name=\"keywords\" content=\"charset\"><meta charset=\"gbk\">", "gb18030", "meta"},
      {"", "<html><body>no declaration</body></html>", "utf-8", "default"},
      {"", "", "utf-8", "default"},
      {"", std::string(5000, ' ') + "<meta charset=gbk>", "utf-8", "default"},
  }));
  CAPTURE(content_type, body);
  std::string detected_source;
  CHECK(scanner::detect_charset(content_type, body, &detected_source) == charset);
  CHECK(detected_source == source);
  CHECK(scanner::detect_charset(content_type, body, nullptr) == charset);
}

TEST_CASE("scanner::decode_to_utf8", "[charset]") {
  bool errors = true;

  SECTION("valid UTF-8 is returned unchanged") {
    CHECK(scanner::decode_to_utf8("政府 <a>", "utf-8", &errors) == "政府 <a>");
    CHECK_FALSE(errors);
  }

  SECTION("a UTF-8 byte order mark is removed") {
    CHECK(scanner::decode_to_utf8("\xEF\xBB\xBFok", "utf-8", &errors) == "ok");
    CHECK_FALSE(errors);
  }

  SECTION("invalid UTF-8 is replaced") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"a\xFF"
         "b",
         "a\uFFFD"
         "b"},
        {"\xC0\xAF", "\uFFFD\uFFFD"},                     // overlong '/'
        {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},           // surrogate
        {"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"}, // beyond U+10FFFF
        {"中\xE4\xB8", "中\uFFFD\uFFFD"},                 // cut at the end
        {"\x80政", "\uFFFD政"},
    }));
    CAPTURE(input);
    CHECK(scanner::decode_to_utf8(input, "utf-8", &errors) == expected);
    CHECK(errors);
  }

  SECTION("GB18030 covers GBK and GB2312") {
    CHECK(scanner::decode_to_utf8("\xD6\xD0\xCE\xC4 ok", "gb18030", &errors) == "中文 ok");
    CHECK_FALSE(errors);
    CHECK(scanner::decode_to_utf8("\xD6\xD0\xCE\xC4", "GBK", &errors) == "中文");
  }

  SECTION("undecodable GB18030 bytes become U+FFFD") {
    CHECK(scanner::decode_to_utf8("\xD6\xD0\xFF\xCE\xC4", "gb18030", &errors) == "中\uFFFD文");
    CHECK(errors);
    CHECK(scanner::decode_to_utf8("\xD6\xD0\xD6", "gb18030", &errors) == "中\uFFFD");
    CHECK(errors);
  }

  SECTION("UTF-16 with a byte order mark") {
    CHECK(scanner::decode_to_utf8(std::string("\xFF\xFE<\0\x2D\x4E", 6), "utf-16le", &errors) ==
          "<中");
    CHECK(scanner::decode_to_utf8(std::string("\xFE\xFF\0<\x4E\x2D", 6), "utf-16be", &errors) ==
          "<中");
    CHECK_FALSE(errors);
  }

  SECTION("single-byte charsets") {
    CHECK(scanner::decode_to_utf8("caf\xE9", "iso-8859-1", &errors) == "café");
    CHECK_FALSE(errors);
  }

  SECTION("an unknown charset is read as UTF-8") {
    CHECK(scanner::decode_to_utf8("政府", "x-no-such-charset", &errors) == "政府");
    CHECK_FALSE(errors);
    CHECK(scanner::decode_to_utf8("a\xFF", "x-no-such-charset", &errors) == "a\uFFFD");
    CHECK(errors);
  }

  SECTION("arbitrary bytes never crash and always give valid UTF-8") {
    std::uint32_t state = 12345;
    for (const char* charset : {"utf-8", "gb18030", "utf-16le", "big5", "shift_jis"}) {
      for (int round = 0; round < 50; ++round) {
        std::string input;
        for (int i = 0; i < 97; ++i) {
          state = state * 1103515245 + 12345;
          input.push_back(static_cast<char>(state >> 16));
        }
        std::string output = scanner::decode_to_utf8(input, charset, &errors);
        // Re-decoding valid UTF-8 changes nothing and reports nothing.
        bool again = true;
        CHECK(scanner::decode_to_utf8(output, "utf-8", &again) == output);
        CHECK_FALSE(again);
      }
    }
  }
}

TEST_CASE("scanner::parse_html charset fixtures", "[html][charset]") {
  SECTION("GBK page with a meta charset and no header charset") {
    Page page = load("gbk_meta.html");
    CHECK(page.charset == "gb18030");
    CHECK(page.charset_source == "meta");
    CHECK_FALSE(page.decode_errors);
    CHECK(page.title == "青石区人民政府门户网站");
    const scanner::Link* link = find_link(page, k_host + "/zwgk/", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == "政府信息公开");
    CHECK(link->line == 9);
    REQUIRE(page.dates.size() == 1);
    CHECK(page.dates[0].label == "发布时间");
  }

  SECTION("GB2312 page with the charset in the Content-Type header") {
    Page page = load("gb2312_header.html", "text/html; charset=GB2312");
    CHECK(page.charset == "gb18030");
    CHECK(page.charset_source == "header");
    CHECK(page.title == "通知公告");
    const scanner::Link* link = find_link(page, k_host + "/tzgg/", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == "通知公告栏目");
  }

  SECTION("UTF-8 page with a byte order mark") {
    Page page = load("utf8_bom.html");
    CHECK(page.charset == "utf-8");
    CHECK(page.charset_source == "bom");
    CHECK(page.title == "带字节序标记的页面");
    CHECK(find_link(page, k_host + "/bom/", LinkKind::anchor) != nullptr);
  }

  SECTION("invalid bytes are replaced and the page still parses") {
    Page page = load("invalid_utf8.html");
    CHECK(page.decode_errors);
    CHECK(page.title == "坏字节\uFFFD页面");
    CHECK(page.text.find("前文 \uFFFD\uFFFD 中间") != std::string::npos);
    const scanner::Link* link = find_link(page, k_host + "/ok.html", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == "正常链接");
  }

  SECTION("invalid UTF-8 handed straight to the parser") {
    Page page = parse(read_fixture("invalid_utf8.html"));
    CHECK(page.title == "坏字节\uFFFD页面");
    CHECK(find_link(page, k_host + "/ok.html", LinkKind::anchor) != nullptr);
  }

  SECTION("a meta charset in an already decoded page is ignored") {
    Page page = parse("<html><head><meta charset=gbk><title>中文标题</title></head></html>");
    CHECK(page.title == "中文标题");
  }
}

TEST_CASE("scanner::parse_html link kinds", "[html]") {
  static const Page page = load("links.html");
  auto [url, kind, line, text] = GENERATE(table<std::string, LinkKind, std::uint32_t, std::string>({
      {"/css/main.css", LinkKind::stylesheet, 8, ""},
      {"/favicon.ico", LinkKind::link, 9, ""},
      {"/css/alt.css", LinkKind::stylesheet, 10, ""},
      {"/js/app.js", LinkKind::script, 11, ""},
      {"/refreshed.html", LinkKind::meta_refresh, 13, ""},
      {"/zwgk/list/news/", LinkKind::anchor, 17, "新闻 中心"},
      {"/zwgk/index.html", LinkKind::anchor, 18, "信息公开"},
      {"/logo/", LinkKind::anchor, 19, "青石区政府"},
      {"/images/logo.png", LinkKind::image, 19, "青石区政府"},
      {"/zwgk/list/index.html?page=2&size=10", LinkKind::anchor, 20, "下一页"},
      {"/area/1.html", LinkKind::area, 24, "区域一"},
      {"/images/a.png", LinkKind::image, 25, "图一"},
      {"/images/a-2x.png", LinkKind::srcset, 25, "图一"},
      {"/images/a-3x.png", LinkKind::srcset, 25, "图一"},
      {"/images/b.webp", LinkKind::srcset, 26, ""},
      {"/images/b2.webp", LinkKind::srcset, 26, ""},
      {"/images/b.png", LinkKind::image, 26, "图二"},
      {"/images/submit.png", LinkKind::image, 27, "提交"},
      {"/frames/inner.html", LinkKind::iframe, 28, ""},
      {"/media/movie.swf", LinkKind::embed, 29, ""},
      {"/media/doc.pdf", LinkKind::embed, 30, ""},
      {"/media/v.mp4", LinkKind::media, 31, ""},
      {"/media/v.webm", LinkKind::media, 31, ""},
      {"/media/a.mp3", LinkKind::media, 32, ""},
      {"/search", LinkKind::form, 33, ""},
      {"/zwgk/list/index.html", LinkKind::form, 34, ""},
      {"/noscript.html", LinkKind::anchor, 36, ""},
  }));
  CAPTURE(url);
  const scanner::Link* link = find_link(page, k_host + url, kind);
  REQUIRE(link != nullptr);
  CHECK(link->line == line);
  CHECK(link->text == text);
}

TEST_CASE("scanner::parse_html links.html details", "[html]") {
  Page page = load("links.html");

  SECTION("the fragment is split off") {
    const scanner::Link* link = find_link(page, k_host + "/zwgk/index.html", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->fragment == "list");
  }

  SECTION("no links from mailto, javascript, scripts and styles") {
    CHECK_FALSE(has_link_to(page, "office@"));
    CHECK_FALSE(has_link_to(page, "void"));
    CHECK_FALSE(has_link_to(page, "in-script"));
    CHECK_FALSE(has_link_to(page, "not-a-link"));
    CHECK(page.links.size() == 27);
  }

  SECTION("title, meta and ids") {
    CHECK(page.title == "链接 测试&页面");
    using Meta = std::pair<std::string, std::string>;
    CHECK(page.meta == std::vector<Meta>{{"description", "各类链接"},
                                         {"og:title", "OG 标题"},
                                         {"refresh", "30; url='/refreshed.html'"}});
    CHECK(page.ids == std::vector<std::string>{"top", "anchor-a"});
  }

  SECTION("visible text leaves out scripts, styles and noscript") {
    CHECK(page.text == "链接 测试&页面\n导航：新闻 中心 信息公开\n下一页 写信 打印");
  }

  SECTION("images") {
    REQUIRE(page.images.size() == 3);
    CHECK(page.images[1].url == k_host + "/images/a.png");
    CHECK(page.images[1].alt == "图一");
    CHECK(page.images[1].title == "标题一");
    CHECK(page.images[1].line == 25);
  }
}

TEST_CASE("scanner::parse_html frames", "[html]") {
  Page page = load("frames.html");
  CHECK(find_link(page, k_host + "/zwgk/list/left.html", LinkKind::frame) != nullptr);
  CHECK(find_link(page, k_host + "/zwgk/list/right.html", LinkKind::frame) != nullptr);
}

TEST_CASE("scanner::parse_html base href", "[html]") {
  SECTION("the first base is honoured") {
    Page page = load("base.html");
    CHECK(page.base_href == "http://static.example.gov.cn/root/sub/");
    auto [url, text] = GENERATE(table<std::string, std::string>({
        {"http://static.example.gov.cn/root/sub/page.html", "相对"},
        {"http://static.example.gov.cn/root/up.html", "上级"},
        {"http://static.example.gov.cn/abs.html", "绝对"},
        {"http://static.example.gov.cn/root/sub/", "片段"},
    }));
    const scanner::Link* link = find_link(page, url, LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == text);
  }

  SECTION("a relative base resolves against the page") {
    Page page = parse("<base href=\"../static/\"><a href=\"x.html\">x</a>");
    CHECK(page.base_href == k_host + "/zwgk/static/");
    CHECK(find_link(page, k_host + "/zwgk/static/x.html", LinkKind::anchor) != nullptr);
  }

  SECTION("links resolve against the final URL after redirects") {
    Page page;
    page.url = k_page_url;
    page.fetch.final_url = "http://www.qingshi.gov.cn/moved/here.html";
    scanner::UrlResolver resolver;
    scanner::parse_html("<a href=\"next.html\">next</a>", page, resolver);
    CHECK(find_link(page, k_host + "/moved/next.html", LinkKind::anchor) != nullptr);
  }
}

TEST_CASE("scanner::parse_html malformed markup", "[html]") {
  Page page = load("malformed.html");
  CHECK(page.title == "残缺页面");
  auto [url, line, text] = GENERATE(table<std::string, std::uint32_t, std::string>({
      {"/one.html", 7, "第一"},
      {"/two.html", 8, "第二"},
      {"/three.html", 11, "第三"},
      {"/four.html", 11, "第四"},
      {"/five.html", 12, "第五"},
  }));
  const scanner::Link* link = find_link(page, k_host + url, LinkKind::anchor);
  REQUIRE(link != nullptr);
  CHECK(link->line == line);
  CHECK(link->text == text);
  CHECK(find_link(page, k_host + "/images/broken.png", LinkKind::image) != nullptr);
  // The string in the script must not become a link, nor its "</div>" close anything.
  CHECK_FALSE(has_link_to(page, "no.html"));
  CHECK(page.text.find("结尾文本 <不是标签> & 完") != std::string::npos);
}

// Script and style bodies are cut before libxml2 sees them (a speed-up); whatever the markup
// around them, the links, their lines and the text must be what libxml2 finds in the whole page.
TEST_CASE("scanner::parse_html script and style bodies", "[html]") {
  using Expected = std::vector<std::pair<std::string, std::uint32_t>>; // path, line
  auto [html, expected] = GENERATE(table<std::string, Expected>({
      // "<script>" inside an attribute value or a comment opens nothing.
      {"<body>\n<a title=\"<script>\" href=\"/a\">a</a>\n<a href=\"/b\">b</a>",
       {{"/a", 2}, {"/b", 3}}},
      {"<body>\n<!-- <script> -->\n<a href=\"/c\">c</a>", {{"/c", 3}}},
      // A self-closed script has no body; "/js/" is an unquoted value, not a self-closing tag.
      {"<head><script src=\"/x.js\"/>\n<a href=\"/d\">d</a>", {{"/x.js", 1}, {"/d", 2}}},
      {"<body><script src=/js/>\n<a href=\"/l\">l</a></script><a href=\"/m\">m</a>",
       {{"/js/", 1}, {"/m", 2}}},
      // Bodies in any case, with markup and '>' inside; the lines after them stay right.
      {"<head><SCRIPT type=\"text/javascript\">\nvar a = \"<a href='/no'>\";\n\n</SCRIPT >"
       "<style media=\"a>b\">\n.x{}\n</STYLE></head><body>\n<a href=\"/e\">e</a>",
       {{"/e", 7}}},
      // The body ends at "</script" only, not at another end tag or a split one.
      {"<body><script>document.write(\"</scr\" + \"ipt><a href=/j>j</a>\")</script>\n"
       "<a href=\"/k\">k</a>",
       {{"/k", 2}}},
      // An unterminated body runs to the end of the page.
      {"<body><a href=\"/f\">f</a><script>\nvar x = 1;\n<a href=\"/g\">", {{"/f", 1}}},
      // <scripts> is no script; </styles> ends the style, as libxml2 has it.
      {"<body><scripts><a href=\"/h\">h</a></scripts><style>p{}</styles><a href=\"/n\">n</a>"
       "</style>\n<a href=\"/i\">i</a>",
       {{"/h", 1}, {"/i", 2}}},
      // Quotes inside a value of the other kind, and a tag that a stray '<' interrupts.
      {"<body><a href=\"/o\" title='it\"s'>o</a><script>\n</script>\n<a href=\"/p\">p</a>",
       {{"/o", 1}, {"/p", 3}}},
      {"<body><div data-x=\"a\" <script>x</script>\n<a href=\"/q\">q</a>", {{"/q", 2}}},
  }));
  CAPTURE(html);
  check_prepared(html);
  Page page = parse(html);
  Expected found;
  for (const auto& link : page.links) found.emplace_back(link.url.substr(k_host.size()), link.line);
  CHECK(found == expected);
  CHECK(page.text.find("var") == std::string::npos);
}

// What libxml2 is given has the script and style bodies and the unread attributes cut (a
// speed-up). Whatever the markup, libxml2 must read it as it reads the page itself: the same
// elements on the same lines, the same attributes the parser reads, the same text.
TEST_CASE("scanner::prepared_for_parser reads as the page does", "[html]") {
  SECTION("attributes") {
    auto html = GENERATE(
        as<std::string>{}, "<p class=\"x\">t<a href=\"/q\" target=\"_blank\" title=\"t\">q</a></p>",
        "<a href=\"/a\"class=\"x\">a</a>", "<a class=\"x\"href=\"/a\">a</a>",
        "<a class=x\"y href=\"/a\">a</a>", "<a class = \"x\" href = '/a' >a</a>",
        "<a\nclass=\"x\"\nhref=\"/a\"\n>a</a>\n<b>b</b>",
        "<img src=\"/i.png\" style=\"a>b\" alt=\"x\">", "<a href=\"/a\" class>t</a>",
        "<a href=\"/a\" class=>t</a>", "<A HREF=\"/a\" CLASS=\"x\" TiTlE=\"T\">a</A>",
        "<a data-x=\"1\" data=\"/d\">d</a>", "<a title=\"t\" class=\"c\" title=\"u\">a</a>",
        "<a href=\"/a\" / >a</a>", "<br class=\"x\"/><hr class=x />",
        "<a href=\"/a\" onclick=\"if(a<b)x()\">a</a>", "<a href='/a' class='it\"s'>a</a>",
        "<a class=\"x\"/href=\"/b\">b</a>", "<a href=/a/ class=c>a</a>",
        "<a class=\"x\" href=\"/y\"", "<meta name=\"k\" content=\"v\" class=\"x\">",
        "<a 1abc=\"x\" href=\"/a\">a</a>", std::string("<a class=\"x\0\" href=\"/a\">a</a>", 29),
        "<a href=\"/a\" class=\"x\ny\">a\nb</a>", "<a href=\"/a\" class=\"&quot;\">a</a>",
        "<a href=\"/a\" class=`x`>a</a>", "<a href=\"/a\" cl<ass=\"x\">a</a>",
        "<div\tclass=\"x\"\r\nid=\"y\">\f<span lang=zh-CN>z</span></div>",
        "<input type=\"text\" value=\"a b\" name=\"q\" placeholder=\"搜索\">",
        "<a href=\"/a\" class=\"x\" <b>b</b>", "<a href=\"/a\" =\"x\">a</a>",
        "<a href=\"/a\" x-very-long-attribute-name-beyond-any-read-one=\"1\">a</a>",
        "<html lang=\"zh\"><body class=\"b\"><html class=\"again\" id=\"h\">x</html>",
        "<script class=\"x\" src=\"/s.js\">var a = '<a href=/no>';</script><a href=/b>b</a>",
        "<style media=\"x\" class=y>p{}</style><a class=z href=/c>c</a>",
        "<script/class=\"x\">var a;</script><a href=/d>d</a>",
        "<a href=\"/long/path.html\" class=x>a</a><img src='/img/地图.png' alt=\"区位示意图\">",
        "<a href=\"/q?a=1&amp;b=2\" class=x>a</a>", "<a href=\"/line/\nbreak.html\" x=1>a</a>",
        "<a href=\"/tab\t/ctrl\x01.html\" x=1>a</a>", "<a href=\"/\x7F/mark.html\" x=1>a</a>",
        "<a href=\"/a.html\" href=\"/second.html\" class=x>a</a>");
    CAPTURE(html);
    check_prepared(html);
  }

  SECTION("the fixtures' pages") {
    int pages = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::string(GOVAUDIT_SOURCE_DIR) + "/fixtures")) {
      if (!entry.is_regular_file() || entry.path().extension() != ".html") continue;
      const std::string html = test_support::read_file(entry.path().string());
      if (scanner::valid_utf8_prefix(html) != html.size()) continue; // libxml2 would guess
      CAPTURE(entry.path().string());
      check_prepared(html);
      ++pages;
    }
    CHECK(pages > 50);
  }
}

TEST_CASE("scanner::parse_html escaped script in the title", "[html]") {
  Page page = load("script_title.html");
  CHECK(page.title == "<script>alert(1)</script>");
  CHECK(page.text == "<script>alert(1)</script>\n正文");
}

TEST_CASE("scanner::parse_html anchor text", "[html]") {
  SECTION("whitespace and entities") {
    Page page = parse("<a href=\"/a?x=1&amp;y=2\">\n  一\t&nbsp; 二 <b>三</b>\u3000四 </a>");
    const scanner::Link* link = find_link(page, k_host + "/a?x=1&y=2", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == "一 二 三 四");
  }

  SECTION("the alt of an image when there is no text") {
    Page page = parse("<a href=\"/a\"><img src=\"/i.png\"><img src=\"/j.png\" alt=\" 地图 \"></a>");
    const scanner::Link* link = find_link(page, k_host + "/a", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == "地图");
  }

  SECTION("capped at 200 bytes on a character boundary") {
    std::string long_text;
    for (int i = 0; i < 100; ++i) long_text += "政";
    Page page = parse("<a href=\"/a\">" + long_text + "</a>");
    REQUIRE(page.links.size() == 1);
    CHECK(page.links[0].text.size() == 198);
    CHECK(page.links[0].text == long_text.substr(0, 198));
  }

  SECTION("upper-case tags and attributes") {
    Page page = parse("<A HREF='/UP.html'>大写</A>");
    const scanner::Link* link = find_link(page, k_host + "/UP.html", LinkKind::anchor);
    REQUIRE(link != nullptr);
    CHECK(link->text == "大写");
  }
}

TEST_CASE("scanner::parse_html meta refresh", "[html]") {
  auto [content, url] = GENERATE(table<std::string, std::string>({
      {"0; url=/a.html", "/a.html"},
      {"0;URL='/b.html'", "/b.html"},
      {"5 ; url = /c.html", "/c.html"},
      {"0,/d.html", "/d.html"},
      {"3;url=http://other.example.gov.cn/", "http://other.example.gov.cn/"},
  }));
  CAPTURE(content);
  Page page = parse("<meta http-equiv=\"Refresh\" content=\"" + content + "\">");
  std::string expected = url.starts_with("http") ? url : k_host + url;
  CHECK(find_link(page, expected, LinkKind::meta_refresh) != nullptr);
}

TEST_CASE("scanner::parse_html meta refresh without a URL", "[html]") {
  Page page = parse("<meta http-equiv=\"refresh\" content=\"30\">");
  CHECK(page.links.empty());
}

TEST_CASE("scanner::parse_html image context", "[html]") {
  SECTION("the figcaption of the enclosing figure") {
    Page page = parse("<div><p>周边文字</p><figure><div><img src=\"/map.png\" alt=\"位置\"></div>"
                      "<figcaption>青石区行政区划图</figcaption></figure></div>");
    REQUIRE(page.images.size() == 1);
    CHECK(page.images[0].context == "青石区行政区划图");
  }

  SECTION("the text of the nearest block") {
    Page page = parse("<div>外层<p>办公地点示意 <img src=\"/a.png\"> 见上图</p></div>");
    REQUIRE(page.images.size() == 1);
    CHECK(page.images[0].context == "办公地点示意 见上图");
  }

  SECTION("a figure without caption falls back to the block") {
    Page page = parse("<td>单元格文字<figure><img src=\"/a.png\"></figure></td>");
    REQUIRE(page.images.size() == 1);
    CHECK(page.images[0].context == "单元格文字");
  }

  SECTION("long blocks give a window around the image") {
    std::string before(300, 'a');
    std::string after(300, 'b');
    Page page = parse("<p>" + before + " <img src=\"/a.png\"> " + after + "</p>");
    REQUIRE(page.images.size() == 1);
    const std::string& context = page.images[0].context;
    CHECK(context.size() <= 200);
    CHECK(context.find("a b") != std::string::npos);
  }

  SECTION("an image without a usable src is still recorded") {
    Page page = parse("<p>文字<img src=\"data:image/png;base64,AAAA\" alt=\"示意图\"></p>");
    REQUIRE(page.images.size() == 1);
    CHECK(page.images[0].url.empty());
    CHECK(page.images[0].alt == "示意图");
    CHECK(page.images[0].context == "文字");
    CHECK(page.links.empty());
  }
}

TEST_CASE("scanner::parse_html dates", "[html][dates]") {
  Page page = load("dates.html");
  struct Expected {
    int year, month, day;
    std::uint32_t line;
    std::string source, label;
  };
  std::vector<Expected> expected = {
      {2026, 9, 7, 3, "meta:pubdate", ""},
      {2026, 9, 8, 4, "meta:article:published_time", ""},
      {2026, 11, 3, 8, "text", "发布时间"}, // label and date in separate spans
      {2026, 11, 5, 10, "text", ""},        // [11-05] takes the year of the date before
      {2025, 12, 31, 11, "text", ""},
      {2025, 1, 15, 12, "text", ""},         // now the latest full date is from 2025
      {2026, 11, 2, 15, "text", "成文日期"}, // label and date in neighbouring cells
  };
  REQUIRE(page.dates.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(page.dates[i].year == expected[i].year);
    CHECK(page.dates[i].month == expected[i].month);
    CHECK(page.dates[i].day == expected[i].day);
    CHECK(page.dates[i].line == expected[i].line);
    CHECK(page.dates[i].source == expected[i].source);
    CHECK(page.dates[i].label == expected[i].label);
  }
}

TEST_CASE("scanner::parse_html dates split across lines of source", "[html][dates]") {
  Page page = parse("<html><body>\n<p>\n\n  发布日期：<b>2026年3月4日</b></p>\n</body></html>");
  REQUIRE(page.dates.size() == 1);
  CHECK(page.dates[0].line == 4);
  CHECK(page.dates[0].label == "发布日期");
}

TEST_CASE("scanner::parse_html odd input", "[html]") {
  auto html = GENERATE(as<std::string>{}, "", "<", "</div>", "<a href=", "<!--", "<script>",
                       "<![CDATA[", std::string("a\0b<p>c", 7), "<a href=\"\u3000\">x</a>",
                       "<img srcset=\",,, ,\">", "<meta http-equiv=refresh>",
                       "<form action><input type=image></form>", "&#0;&#xD800;&bogus;");
  CAPTURE(html);
  Page page = parse(html);
  CHECK(page.links.size() <= 1);
  // The text invariants hold whatever the input: no empty line, no space at a line's ends.
  CHECK(page.text.find("\n\n") == std::string::npos);
  CHECK(page.text.find(" \n") == std::string::npos);
  CHECK(page.text.find("\n ") == std::string::npos);
  CHECK_FALSE(page.text.starts_with('\n'));
  CHECK_FALSE(page.text.ends_with('\n'));
}

TEST_CASE("scanner::parse_html reuses the page", "[html]") {
  Page page;
  page.url = k_page_url;
  scanner::UrlResolver resolver;
  scanner::parse_html("<title>一</title><a href=\"/a\">a</a><p id=x>2026-11-03</p>", page,
                      resolver);
  scanner::parse_html("<title>二</title>", page, resolver);
  CHECK(page.title == "二");
  CHECK(page.links.empty());
  CHECK(page.ids.empty());
  CHECK(page.dates.empty());
  CHECK(page.text == "二");
}

TEST_CASE("scanner::parse_html link and image offsets", "[html]") {
  const std::string html = "<html><head><title>T</title></head><body>"
                           "<p>first block</p>"
                           "<div>相关解读：<a href='/jd.html'>某某政策解读</a></div>"
                           "<p><img src='/m.png' alt='区位图'></p><p>审图号：GS(2020)4619号</p>"
                           "<a href='/last.html'>last</a>"
                           "</body></html>";
  Page page = parse(html);
  REQUIRE(page.link_offsets.size() == page.links.size());
  REQUIRE(page.image_offsets.size() == page.images.size());
  REQUIRE(page.images.size() == 1);
  for (std::uint32_t offset : page.link_offsets) CHECK(offset <= page.text.size());
  const auto* anchor = find_link(page, "http://www.qingshi.gov.cn/jd.html", LinkKind::anchor);
  REQUIRE(anchor != nullptr);
  const auto index = static_cast<std::size_t>(anchor - page.links.data());
  // The anchor's text starts at its offset, on the line that holds the label.
  std::string_view text = page.text;
  CHECK(text.substr(page.link_offsets[index]).starts_with("某某政策解读"));
  std::size_t line_start = text.rfind('\n', page.link_offsets[index]);
  CHECK(text.substr(line_start + 1).starts_with("相关解读："));
  // The image sits between the blocks: the caption follows its offset.
  CHECK(text.substr(page.image_offsets[0]).find("审图号：GS(2020)4619号") != std::string::npos);
  CHECK(text.substr(0, page.image_offsets[0]).find("审图号") == std::string::npos);
  // The last link's offset is clamped to the text, which loses its final newline.
  CHECK(page.link_offsets.back() <= page.text.size());
}

// The text pass skips sixteen bytes at a time to the next possible whitespace: spaces of every
// kind, at every offset within a block, still collapse to one.
TEST_CASE("scanner::parse_html collapses whitespace at any offset", "[html]") {
  const std::string words = "一二三四五六七八九十";
  for (const std::string separator :
       {" ", "\n", "\t \r\n", "\xC2\xA0", "\xE3\x80\x80", "\xE3\x80\x80 \xC2\xA0"}) {
    for (std::size_t offset = 0; offset < 34; ++offset) {
      const std::string prefix(offset, 'x');
      CAPTURE(separator, offset);
      const Page page = parse("<p>" + prefix + words + "。" + separator + words + "</p>");
      CHECK(page.text == prefix + words + "。 " + words);
    }
  }
}

// Long values, character references and a stray DEL byte (once the pre-pass's token mark) are
// read as written.
TEST_CASE("scanner::parse_html reads attribute values as written", "[html]") {
  const std::string mark = GENERATE(as<std::string>{}, "", "\x7F");
  CAPTURE(mark);
  Page page = parse("<p class=\"x\">" + mark + "<a href=\"/zwgk/2026/t1.html\" class=x>一</a>" +
                    "<img src='/img/地图.png' alt=\"区位示意图\" class=y>" +
                    "<a href=\"/q.html?a=1&amp;b=2\" class=x>二</a></p>");
  CHECK(find_link(page, k_host + "/zwgk/2026/t1.html", LinkKind::anchor) != nullptr);
  CHECK(find_link(page, k_host + "/q.html?a=1&b=2", LinkKind::anchor) != nullptr);
  REQUIRE(page.images.size() == 1);
  CHECK(page.images[0].url == k_host + "/img/%E5%9C%B0%E5%9B%BE.png");
  CHECK(page.images[0].alt == "区位示意图");
}

// A scan ends with global_cleanup (xmlCleanupParser); a parse after it initialises libxml2 again
// (with the former allocator hook, a re-initialisation inside a parse once crashed).
TEST_CASE("scanner::parse_html after global_cleanup", "[html]") {
  scanner::global_init();
  scanner::global_cleanup();
  const std::string html = "<title>一</title><p class=\"x\">正文<a href=\"/a\">a</a></p>";
  for (int round = 0; round < 3; ++round) {
    Page page = parse(html);
    CHECK(page.title == "一");
    REQUIRE(page.links.size() == 1);
  }
  check_prepared(html);
}
