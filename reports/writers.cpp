#include <reports/writers.hpp>
#include <scanner/util.hpp>

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

json dns_json(const scanner::DnsAnswer& answer) {
  return {{"status", answer.status}, {"addresses", answer.addresses}, {"seconds", answer.seconds}};
}

json tool_json() {
  return {{"name", "govaudit"}, {"version", GOVAUDIT_VERSION}};
}

json run_json(const Audit& audit) {
  const RunStatus status =
      audit.status_set ? audit.status : RunStatus{audit.site.complete, audit.site.stop_reason, {}};
  json run = {{"as_of", audit.as_of},
              {"started_at", audit.site.started_at},
              {"finished_at", audit.site.finished_at},
              {"complete", status.complete},
              {"stop_reason", status.stop_reason},
              {"incomplete_reasons", status.reasons}};
  if (!audit.checks_run.empty()) run["checks"] = audit.checks_run;
  return run;
}

// crawl.json's URL records are written as text directly, as compact as json::dump(-1) writes
// them and with the same (sorted) key order: a tree of json objects per record, with up to 256
// referrers each, was most of the time a heavy scan spent after its last request.

// `text` as a JSON string, as json::dump writes it (UTF-8 kept; invalid bytes replaced by
// U+FFFD, for which json's own writer is used).
void append_json_string(std::string& out, std::string_view text) {
  if (scanner::valid_utf8_prefix(text) != text.size()) {
    out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char escape[8];
        std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
        out += escape;
      } else {
        out.push_back(c);
      }
    }
  }
  out.push_back('"');
}

// A JSON object written member by member; members must come in json's (sorted) key order.
class ObjectText {
public:
  explicit ObjectText(std::string& out) : m_out(out) { m_out.push_back('{'); }
  ~ObjectText() { m_out.push_back('}'); }
  ObjectText(const ObjectText&) = delete;
  ObjectText& operator=(const ObjectText&) = delete;

  // Starts the member `name` and returns the text its value is appended to.
  std::string& key(std::string_view name) {
    if (!m_first) m_out.push_back(',');
    m_first = false;
    m_out.push_back('"');
    m_out.append(name);
    m_out.append("\":");
    return m_out;
  }
  void string(std::string_view name, std::string_view value) {
    append_json_string(key(name), value);
  }
  template <typename Integer> void integer(std::string_view name, Integer value) {
    key(name) += std::to_string(value);
  }
  void boolean(std::string_view name, bool value) { key(name) += value ? "true" : "false"; }
  void number(std::string_view name, double value) { key(name) += json(value).dump(); }

private:
  std::string& m_out;
  bool m_first = true;
};

void append_fetch(std::string& out, const scanner::FetchOutcome& fetch) {
  ObjectText object(out);
  object.integer("attempts", fetch.attempts);
  if (fetch.blocked) object.boolean("blocked", true);
  if (fetch.checked_at != 0) object.string("checked_at", scanner::utc_iso(fetch.checked_at));
  if (!fetch.content_type.empty()) object.string("content_type", fetch.content_type);
  if (fetch.error != scanner::ErrorClass::none)
    object.string("error", scanner::error_class_name(fetch.error));
  if (!fetch.error_detail.empty()) object.string("error_detail", fetch.error_detail);
  if (!fetch.final_url.empty()) object.string("final_url", fetch.final_url);
  if (!fetch.headers.empty()) {
    // By name, the last of a repeated name winning, as in a json object.
    std::vector<std::pair<std::string_view, std::string_view>> headers(fetch.headers.begin(),
                                                                       fetch.headers.end());
    std::stable_sort(headers.begin(), headers.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    ObjectText list(object.key("headers"));
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (i + 1 < headers.size() && headers[i + 1].first == headers[i].first) continue;
      list.string(headers[i].first, headers[i].second);
    }
  }
  object.string("method", fetch.method);
  if (!fetch.redirects.empty()) {
    std::string& text = object.key("redirects");
    text.push_back('[');
    for (std::size_t i = 0; i < fetch.redirects.size(); ++i) {
      if (i > 0) text.push_back(',');
      append_json_string(text, fetch.redirects[i]);
    }
    text.push_back(']');
  }
  object.integer("size", fetch.size);
  object.integer("status", fetch.status);
  ObjectText timings(object.key("timings"));
  timings.number("connect", fetch.timings.connect);
  timings.number("dns", fetch.timings.dns);
  timings.number("first_byte", fetch.timings.first_byte);
  timings.number("tls", fetch.timings.tls);
  timings.number("total", fetch.timings.total);
}

