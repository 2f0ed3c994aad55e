#include <app/coverage.hpp>
#include <scanner/url.hpp>

#include <algorithm>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace app {
namespace {

// Why none of `starts` gave an HTML page ("" when one did, or when none was fetched at all
// because the crawl stopped first).
std::string start_failure(const std::unordered_map<std::string, const scanner::UrlRecord*>& by_url,
                          const std::vector<std::string>& starts) {
  std::ostringstream problems;
  for (const auto& start : starts) {
    auto found = by_url.find(start);
    if (found == by_url.end()) continue;
    const scanner::UrlRecord& record = *found->second;
    const auto& fetch = record.fetch;
    if (record.state == scanner::UrlState::queued) return {}; // interrupted before
    if (record.state == scanner::UrlState::disallowed) {
      problems << "; " << start << ": robots.txt disallows it (use --ignore-robots if the site's "
               << "owner agrees)";
    } else if (fetch.error != scanner::ErrorClass::none) {
      problems << "; " << start << ": " << scanner::error_class_name(fetch.error) << " ("
               << fetch.error_detail << ")";
    } else if (fetch.status >= 400) {
      problems << "; " << start << ": HTTP " << fetch.status;
    } else if (record.is_page) {
      return {};
    } else {
      // A redirect to a page counts as the page.
      auto final_page = by_url.find(fetch.final_url.empty() ? start : fetch.final_url);
      if (final_page != by_url.end() && final_page->second->is_page) return {};
      problems << "; " << start << ": not an HTML page (Content-Type \"" << fetch.content_type
               << "\")";
    }
  }
  const std::string text = problems.str();
  return text.empty() ? text : text.substr(2);
}

bool html_type(const std::string& content_type) {
  return content_type.rfind("text/html", 0) == 0 || content_type.rfind("application/xhtml", 0) == 0;
}

} // namespace

void assess_coverage(const scanner::Site& site, const Settings& options,
                     std::vector<reports::Subject>& subjects) {
  if (!site.complete) {
    for (auto& subject : subjects) {
      subject.blocked = "interrupted";
      subject.blocked_detail = "stopped (" + site.stop_reason + ") after " +
                               std::to_string(site.totals.pages) + " pages";
    }
    return;
  }
  std::unordered_map<std::string, const scanner::UrlRecord*> by_url;
  by_url.reserve(site.urls.size());
  for (const auto& record : site.urls) by_url.emplace(record.url, &record);

  // Pages a limit left unread, counted per site subject.
  std::vector<std::size_t> cut_by_pages(subjects.size());
  std::vector<std::size_t> cut_by_depth(subjects.size());
  const reports::SubjectIndex index(subjects);
  for (const auto& record : site.urls) {
    if (!record.in_scope) continue;
    const bool page_limit = record.skip_reason == "beyond --max-pages";
    // Beyond the depth limit a link is checked (HEAD), not read: an HTML answer is a page of
    // the site that no check saw.
    const bool depth_limit = record.skip_reason.rfind("beyond --max-depth", 0) == 0 &&
                             record.fetch.status > 0 && record.fetch.status < 400 &&
                             html_type(record.fetch.content_type);
    if (!page_limit && !depth_limit) continue;
    const std::size_t owner = index.of({"", checks::Severity::info, record.url, "", "", {}});
    (page_limit ? cut_by_pages : cut_by_depth)[owner]++;
  }

  std::size_t subject = 0;
  for (const auto& config : options.sites) {
    while (subject < subjects.size() && subjects[subject].kind != reports::Subject::Kind::site) {
      ++subject;
    }
    if (subject >= subjects.size()) break;
    reports::Subject& entry = subjects[subject];
    std::vector<std::string> starts;
    for (const auto& url : config.start_urls) {
      if (auto normalised = scanner::normalize_url(url)) starts.push_back(*normalised);
    }
    if (std::string failure = start_failure(by_url, starts); !failure.empty()) {
      entry.blocked = "unreachable";
      entry.blocked_detail = failure;
    } else if (cut_by_pages[subject] > 0) {
      entry.blocked = "page_limit";
      entry.blocked_detail = std::to_string(cut_by_pages[subject]) +
                             " in-scope URLs not crawled (--max-pages " +
                             std::to_string(options.max_pages) + ")";
    } else if (cut_by_depth[subject] > 0) {
      entry.blocked = "depth_limit";
      entry.blocked_detail = std::to_string(cut_by_depth[subject]) + " pages beyond --max-depth " +
                             std::to_string(options.max_depth) + " checked, not read";
    }
    ++subject;
  }
}

void drop_unmeasured(std::vector<checks::Finding>& findings,
                     const std::vector<reports::Subject>& subjects) {
  if (subjects.empty()) return;
  const reports::SubjectIndex index(subjects);
  // Checks that measure a site without its pages.
  constexpr std::string_view k_kept[] = {"avail.",          "links.broken", "links.unverified",
                                         "links.redirects", "ipv6.",        "identity.domain"};
  std::erase_if(findings, [&](const checks::Finding& finding) {
    const reports::Subject& owner = subjects[index.of(finding)];
    if (owner.blocked != "unreachable") return false;
    return std::none_of(std::begin(k_kept), std::end(k_kept), [&](std::string_view prefix) {
      return std::string_view(finding.check).starts_with(prefix);
    });
  });
}

reports::RunStatus run_status(const scanner::Site& site,
                              const std::vector<reports::Subject>& subjects) {
  reports::RunStatus status;
  status.complete = site.complete;
  status.stop_reason = site.stop_reason;
  for (const auto& subject : subjects) {
    if (subject.blocked.empty()) continue;
    status.complete = false;
    if (status.stop_reason.empty()) status.stop_reason = subject.blocked;
    status.reasons.push_back(
        reports::subject_label(subject) + ": " + reports::blocked_text(subject.blocked, true) +
        (subject.blocked_detail.empty() ? "" : " (" + subject.blocked_detail + ")"));
  }
  return status;
}

} // namespace app
