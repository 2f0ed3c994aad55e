#include <checks/links_broken.hpp>
#include <checks/ruleset_section.hpp>
#include <scanner/util.hpp>

#include <set>

namespace checks {
namespace {

std::string describe(const scanner::FetchOutcome& fetch) {
  if (fetch.error == scanner::ErrorClass::none) return "HTTP " + std::to_string(fetch.status);
  std::string text(scanner::error_class_name(fetch.error));
  if (!fetch.error_detail.empty()) text += ": " + fetch.error_detail;
  return text;
}

nlohmann::json attempt_json(const scanner::FetchOutcome& fetch) {
  return {{"status", fetch.status},
          {"error", scanner::error_class_name(fetch.error)},
          {"error_detail", fetch.error_detail},
          {"method", fetch.method},
          {"attempts", fetch.attempts},
          {"checked_at", fetch.checked_at != 0 ? scanner::utc_iso(fetch.checked_at) : ""}};
}

} // namespace

bool is_broken(const scanner::FetchOutcome& fetch) {
  if (fetch.blocked) return false;
  if (fetch.error != scanner::ErrorClass::none) {
    return fetch.error != scanner::ErrorClass::robots &&
           fetch.error != scanner::ErrorClass::too_large;
  }
  return fetch.status >= 400;
}

LinksBroken::LinksBroken(const CheckContext& context) {
  const RulesetSection links(context, "links");
  m_phrases = links.strings("soft_404_phrases");
  m_max_text_chars = links.count("soft_404_max_text_chars");
}

PageReport LinksBroken::check_page(const scanner::Page& page) const {
  PageReport report;
  if (page.fetch.status != 200) return report;
  // An error page served with 200: its title says so, or the page is little more than the
  // message. A long page that merely mentions "404" is an article, not an error page.
  for (const auto& phrase : m_phrases) {
    if (page.title.find(phrase) != std::string::npos) {
      report.facts = {{"soft_404", "title"}, {"phrase", phrase}, {"title", page.title}};
      return report;
    }
  }
  // The limit counts characters, not bytes: it is about how much a reader sees. A character
  // takes one to four bytes, so most pages are ruled in or out by their size alone.
  const std::size_t bytes = page.text.size();
  if (bytes <= m_max_text_chars ||
      (bytes <= 4 * m_max_text_chars && scanner::utf8_length(page.text) <= m_max_text_chars)) {
    for (const auto& phrase : m_phrases) {
      if (page.text.find(phrase) != std::string::npos) {
        report.facts = {{"soft_404", "text"}, {"phrase", phrase}, {"title", page.title}};
        return report;
      }
    }
  }
  return report;
}

std::vector<Finding> LinksBroken::check_site(const SiteView& view, const PageFacts& facts) const {
  const scanner::Site& site = view.crawl();
  std::vector<Finding> findings;
  const std::set<std::string> starts(site.start_urls.begin(), site.start_urls.end());
  const std::string& home = view.home();
  // Each site's homepage: a department's broken homepage link costs it what the portal's would.
  const std::set<std::string> homepages(view.homepages().begin(), view.homepages().end());

  // A host that answers every path with its homepage makes the homepage look like its own
  // not-found page: the learned signature says nothing there.
  bool signature_useless = false;
  for (const auto& record : site.urls) {
    if (record.like_not_found && starts.count(record.url) != 0) signature_useless = true;
  }
  std::vector<const nlohmann::json*> soft(site.urls.size(), nullptr);
  for (const auto& [page, fact] : facts) soft[page] = &fact;

  std::size_t homepage_links = 0;
  std::size_t other_links = 0;
  std::size_t targets = 0;
  for (std::size_t index = 0; index < site.urls.size(); ++index) {
    const auto& record = site.urls[index];
    if (record.state != scanner::UrlState::fetched && record.state != scanner::UrlState::checked) {
      continue;
    }
    const bool learned = record.like_not_found && !signature_useless;
    const bool soft_404 = soft[index] != nullptr || learned;
    const bool blocked = record.fetch.blocked;
    if (!is_broken(record.fetch) && !soft_404 && !blocked) continue;

    std::string status = describe(record.fetch);
    nlohmann::json common = attempt_json(record.fetch);
    common["internal"] = record.in_scope;
    common["redirects"] = record.fetch.redirects;
    common["referrer_count"] = record.referrer_count;
    if (record.first_look) {
      common["first_look"] = attempt_json(*record.first_look);
      common["second_look"] = attempt_json(record.fetch);
    }
    std::string check = std::string(id());
    std::string what = "链接无法访问";
    Severity severity = Severity::failure;
    if (blocked) {
      check = "links.unverified";
      what = "链接无法核验（目标网站拦截了检查程序）";
      severity = Severity::warning;
      common["review"] = true;
    } else if (soft_404) {
      common["error"] = "soft_404";
      if (soft[index] != nullptr) {
        common["soft_404"] = *soft[index];
      } else {
        common["soft_404"] = {{"soft_404", "like_not_found_page"}};
      }
      status = "HTTP 200，但页面内容为“页面不存在”";
    }
    if (!blocked) ++targets;

    if (record.referrers.empty()) {
      findings.push_back({check, severity, record.url, {}, what + "（" + status + "）", common});
      continue;
    }
    std::size_t from_home = 0;
    for (const auto& referrer : record.referrers) {
      const std::string& page = site.urls[referrer.page].url;
      const bool on_homepage = homepages.count(page) != 0;
      from_home += on_homepage ? 1 : 0;
      nlohmann::json evidence = common;
      evidence["anchor_text"] = referrer.text;
      evidence["element"] = scanner::link_kind_name(referrer.kind);
      evidence["line"] = referrer.line;
      evidence["on_homepage"] = on_homepage;
      findings.push_back({check, severity, record.url, page,
                          "页面上的" + what + "（" + status + "）：" + record.url,
                          std::move(evidence)});
    }
    if (!blocked) {
      // Referrers past the kept ones are other pages: the homepage is crawled first.
      homepage_links += from_home;
      other_links += record.referrer_count - from_home;
    }
  }
  // The spec deducts homepage links and other pages' links at different rates: both counts.
  if (targets > 0) {
    findings.push_back({std::string(id()),
                        Severity::info,
                        home,
                        {},
                        "失效链接共 " + std::to_string(targets) + " 个，首页 " +
                            std::to_string(homepage_links) + " 处，其他页面 " +
                            std::to_string(other_links) + " 处",
                        {{"summary", true},
                         {"broken_targets", targets},
                         {"homepage_links", homepage_links},
                         {"other_page_links", other_links}},
                        "summary"});
  }
  return findings;
}

} // namespace checks
