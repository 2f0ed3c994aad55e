// Several sites in one audit: which site (or account) each finding is scored for.
#include <reports/scoring.hpp>

#include <catch2/catch.hpp>

#include <tuple>

namespace {

using checks::Finding;
using checks::Severity;
using nlohmann::json;

reports::Subject site(const std::string& name, std::vector<std::string> urls,
                      std::vector<std::string> hosts = {}, std::vector<std::string> paths = {}) {
  reports::Subject subject;
  subject.name = name;
  subject.urls = std::move(urls);
  subject.hosts = std::move(hosts);
  subject.paths = std::move(paths);
  return subject;
}

reports::Subject account(const std::string& url) {
  reports::Subject subject;
  subject.kind = reports::Subject::Kind::new_media;
  subject.name = "青石发布";
  subject.urls = {url};
  return subject;
}

Finding finding(const std::string& check, const std::string& url, const std::string& page = {}) {
  return {check, Severity::failure, url, page, "问题", json::object()};
}

} // namespace

TEST_CASE("reports::subject_of", "[scoring]") {
  SECTION("a portal, an account and a department in the portal's /jyj/ folder") {
    const std::vector<reports::Subject> subjects = {
        site("青石区", {"http://www.qingshi.gov.cn/"}, {"xxgk.qingshi.gov.cn"}),
        account("https://weibo.example/qingshi"),
        site("青石区教育局", {"http://www.qingshi.gov.cn/jyj/index.html"}, {}, {"/gk/jyj/"}),
    };
    const auto [check, url, page, subject] =
        GENERATE(table<std::string, std::string, std::string, std::size_t>({
            // a department's site-level finding names its homepage
            {"identity.site_code", "http://www.qingshi.gov.cn/jyj/index.html", "", 2},
            {"identity.site_code", "http://www.qingshi.gov.cn/", "", 0},
            {"disclose.catalogue", "http://www.qingshi.gov.cn/gk/jyj/ml.html", "", 2},
            {"disclose.catalogue", "http://xxgk.qingshi.gov.cn/gk/jyj/ml.html", "", 0},
            // a link counts against the page that carries it, not its target
            {"links.broken", "http://www.qingshi.gov.cn/jyj/gone.html",
             "http://www.qingshi.gov.cn/", 0},
            {"links.broken", "http://www.example.com/", "http://www.qingshi.gov.cn/jyj/a.html", 2},
            // a platform the department links on the portal's pages is the department's
            {"disclose.platform", "http://www.qingshi.gov.cn/zwgk/",
             "http://www.qingshi.gov.cn/jyj/index.html", 2},
            // accounts first, by url or page
            {"newmedia.stale", "https://weibo.example/qingshi", "", 1},
            // nobody's URL: the first site
            {"links.broken", "http://www.example.com/", "", 0},
        }));
    CAPTURE(check, url, page);
    CHECK(reports::subject_of(finding(check, url, page), subjects) == subject);
  }

  SECTION("two sites on two ports of one host are told apart") {
    const std::vector<reports::Subject> subjects = {
        site("门户", {"http://127.0.0.1:8001/"}),
        site("部门", {"http://127.0.0.1:8002/"}),
    };
    CHECK(reports::subject_of(finding("identity.icp", "http://127.0.0.1:8002/"), subjects) == 1);
    CHECK(reports::subject_of(finding("identity.icp", "http://127.0.0.1:8001/"), subjects) == 0);
    const reports::SubjectIndex index(subjects);
    CHECK(index.of(finding("links.broken", "http://127.0.0.1:8001/x", "http://127.0.0.1:8002/a")) ==
          1);
  }
}

TEST_CASE("reports::score_audit with a department", "[scoring]") {
  const std::vector<reports::Subject> subjects = {
      site("青石区", {"http://www.qingshi.gov.cn/"}),
      site("青石区教育局", {"http://www.qingshi.gov.cn/jyj/"}),
  };
  const std::vector<Finding> findings = {
      finding("identity.site_code", "http://www.qingshi.gov.cn/jyj/"),
      finding("identity.icp", "http://www.qingshi.gov.cn/jyj/"),
  };
  const auto result = reports::score_audit(findings, subjects, rules::default_ruleset());
  REQUIRE(result.subjects.size() == 2);
  // The department's missing marks cost the department (网站标识), not the portal.
  auto marks_lost = [](const reports::SubjectScore& score) {
    for (const auto& group : score.groups) {
      for (const auto& item : group.items) {
        if (item.id == "site_marks") return item.lost;
      }
    }
    return -1.0;
  };
  CHECK(marks_lost(result.subjects[0]) == 0);
  CHECK(marks_lost(result.subjects[1]) == 2);
  CHECK(result.subjects[1].earned_points < result.subjects[0].earned_points);
  const json recorded = reports::score_json(result);
  CHECK(recorded["subjects"][1]["paths"] == json::array());
  CHECK(recorded["subjects"][1]["groups"].dump().find("identity.site_code") != std::string::npos);

  SECTION("paths are recorded and read back, so that `report` attributes the same way") {
    auto with_paths = subjects;
    with_paths[1].paths = {"/jyj/", "/gk/jyj/"};
    const json again =
        reports::score_json(reports::score_audit({}, with_paths, rules::default_ruleset()));
    CHECK(again["subjects"][1]["paths"] == json::array({"/jyj/", "/gk/jyj/"}));
    const auto read = reports::subjects_from_json(again);
    REQUIRE(read.size() == 2);
    CHECK(read[1].paths == with_paths[1].paths);
    CHECK(reports::subject_of(finding("identity.icp", "http://www.qingshi.gov.cn/gk/jyj/a.html"),
                              read) == 1);
  }
}