void append_url_record(std::string& out, std::size_t id, const scanner::UrlRecord& record) {
  ObjectText object(out);
  if (!record.charset.empty()) object.string("charset", record.charset);
  object.integer("depth", record.depth);
  const bool fetched =
      record.state == scanner::UrlState::fetched || record.state == scanner::UrlState::checked;
  if (fetched) append_fetch(object.key("fetch"), record.fetch);
  if (fetched && record.first_look) append_fetch(object.key("first_look"), *record.first_look);
  if (record.from_sitemap) object.boolean("from_sitemap", true);
  object.integer("id", id);
  object.boolean("in_scope", record.in_scope);
  object.boolean("is_page", record.is_page);
  if (record.like_not_found) object.boolean("like_not_found", true);
  if (!record.skip_reason.empty()) object.string("note", record.skip_reason);
  object.integer("referrer_count", record.referrer_count);
  std::string& referrers = object.key("referrers");
  referrers.push_back('[');
  for (std::size_t i = 0; i < record.referrers.size(); ++i) {
    const auto& referrer = record.referrers[i];
    if (i > 0) referrers.push_back(',');
    ObjectText entry(referrers);
    entry.string("element", scanner::link_kind_name(referrer.kind));
    entry.integer("from", referrer.page);
    entry.integer("line", referrer.line);
    entry.string("text", referrer.text);
  }
  referrers.push_back(']');
  object.string("state", scanner::url_state_name(record.state));
  if (!record.title.empty()) object.string("title", record.title);
  object.string("url", record.url);
}

} // namespace

std::string finding_id(const checks::Finding& finding) {
  // FNV-1a: tiny, stable across platforms and versions. Each part ends with a 0xff byte, which
  // UTF-8 text never holds, so ("ab", "c") and ("a", "bc") differ. The key is hashed only when
  // there is one: a finding without a key keeps the id earlier versions gave it, so that their
  // findings.json still serves as a baseline.
  std::uint64_t hash = 1469598103934665603ull;
  auto add = [&hash](const std::string& part) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  };
  add(finding.check);
  add(finding.url);
  add(finding.page);
  if (!finding.key.empty()) add(finding.key);
  return hex64(hash);
}

void sort_findings(std::vector<checks::Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.check, a.url, a.page, a.key, a.message) <
           std::tie(b.check, b.url, b.page, b.key, b.message);
  });
}

json settings_json(const scanner::CrawlOptions& options) {
  json sites = json::array();
  for (const auto& site : options.sites) {
    sites.push_back({{"name", site.name},
                     {"start_urls", site.start_urls},
                     {"hosts", site.hosts},
                     {"paths", site.paths},
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

core::Expected<bool> write_crawl_json(const std::string& path, const Audit& audit) {
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
  std::string record;
  for (std::size_t id = 0; id < site.urls.size(); ++id) {
    record.assign(id == 0 ? "\n  " : ",\n  ");
    append_url_record(record, id, site.urls[id]);
    out << record;
  }
  out << "\n ]\n}\n";
  out.flush();
  if (!out) return write_failed(path);
  return true;
}

nlohmann::json evidence_json(const checks::Finding& finding) {
  json evidence = finding.evidence.is_object() ? finding.evidence : json::object();
  if (finding.veto != checks::VetoState::none) {
    evidence["veto"] = checks::veto_state_name(finding.veto);
  }
  if (finding.review) evidence["review"] = true;
  if (finding.on_homepage) evidence["on_homepage"] = true;
  if (!finding.measured) evidence["measured"] = false;
  if (!finding.veto_measured) evidence["veto_measured"] = false;
  return evidence;
}

void read_scoring_fields(checks::Finding& finding) {
  json& evidence = finding.evidence;
  if (!evidence.is_object()) return;
  auto flag = [&](const char* key, bool& field) {
    auto it = evidence.find(key);
    if (it == evidence.end() || !it->is_boolean()) return;
    field = it->get<bool>();
    evidence.erase(it);
  };
  flag("review", finding.review);
  flag("measured", finding.measured);
  flag("veto_measured", finding.veto_measured);
  // links.broken also shows on_homepage as evidence: it stays there.
  if (auto it = evidence.find("on_homepage"); it != evidence.end() && it->is_boolean()) {
    finding.on_homepage = it->get<bool>();
  }
  if (auto it = evidence.find("veto"); it != evidence.end() && it->is_string()) {
    const std::string state = it->get<std::string>();
    finding.veto = state == "confirmed"   ? checks::VetoState::confirmed
                   : state == "candidate" ? checks::VetoState::candidate
                                          : checks::VetoState::none;
    evidence.erase(it);
  }
}

core::Expected<bool> write_findings_json(const std::string& path, const Audit& audit) {
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
                     {"paths", site.paths},
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
  if (!audit.assessments.is_null()) head["assessments"] = audit.assessments;
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
                  {"evidence", evidence_json(finding)}};
    if (!finding.key.empty()) entry["key"] = finding.key;
    out << (first ? "\n  " : ",\n  ") << entry.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  }
  out << "\n ]\n}\n";
  out.flush();
  if (!out) return write_failed(path);
  return true;
}

core::Expected<bool> write_failed(const std::string& path) {
  return core::unexpected("cannot write \"" + path + "\": " + std::strerror(errno));
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
