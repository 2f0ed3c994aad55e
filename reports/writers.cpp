#include <reports/writers.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <tuple>

namespace reports {
namespace {

using nlohmann::json;

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

// "http://user:secret@proxy:3128" -> "http://user:***@proxy:3128".
std::string redact_url_password(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto at = url.find('@');
  if (scheme_end == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

json fetch_json(const scanner::FetchOutcome& fetch) {
  json out = {{"status", fetch.status}, {"method", fetch.method}, {"attempts", fetch.attempts}};
  if (fetch.error != scanner::ErrorClass::none) {
    out["error"] = scanner::error_class_name(fetch.error);
  }
  if (!fetch.error_detail.empty()) out["error_detail"] = fetch.error_detail;
  if (!fetch.final_url.empty()) out["final_url"] = fetch.final_url;
  if (!fetch.redirects.empty()) out["redirects"] = fetch.redirects;
  if (!fetch.content_type.empty()) out["content_type"] = fetch.content_type;
  out["size"] = fetch.size;
  out["timings"] = {{"dns", fetch.timings.dns},
                    {"connect", fetch.timings.connect},
                    {"tls", fetch.timings.tls},
                    {"first_byte", fetch.timings.first_byte},
                    {"total", fetch.timings.total}};
  if (!fetch.headers.empty()) {
    json headers = json::object();
    for (const auto& [name, value] : fetch.headers) headers[name] = value;
    out["headers"] = std::move(headers);
  }
  if (!fetch.checked_at.empty()) out["checked_at"] = fetch.checked_at;
  if (fetch.blocked) out["blocked"] = true;
  return out;
}

json dns_json(const scanner::DnsAnswer& answer) {
  return {{"status", answer.status}, {"addresses", answer.addresses}, {"seconds", answer.seconds}};
}

json tool_json() {
  return {{"name", "govaudit"}, {"version", GOVAUDIT_VERSION}};
}

json run_json(const Audit& audit) {
  return {{"as_of", audit.as_of},
          {"started_at", audit.site.started_at},
          {"finished_at", audit.site.finished_at},
          {"complete", audit.site.complete},
          {"stop_reason", audit.site.stop_reason}};
}

} // namespace

std::string finding_id(const checks::Finding& finding) {
  // FNV-1a: tiny, stable across platforms and versions.
  std::uint64_t hash = 1469598103934665603ull;
  for (const std::string* part : {&finding.check, &finding.url, &finding.page}) {
    for (unsigned char c : *part) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  }
  return hex64(hash);
}

void sort_findings(std::vector<checks::Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.check, a.url, a.page, a.message) <
           std::tie(b.check, b.url, b.page, b.message);
  });
}

json settings_json(const scanner::CrawlOptions& options) {
  json sites = json::array();
  for (const auto& site : options.sites) {
    sites.push_back({{"name", site.name},
                     {"start_urls", site.start_urls},
                     {"hosts", site.hosts},
                     {"new_media", site.new_media}});
  }
  json header_names = json::array();
  for (const auto& header : options.headers) {
    header_names.push_back(header.substr(0, header.find(':')) + ": ***");
  }
  std::string user;
  if (!options.user.empty()) user = options.user.substr(0, options.user.find(':')) + ":***";
  return {{"sites", std::move(sites)},
          {"max_pages", options.max_pages},
          {"max_depth", options.max_depth},
          {"concurrency", options.concurrency},
          {"per_host", options.per_host},
          {"rate", options.rate},
          {"timeout", options.timeout},
          {"connect_timeout", options.connect_timeout},
          {"retries", options.retries},
          {"max_body", options.max_body},
          {"user_agent",
           options.user_agent.empty() ? scanner::default_user_agent() : options.user_agent},
          {"dns_server", options.dns_server},
          {"ignore_robots", options.ignore_robots},
          {"include", options.include},
          {"exclude", options.exclude},
          {"headers", std::move(header_names)},
          {"cookie_jar", options.cookie_jar},
          {"user", user},
          {"proxy", redact_url_password(options.proxy)},
          {"insecure", options.insecure}};
}

