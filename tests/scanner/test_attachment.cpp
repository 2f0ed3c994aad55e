#include <scanner/attachment.hpp>

#include <catch2/catch.hpp>

#include <string>

using scanner::Page;

namespace {

Page read(const std::string& body, const std::string& content_type = "") {
  Page page;
  page.url = "http://www.qingshi.gov.cn/files/a.txt";
  page.fetch.status = 200;
  if (!content_type.empty()) page.fetch.headers.emplace_back("content-type", content_type);
  REQUIRE(scanner::read_text_attachment(body, page));
  CHECK(page.attachment);
  return page;
}

} // namespace

TEST_CASE("scanner::is_text_attachment", "[scanner][attachment]") {
  auto [url, expected] = GENERATE(table<std::string, bool>({
      {"http://www.qingshi.gov.cn/files/mingdan.csv", true},
      {"http://www.qingshi.gov.cn/files/RENYUAN.TXT", true},
      {"http://www.qingshi.gov.cn/files/a.csv?v=2", true},
      {"http://www.qingshi.gov.cn/files/a.xls", false},
      {"http://www.qingshi.gov.cn/files.csv/index.html", false},
      {"http://www.qingshi.gov.cn/txt", false},
      {"http://www.qingshi.gov.cn/", false},
  }));
  INFO(url);
  CHECK(scanner::is_text_attachment(url) == expected);
}

TEST_CASE("scanner::read_text_attachment", "[scanner][attachment]") {
  SECTION("UTF-8 with a BOM and CRLF: the file's lines, BOM removed") {
    const Page page = read("\xEF\xBB\xBF序号,姓名\r\n1,张三\r\n");
    CHECK(page.text == "序号,姓名\n1,张三\n");
    CHECK(page.charset == "utf-8");
    CHECK(page.charset_source == "bom");
  }
  SECTION("GBK without a declaration is read as GB18030") {
    // "名单\r\n张三" in GBK.
    const Page page = read("\xC3\xFB\xB5\xA5\r\n\xD5\xC5\xC8\xFD");
    CHECK(page.text == "名单\n张三");
    CHECK(page.charset == "gb18030");
    CHECK(page.charset_source == "guess");
    CHECK_FALSE(page.decode_errors);
  }
  SECTION("the header's charset wins; old Mac line ends count as lines") {
    const Page page = read("\xC3\xFB\xB5\xA5\r\xD5\xC5", "text/plain; charset=GBK");
    CHECK(page.text == "名单\n张");
    CHECK(page.charset_source == "header");
  }
  SECTION("plain UTF-8 stays UTF-8") {
    const Page page = read("电话 13900001111\n");
    CHECK(page.charset == "utf-8");
    CHECK(page.charset_source == "default");
  }
  SECTION("a binary file is not read") {
    Page page;
    page.url = "http://www.qingshi.gov.cn/files/blob.csv";
    CHECK_FALSE(scanner::read_text_attachment(std::string("PK\x03\x04\0\0 339901", 14), page));
    CHECK(page.text.empty());
  }
}
