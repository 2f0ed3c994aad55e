// End-to-end: personal data in the site's text attachments (fixtures/sites/attachments, see its
// make.py): the crawler downloads in-scope .txt/.csv files and only the privacy checks read them.

#include <catch2/catch.hpp>

#include <set>
#include <tests/e2e/scan_helpers.hpp>

using e2e::scan;
using test_support::TempDir;
using test_support::TestServer;

namespace {

// The full numbers fixtures/sites/attachments/make.py planted.
const std::vector<std::string> k_full_numbers = {
    "33990119850312001X", "339901197901010129", "339901199001010034", "13912345678", "15800001111"};

// (check, masked value, text line) of every privacy finding about `url`.
std::set<std::tuple<std::string, std::string, int>> privacy_rows(const e2e::ScanResult& result,
                                                                 const std::string& url) {
  std::set<std::tuple<std::string, std::string, int>> rows;
  for (const auto& finding : result.findings["findings"]) {
    if (finding["url"] != url || finding["check"].get<std::string>().rfind("privacy.", 0) != 0) {
      continue;
    }
    rows.emplace(finding["check"], finding["evidence"]["masked"],
                 finding["evidence"]["text_line"].get<int>());
  }
  return rows;
}

} // namespace

TEST_CASE("scan: privacy checks read text attachments", "[e2e][scan][privacy]") {
  TestServer server("attachments");
  TempDir out;
  auto result = scan({server.url("/")}, out.path());
  INFO(result.run.err);
  REQUIRE(result.run.exit_code == 0);
  const std::string csv = server.url("/files/mingdan.csv");
  const std::string txt = server.url("/files/renyuan.txt");

  SECTION("leaks are found with the masked value and the file's line") {
    using Row = std::tuple<std::string, std::string, int>;
    CHECK(privacy_rows(result, csv) == std::set<Row>{{"privacy.id_number", "33*************01X", 2},
                                                     {"privacy.phone", "139****5678", 3}});
    // GBK without a declaration, CRLF line ends; the order number is no ID.
    CHECK(privacy_rows(result, txt) == std::set<Row>{{"privacy.id_number", "33*************129", 3},
                                                     {"privacy.phone", "158****1111", 3}});
    const auto ids = result.findings_for("privacy.id_number", csv);
    REQUIRE(ids.size() == 1);
    CHECK(ids[0]["evidence"]["attachment"] == "mingdan.csv");
    CHECK(ids[0]["severity"] == "failure");
    CHECK(ids[0]["message"].get<std::string>().find("第2行") != std::string::npos);
  }
  SECTION("masked values, hotlines, binary files and other hosts give nothing") {
    CHECK(privacy_rows(result, server.url("/")).empty());
    CHECK(privacy_rows(result, server.url("/files/clean.txt")).empty());
    CHECK(privacy_rows(result, server.url("/files/blob.csv")).empty());
    const std::string mirror =
        "http://localhost:" + std::to_string(server.port()) + "/files/mingdan.csv";
    CHECK(privacy_rows(result, mirror).empty());
    CHECK(result.url(mirror)["fetch"]["method"] == "HEAD");
  }
  SECTION("attachments are downloaded, not crawled as pages") {
    for (const auto& url : {csv, txt}) {
      const auto& entry = result.url(url);
      CHECK(entry["fetch"]["method"] == "GET");
      CHECK(entry["fetch"]["size"].get<int>() > 0);
      CHECK(entry["is_page"] == false);
    }
    CHECK(result.url(txt)["charset"] == "gb18030");
    CHECK(result.url(server.url("/files/table.xls"))["fetch"]["method"] == "HEAD");
    CHECK(result.crawl["totals"]["pages"] == 1);
  }
  SECTION("no other check judges an attachment") {
    std::vector<std::string> others;
    for (const auto& finding : result.findings["findings"]) {
      const std::string url = finding["url"];
      const std::string check = finding["check"];
      const bool attachment = url.find("/files/") != std::string::npos;
      if (attachment && check.rfind("privacy.", 0) != 0) others.push_back(check + " " + url);
      // Footer coverage counts HTML pages only.
      if (finding["evidence"].contains("pages_missing")) {
        for (const auto& page : finding["evidence"]["pages_missing"]) {
          if (page.get<std::string>().find("/files/") != std::string::npos) {
            others.push_back(check + " lists " + page.get<std::string>());
          }
        }
      }
    }
    CHECK(others.empty());
  }
  SECTION("no full ID or mobile number anywhere in the output folder") {
    CHECK(e2e::files_containing(out.path(), k_full_numbers).empty());
  }
}
