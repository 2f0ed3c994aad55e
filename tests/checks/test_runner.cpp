#include "content_test_util.hpp"

#include <checks/availability/availability.hpp>
#include <checks/identity/identity.hpp>
#include <checks/runner.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <memory>

namespace {

using nlohmann::json;

// Keeps each page's URL as its fact and concludes with one finding per call, naming what the
// call saw: the view's index, start URLs, samples, and the pages whose facts it was given.
class Recorder final : public checks::CheckWith<std::string> {
public:
  Recorder(std::string_view id, bool per_site) : m_id(id), m_per_site(per_site) {}
  std::span<const std::string_view> ids() const override { return {&m_id, 1}; }
  bool per_site() const override { return m_per_site; }

protected:
  std::optional<std::string> collect(const scanner::Page& page,
                                     std::vector<checks::Finding>&) const override {
    return page.url;
  }
  std::vector<checks::Finding> conclude_site(const checks::SiteView& site,
                                             const Entries& facts) const override {
    json pages = json::array();
    for (const auto* entry : facts) pages.push_back(entry->second);
    json owned = json::array();
    for (std::uint32_t id = 0; id < site.crawl().urls.size(); ++id) {
      if (site.owns(id)) owned.push_back(site.crawl().urls[id].url);
    }
    json samples = json::array();
    for (const auto& sample : site.homepage_samples()) samples.push_back(sample.url);
    return {{std::string(m_id),
             checks::Severity::info,
             site.home(),
             {},
             "",
             {{"index", site.index() == checks::SiteView::k_whole_crawl ? json("whole")
                                                                        : json(site.index())},
              {"portal", site.portal()},
              {"start_urls", site.start_urls()},
              {"pages", pages},
              {"owned", owned},
              {"samples", samples}}}};
  }

private:
  std::string_view m_id; // a literal
  bool m_per_site;
};

constexpr const char* k_portal = "http://www.qingshi.gov.cn/";
constexpr const char* k_department = "http://www.qingshi.gov.cn/jyj/";

const std::string k_footer =
    "<div class='footer'><p>主办单位：青石区人民政府办公室 联系电话：0571-87000000 "
    "网站标识码：3301990001</p><p><a href='http://beian.miit.gov.cn/'>浙ICP备05012345号-1</a>"
    " <a href='http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=1'>浙公网安备 "
    "33010202000123号</a></p><p><a href='http://bszs.conac.cn/sitename?id=1'><img "
    "src='/images/dzjg.png' alt='党政机关'></a> <a href='/zc/'>网站找错</a></p></div>";

std::string page_html(const std::string& title, const std::string& body) {
  return "<html><head><title>" + title + "</title></head><body><a href='/'>首页</a>" + body +
         "</body></html>";
}

// A crawl of a portal (with every footer mark) and a department in its /jyj/ folder (without
// any), plus an external page no site owns: the URL table, the pages and both sites' samples.
struct TwoSites {
  std::vector<scanner::SiteConfig> sites;
  scanner::Site site;
  std::vector<scanner::Page> pages;

  TwoSites() {
    sites.resize(2);
    sites[0].start_urls = {k_portal};
    sites[1].start_urls = {k_department};
    site.start_urls = {k_portal, k_department};
    add(k_portal, page_html("首页_青石区", "<a href='/jyj/'>教育局</a>" + k_footer), 0);
    add(k_department, page_html("青石区教育局", "<p>教育局首页</p>"), 0);
    add("http://www.qingshi.gov.cn/xwzx/a.html", page_html("新闻_青石区", "<p>正文</p>" + k_footer),
        1);
    add("http://www.qingshi.gov.cn/jyj/tzgg/a.html", page_html("通知_教育局", "<p>正文</p>"), 1);
    add("http://www.other.gov.cn/", page_html("外站", "<p>外站</p>"), 1);
    for (const char* home : {k_portal, k_department}) {
      scanner::ProbeSample sample;
      sample.url = home;
      sample.at = "2026-11-01T00:00:00Z";
      sample.status = home == k_portal ? 200 : 503;
      sample.ok = home == k_portal;
      site.homepage_samples.push_back(sample);
    }
  }

  void add(const std::string& url, const std::string& html, int depth) {
    const auto id = static_cast<std::uint32_t>(site.urls.size());
    scanner::UrlRecord record;
    record.url = url;
    record.in_scope = url.find("qingshi") != std::string::npos;
    record.is_page = true;
    record.depth = depth;
    record.state = scanner::UrlState::fetched;
    record.fetch.status = 200;
    site.urls.push_back(record);
    pages.push_back(content_tests::page_from(html, url, id, depth));
  }

  std::vector<checks::Finding> run(std::vector<std::unique_ptr<checks::Check>> all) const {
    checks::CheckRunner runner(std::move(all));
    for (const auto& page : pages) runner.check_page(page);
    return runner.finish(site, scanner::SiteScope(sites));
  }
};

std::vector<checks::Finding> of(const std::vector<checks::Finding>& findings,
                                const std::string& check) {
  std::vector<checks::Finding> found;
  for (const auto& finding : findings) {
    if (finding.check == check) found.push_back(finding);
  }
  return found;
}

} // namespace