scanner::Expected<bool> write_crawl_json(const std::string& path, const Audit& audit) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  const scanner::Site& site = audit.site;
  json head = {{"schema", k_crawl_schema},      {"tool", tool_json()},
               {"run", run_json(audit)},        {"settings", settings_json(audit.options)},
               {"start_urls", site.start_urls}, {"scope_hosts", site.scope_hosts}};
  std::size_t in_scope = 0;
  for (const auto& record : site.urls) in_scope += record.in_scope ? 1 : 0;
  head["totals"] = {{"urls", site.urls.size()},
                    {"internal_urls", in_scope},
                    {"external_urls", site.urls.size() - in_scope},
                    {"pages", site.totals.pages},
                    {"requests", site.totals.fetched},
                    {"errors", site.totals.errors},
                    {"retries", site.totals.retries},
                    {"bytes", site.totals.bytes},
                    {"seconds", site.totals.seconds}};
  json hosts = json::array();
  for (const auto& host : site.hosts) {
    json entry = {{"name", host.name},         {"in_scope", host.in_scope},
                  {"a", dns_json(host.a)},     {"aaaa", dns_json(host.aaaa)},
                  {"requests", host.requests}, {"failures", host.failures}};
    if (!host.not_found_url.empty()) {
      entry["not_found"] = {{"url", host.not_found_url},
                            {"status", host.not_found_status},
                            {"title", host.not_found_title}};
    }
    if (host.robots_fetched) {
      entry["robots"] = {{"status", host.robots_status},
                         {"crawl_delay", host.crawl_delay},
                         {"sitemaps", host.sitemaps}};
    }
    hosts.push_back(std::move(entry));
  }
  head["hosts"] = std::move(hosts);
  json traps = json::array();
  for (const auto& trap : site.traps) {
    traps.push_back({{"kind", trap.kind}, {"example", trap.example}, {"dropped", trap.dropped}});
  }
  head["traps"] = std::move(traps);

  // The head is small; the URL list is streamed one record at a time.
  std::string text = head.dump(1);
  text.pop_back(); // the closing brace; "urls" follows
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  out << text << ",\n \"urls\": [";
  bool first = true;
  for (std::size_t id = 0; id < site.urls.size(); ++id) {
    const auto& record = site.urls[id];
    json entry = {{"id", id},
                  {"url", record.url},
                  {"in_scope", record.in_scope},
                  {"state", scanner::url_state_name(record.state)},
                  {"depth", record.depth},
                  {"is_page", record.is_page}};
    if (record.from_sitemap) entry["from_sitemap"] = true;
    if (!record.skip_reason.empty()) entry["note"] = record.skip_reason;
    if (record.state == scanner::UrlState::fetched || record.state == scanner::UrlState::checked) {
      entry["fetch"] = fetch_json(record.fetch);
      if (record.first_look) entry["first_look"] = fetch_json(*record.first_look);
    }
    if (record.like_not_found) entry["like_not_found"] = true;
    if (!record.charset.empty()) entry["charset"] = record.charset;
    if (!record.title.empty()) entry["title"] = record.title;
    entry["referrer_count"] = record.referrer_count;
    json referrers = json::array();
    for (const auto& referrer : record.referrers) {
      referrers.push_back({{"from", referrer.page},
                           {"line", referrer.line},
                           {"element", scanner::link_kind_name(referrer.kind)},
                           {"text", referrer.text}});
    }
    entry["referrers"] = std::move(referrers);
    out << (first ? "\n  " : ",\n  ") << entry.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  }
  out << "\n ]\n}\n";
  out.flush();
  if (!out) return write_failed(path);
  return true;
}

scanner::Expected<bool> write_findings_json(const std::string& path, const Audit& audit) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return write_failed(path);
  std::map<std::string, std::size_t> by_check;
  std::map<std::string, std::size_t> by_severity;
  for (const auto& finding : audit.findings) {
    by_check[finding.check]++;
    by_severity[std::string(checks::severity_name(finding.severity))]++;
  }
  json sites = json::array();
  for (const auto& site : audit.options.sites) {
    sites.push_back({{"name", site.name},
                     {"start_urls", site.start_urls},
                     {"hosts", site.hosts},
                     {"new_media", site.new_media},
                     {"has_services", site.has_services}});
  }
  json head = {{"schema", k_findings_schema},
               {"tool", tool_json()},
               {"run", run_json(audit)},
               {"sites", std::move(sites)},
               {"summary",
                {{"findings", audit.findings.size()},
                 {"by_check", by_check},
                 {"by_severity", by_severity}}}};
  if (!audit.ruleset.is_null()) head["ruleset"] = audit.ruleset;
  if (!audit.score.is_null()) head["score"] = audit.score;
  std::string text = head.dump(1, ' ', false, json::error_handler_t::replace);
  text.pop_back();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  out << text << ",\n \"findings\": [";
  bool first = true;
  for (const auto& finding : audit.findings) {
    json entry = {{"id", finding_id(finding)},
                  {"check", finding.check},
                  {"severity", checks::severity_name(finding.severity)},
                  {"url", finding.url},
                  {"page", finding.page},
                  {"message", finding.message},
                  {"evidence", finding.evidence}};
    out << (first ? "\n  " : ",\n  ") << entry.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  }
  out << "\n ]\n}\n";
  out.flush();
  if (!out) return write_failed(path);
  return true;
}

scanner::Expected<bool> write_failed(const std::string& path) {
  return scanner::unexpected("cannot write \"" + path + "\": " + std::strerror(errno));
}

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;"; // valid in XML and in every HTML version, unlike &apos;
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
      out += c;
    }
  }
  return out;
}

} // namespace reports
