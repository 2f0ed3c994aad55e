#include <checks/links/links.hpp>
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

LinksRules read_links_rules(const rules::Section& links) {
  LinksRules rules;
  rules.soft_404_phrases = links.strings("soft_404_phrases");
  rules.soft_404_max_text_chars =
      static_cast<std::size_t>(links.integer("soft_404_max_text_chars", 0, 1'000'000));
  rules.redirect_chain_warn_hops =
      static_cast<std::size_t>(links.integer("redirect_chain_warn_hops", 0, 100));
  rules.ignored_fragments = links.texts("ignored_fragments");
  return rules;
}

std::span<const std::string_view> Links::ids() const {
  static constexpr std::string_view k_ids[] = {"links.broken", "links.unverified",
                                               "links.redirects", "links.mixed_content",
                                               "links.anchors"};
  return k_ids;
}

std::optional<LinkFacts> Links::collect(const scanner::Page& page,
                                        std::vector<Finding>& findings) const {
  LinkFacts facts;
  facts.soft_404 = soft_404(page);
  check_mixed_content(page, findings);
  check_fragments(page, facts, findings);
  if (!facts.soft_404 && facts.fragment_links.empty() && facts.ids.empty()) return std::nullopt;
  return facts;
}

std::vector<Finding> Links::conclude_site(const SiteView& site, const Entries& facts) const {
  std::vector<Finding> findings;
  judge_targets(site, facts, findings);
  judge_redirects(site, findings);
  judge_fragments(site, facts, findings);
  return findings;
}

std::optional<SoftNotFound> Links::soft_404(const scanner::Page& page) const {
  if (page.fetch.status != 200) return std::nullopt;
  // An error page served with 200: its title says so, or the page is little more than the
  // message. A long page that merely mentions "404" is an article, not an error page.
  for (const auto& phrase : m_rules.soft_404_phrases) {
    if (page.title.find(phrase) != std::string::npos)
      return SoftNotFound{"title", phrase, page.title};
  }
  // The limit counts characters, not bytes: it is about how much a reader sees. A character
  // takes one to four bytes, so most pages are ruled in or out by their size alone.
  const std::size_t bytes = page.text.size();
  const std::size_t limit = m_rules.soft_404_max_text_chars;
  if (bytes <= limit || (bytes <= 4 * limit && scanner::utf8_length(page.text) <= limit)) {
    for (const auto& phrase : m_rules.soft_404_phrases) {
      if (page.text.find(phrase) != std::string::npos) {
        return SoftNotFound{"text", phrase, page.title};
      }
    }
  }
  return std::nullopt;
}

void Links::judge_targets(const SiteView& view, const Entries& facts,
                          std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
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
  std::vector<const SoftNotFound*> soft(site.urls.size(), nullptr);
  for (const auto* entry : facts) {
    if (entry->second.soft_404) soft[entry->first] = &*entry->second.soft_404;
  }

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
    std::string check = "links.broken";
    std::string what = "链接无法访问";
    Severity severity = Severity::failure;
    if (blocked) {
      check = "links.unverified";
      what = "链接无法核验（目标网站拦截了检查程序）";
      severity = Severity::warning;
    } else if (soft_404) {
      common["error"] = "soft_404";
      if (soft[index] != nullptr) {
        common["soft_404"] = {{"soft_404", soft[index]->how},
                              {"phrase", soft[index]->phrase},
                              {"title", soft[index]->title}};
      } else {
        common["soft_404"] = {{"soft_404", "like_not_found_page"}};
      }
      status = "HTTP 200，但页面内容为“页面不存在”";
    }
    if (!blocked) ++targets;

    if (record.referrers.empty()) {
      Finding finding{check, severity, record.url, {}, what + "（" + status + "）", common};
      finding.review = blocked; // a person opens it: never scored
      findings.push_back(std::move(finding));
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
      Finding finding{check,
                      severity,
                      record.url,
                      page,
                      "页面上的" + what + "（" + status + "）：" + record.url,
                      std::move(evidence)};
      finding.review = blocked;
      finding.on_homepage = on_homepage;
      findings.push_back(std::move(finding));
    }
    if (!blocked) {
      // Referrers past the kept ones are other pages: the homepage is crawled first.
      homepage_links += from_home;
      other_links += record.referrer_count - from_home;
    }
  }
  // The spec deducts homepage links and other pages' links at different rates: both counts.
  if (targets > 0) {
    Finding summary{"links.broken",
                    Severity::info,
                    home,
                    {},
                    "失效链接共 " + std::to_string(targets) + " 个，首页 " +
                        std::to_string(homepage_links) + " 处，其他页面 " +
                        std::to_string(other_links) + " 处",
                    {{"summary", true},
                     {"broken_targets", targets},
                     {"homepage_links", homepage_links},
                     {"other_page_links", other_links}}};
    summary.key = "summary";
    findings.push_back(std::move(summary));
  }
}

} // namespace checks