TEST_CASE("checks::CheckRunner::finish", "[checks][runner]") {
  const TwoSites two;

  SECTION("a per-site check concludes once per site, over that site's pages only") {
    std::vector<std::unique_ptr<checks::Check>> all;
    all.push_back(std::make_unique<Recorder>("per.site", true));
    const auto findings = two.run(std::move(all));
    REQUIRE(findings.size() == 2);
    const json& portal = findings[0].evidence;
    const json& department = findings[1].evidence;
    CHECK(findings[0].url == k_portal);
    CHECK(portal["index"] == 0);
    CHECK(portal["portal"] == true);
    CHECK(portal["start_urls"] == json::array({k_portal}));
    CHECK(portal["pages"] == json::array({k_portal, "http://www.qingshi.gov.cn/xwzx/a.html"}));
    CHECK(portal["owned"] == portal["pages"]);
    CHECK(portal["samples"] == json::array({k_portal}));
    CHECK(findings[1].url == k_department);
    CHECK(department["index"] == 1);
    CHECK(department["portal"] == false);
    CHECK(department["pages"] ==
          json::array({k_department, "http://www.qingshi.gov.cn/jyj/tzgg/a.html"}));
    CHECK(department["samples"] == json::array({k_department}));
  }

  SECTION("a whole-crawl check concludes once, over every page") {
    std::vector<std::unique_ptr<checks::Check>> all;
    all.push_back(std::make_unique<Recorder>("whole", false));
    all.push_back(std::make_unique<Recorder>("per.site", true));
    const auto findings = two.run(std::move(all));
    // Registry order: the whole-crawl check's one finding, then the per-site check's two.
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].check == "whole");
    CHECK(findings[0].evidence["index"] == "whole");
    CHECK(findings[0].evidence["pages"].size() == 5);
    CHECK(findings[0].evidence["owned"].size() == 5);
    CHECK(findings[0].evidence["start_urls"] == json::array({k_portal, k_department}));
    CHECK(findings[1].evidence["index"] == 0);
    CHECK(findings[1].evidence["pages"].size() == 2);
    CHECK(findings[2].evidence["index"] == 1);
    CHECK(findings[2].evidence["pages"].size() == 2);
  }

  SECTION("without configured sites, per-site checks conclude over the whole crawl") {
    checks::CheckRunner runner([] {
      std::vector<std::unique_ptr<checks::Check>> all;
      all.push_back(std::make_unique<Recorder>("per.site", true));
      return all;
    }());
    for (const auto& page : two.pages) runner.check_page(page);
    const auto findings = runner.finish(two.site, scanner::SiteScope());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].evidence["index"] == "whole");
    CHECK(findings[0].evidence["pages"].size() == 5);
  }

  SECTION("identity marks and availability: each site judged on its own pages and samples") {
    const checks::AuditRules& rules = content_tests::rules();
    std::vector<std::unique_ptr<checks::Check>> all;
    all.push_back(std::make_unique<checks::Availability>(rules.availability));
    all.push_back(std::make_unique<checks::Identity>(rules.identity));
    const auto findings = two.run(std::move(all));

    const auto avail = of(findings, "avail.homepage");
    REQUIRE(avail.size() == 2);
    CHECK(avail[0].url == k_portal);
    CHECK(avail[0].severity == checks::Severity::info);
    CHECK(avail[1].url == k_department);
    CHECK(avail[1].severity == checks::Severity::warning);
    CHECK(avail[1].evidence["samples"] == 1);

    const auto site_code = of(findings, "identity.site_code");
    REQUIRE(site_code.size() == 2);
    CHECK(site_code[0].url == k_portal);
    CHECK(site_code[0].severity == checks::Severity::info);
    CHECK(site_code[0].evidence["pages"] == 2);
    CHECK(site_code[0].evidence["pages_missing"].empty());
    CHECK(site_code[1].url == k_department);
    CHECK(site_code[1].severity == checks::Severity::failure);
    CHECK(site_code[1].evidence["pages_missing"] ==
          json::array({k_department, "http://www.qingshi.gov.cn/jyj/tzgg/a.html"}));
    const auto icp = of(findings, "identity.icp");
    REQUIRE(icp.size() == 4); // icp and icp_link, per site
    for (const auto& finding : icp) {
      // A page without the number is counted under icp only, not under icp_link as well.
      const bool lacking = finding.url == k_department && finding.evidence["mark"] == "icp";
      CHECK(finding.severity == (lacking ? checks::Severity::failure : checks::Severity::info));
    }
  }
}

TEST_CASE("checks::Identity domain per site", "[checks][runner][identity]") {
  std::vector<scanner::SiteConfig> sites(3);
  sites[0].start_urls = {"http://qingshi.gov.cn/"};
  sites[1].start_urls = {"http://jyj.qingshi.gov.cn/"};
  sites[2].start_urls = {"http://www.qingshi.gov.cn/jyj/"};
  scanner::Site site;
  for (const auto& config : sites) site.start_urls.push_back(config.start_urls.front());
  std::vector<std::unique_ptr<checks::Check>> all;
  all.push_back(std::make_unique<checks::Identity>(content_tests::rules().identity));
  checks::CheckRunner runner(std::move(all));
  const auto found = runner.finish(site, scanner::SiteScope(sites));
  std::vector<checks::Finding> findings;
  for (const auto& finding : found) {
    if (finding.check == "identity.domain") findings.push_back(finding);
  }
  REQUIRE(findings.size() == 3);
  // Only the portal (the first site) is held to the www. rule; a department is no portal.
  CHECK(findings[0].url == "http://qingshi.gov.cn/");
  CHECK(findings[0].severity == checks::Severity::warning);
  CHECK(findings[1].url == "http://jyj.qingshi.gov.cn/");
  CHECK(findings[1].severity == checks::Severity::info);
  CHECK(findings[2].url == "http://www.qingshi.gov.cn/jyj/");
  CHECK(findings[2].severity == checks::Severity::info);
}
