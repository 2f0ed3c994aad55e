#include <checks/links_broken.hpp>

namespace checks {
namespace {

std::string describe(const scanner::FetchOutcome& fetch) {
  if (fetch.error == scanner::ErrorClass::none) return "HTTP " + std::to_string(fetch.status);
  std::string text(scanner::error_class_name(fetch.error));
  if (!fetch.error_detail.empty()) text += ": " + fetch.error_detail;
  return text;
}

} // namespace

bool is_broken(const scanner::FetchOutcome& fetch) {
  if (fetch.error != scanner::ErrorClass::none) {
    return fetch.error != scanner::ErrorClass::robots &&
           fetch.error != scanner::ErrorClass::too_large;
  }
  return fetch.status >= 400;
}

std::vector<Finding> LinksBroken::check_site(const scanner::Site& site, const PageFacts&) const {
  std::vector<Finding> findings;
  const std::string home = site.start_urls.empty() ? std::string() : site.start_urls.front();
  for (const auto& record : site.urls) {
    if (record.state != scanner::UrlState::fetched && record.state != scanner::UrlState::checked) {
      continue;
    }
    if (!is_broken(record.fetch)) continue;
    const std::string status = describe(record.fetch);
    nlohmann::json common = {
        {"status", record.fetch.status},
        {"error", scanner::error_class_name(record.fetch.error)},
        {"error_detail", record.fetch.error_detail},
        {"internal", record.in_scope},
        {"method", record.fetch.method},
        {"attempts", record.fetch.attempts},
        {"redirects", record.fetch.redirects},
        {"checked_at", record.fetch.checked_at},
        {"referrer_count", record.referrer_count},
    };
    if (record.referrers.empty()) {
      Finding finding{std::string(id()),
                      Severity::failure,
                      record.url,
                      {},
                      "链接无法访问（" + status + "）",
                      common};
      findings.push_back(std::move(finding));
      continue;
    }
    for (const auto& referrer : record.referrers) {
      const std::string& page = site.urls[referrer.page].url;
      nlohmann::json evidence = common;
      evidence["anchor_text"] = referrer.text;
      evidence["element"] = scanner::link_kind_name(referrer.kind);
      evidence["line"] = referrer.line;
      evidence["on_homepage"] = page == home;
      findings.push_back({std::string(id()), Severity::failure, record.url, page,
                          "页面上的链接无法访问（" + status + "）：" + record.url,
                          std::move(evidence)});
    }
  }
  return findings;
}

} // namespace checks
