#include <checks/ipv6/ipv6.hpp>
#include <scanner/dns.hpp>
#include <scanner/url.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace checks {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_listed = 200; // URLs listed in one finding's evidence

std::string percent(double ratio) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", ratio * 100);
  return text;
}

std::string fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

json answer_json(const scanner::DnsAnswer& answer) {
  return {{"status", answer.status}, {"addresses", answer.addresses}, {"seconds", answer.seconds}};
}

const scanner::HostRecord* find_host(const scanner::Site& site, std::string_view name) {
  for (const auto& host : site.hosts) {
    if (host.name == name) return &host;
  }
  return nullptr;
}

json sample_json(const scanner::ProbeSample& sample) {
  return {{"at", sample.at},
          {"family", sample.family},
          {"resolver", sample.addresses},
          {"remote_address", sample.remote_address},
          {"local_address", sample.local_address},
          {"status", sample.status},
          {"error", sample.error},
          {"error_detail", sample.error_detail},
          {"title", sample.title},
          {"timings",
           {{"dns", sample.timings.dns},
            {"connect", sample.timings.connect},
            {"first_byte", sample.timings.first_byte},
            {"total", sample.timings.total}}}};
}

bool answered(const scanner::ProbeSample& sample) {
  return sample.error.empty() && sample.status > 0;
}

std::string sample_outcome(const scanner::ProbeSample& sample) {
  if (!sample.error.empty()) return sample.error + ": " + sample.error_detail;
  return "HTTP " + std::to_string(sample.status);
}

// The pinned homepage samples as (IPv4, IPv6) pairs, in the order they were taken.
std::vector<std::pair<const scanner::ProbeSample*, const scanner::ProbeSample*>>
sample_pairs(const std::vector<scanner::ProbeSample>& samples) {
  std::vector<std::pair<const scanner::ProbeSample*, const scanner::ProbeSample*>> pairs;
  const scanner::ProbeSample* v4 = nullptr;
  for (const auto& sample : samples) {
    if (sample.family == 4) v4 = &sample;
    if (sample.family == 6 && v4 != nullptr) {
      pairs.emplace_back(v4, &sample);
      v4 = nullptr;
    }
  }
  return pairs;
}

// One level URL over both families.
struct LevelEntry {
  const scanner::Ipv6Target* target = nullptr;
  bool v4_ok = false;
  bool v4_checked = false;
  bool v6_ok = false;
  std::string v6_how; // "fetched", "origin" (not sampled) or why it was not reachable
  int v6_status = 0;
  std::string v6_error;
};

struct LevelCount {
  std::size_t total = 0;
  std::size_t reachable = 0;
  std::size_t excluded_broken = 0;    // broken over IPv4 too: left out
  std::size_t excluded_unchecked = 0; // never fetched over IPv4 (robots.txt, limits): left out
  json unreachable = json::array();

  double ratio() const { return total == 0 ? 1.0 : static_cast<double>(reachable) / total; }
  json to_json() const {
    return {{"total", total},
            {"v6_reachable", reachable},
            {"ratio", ratio()},
            {"excluded_broken_over_ipv4", excluded_broken},
            {"excluded_not_checked", excluded_unchecked},
            {"v6_unreachable", unreachable}};
  }
};

} // namespace

Ipv6Rules read_ipv6_rules(const rules::Section& ipv6, const rules::Section& avail) {
  Ipv6Rules rules;
  rules.level2_min_ratio = ipv6.tagged("level2_min_ratio");
  rules.level3_min_ratio = ipv6.tagged("level3_min_ratio");
  rules.consistency_min_similarity = ipv6.tagged("consistency_min_similarity");
  rules.perf_max_degradation = ipv6.tagged("perf_max_degradation");
  rules.perf_min_difference_ms = ipv6.tagged("perf_min_difference_ms");
  rules.homepage_min_rate = ipv6.tagged("homepage_min_rate");
  rules.full_window_samples = avail.number("window_days") * avail.number("probes_per_day");
  return rules;
}

std::string aaaa_state(const scanner::DnsAnswer& aaaa, bool allow_loopback) {
  if (aaaa.status == "ok") {
    const bool global =
        std::any_of(aaaa.addresses.begin(), aaaa.addresses.end(), [&](const std::string& a) {
          return scanner::is_global_ipv6(a, allow_loopback);
        });
    return global ? "has_aaaa" : "non_global";
  }
  return aaaa.status.empty() ? "unresolved" : aaaa.status;
}

double text_similarity(std::string_view a, std::string_view b) {
  auto bigrams = [](std::string_view text) {
    std::vector<std::string_view> points;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t length = 1;
      const auto lead = static_cast<unsigned char>(text[i]);
      if (lead >= 0xf0) {
        length = 4;
      } else if (lead >= 0xe0) {
        length = 3;
      } else if (lead >= 0xc0) {
        length = 2;
      }
      length = std::min(length, text.size() - i);
      if (lead != ' ' && lead != '\n' && lead != '\t' && lead != '\r') {
        points.push_back(text.substr(i, length));
      }
      i += length;
    }
    std::unordered_map<std::string, int> counts;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
      counts[std::string(points[i]) + std::string(points[i + 1])]++;
    }
    return std::pair{counts, points.size() < 2 ? std::size_t{0} : points.size() - 1};
  };
  const auto [left, left_total] = bigrams(a);
  const auto [right, right_total] = bigrams(b);
  if (left_total + right_total == 0) return a == b ? 1.0 : 0.0;
  std::size_t common = 0;
  for (const auto& [gram, count] : left) {
    auto found = right.find(gram);
    if (found != right.end()) common += static_cast<std::size_t>(std::min(count, found->second));
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(left_total + right_total);
}

double link_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const std::size_t all = a.size() + b.size() - common.size();
  return static_cast<double>(common.size()) / static_cast<double>(all);
}

namespace {

// The judgement of one audit, item by item.
class Ipv6Judge {
public:
  Ipv6Judge(const SiteView& site, const Ipv6Rules& rules, bool allow_loopback)
      : m_view(site), m_site(site.crawl()), m_rules(rules), m_allow_loopback(allow_loopback),
        m_home(site.home()) {}

  std::vector<Finding> run() {
    if (m_home.empty()) return {};
    judge_aaaa();
    judge_dns_auth();
    judge_homepage();
    judge_levels();
    judge_support();
    return std::move(m_findings);
  }

private:
  // A finding; the evidence's "measured" (false: nothing could be measured) and "review" (a
  // person decides) are the typed fields the scoring reads.
  void add(const char* check, Severity severity, std::string url, std::string message,
           json evidence, std::string page = {}) {
    Finding finding{check, severity, std::move(url), std::move(page), std::move(message), {}};
    if (auto it = evidence.find("measured"); it != evidence.end()) {
      finding.measured = it->get<bool>();
      evidence.erase(it);
    }
    if (auto it = evidence.find("review"); it != evidence.end()) {
      finding.review = it->get<bool>();
      evidence.erase(it);
    }
    finding.evidence = std::move(evidence);
    m_findings.push_back(std::move(finding));
  }

  void judge_aaaa();
  void judge_dns_auth();
  void judge_homepage();
  void judge_consistency(const scanner::ProbeSample& v4, const scanner::ProbeSample& v6);
  void judge_perf();
  void judge_levels();
  void judge_level(int level, const std::vector<LevelEntry>& entries);
  void host_table(const std::vector<LevelEntry>& entries);
  void judge_support();
  bool level_link_of_site(const scanner::Ipv6Target& target) const;

  const SiteView& m_view;
  const scanner::Site& m_site; // the whole crawl
  const Ipv6Rules& m_rules;
  bool m_allow_loopback;
  std::string m_home;
  std::vector<Finding> m_findings;
  // Items of the overall verdict: "pass", "fail" or "not_measured".
  std::map<std::string, std::string> m_items;
};

void Ipv6Judge::judge_aaaa() {
  std::set<std::string> seen;
  for (const auto& start : m_view.start_urls()) {
    const std::string host(scanner::url_host(start));
    if (!seen.insert(host).second) continue;
    const scanner::HostRecord* record = find_host(m_site, host);
    const std::string state =
        record == nullptr ? "unresolved" : aaaa_state(record->aaaa, m_allow_loopback);
    json evidence = {{"host", host}, {"state", state}, {"allow_loopback_ipv6", m_allow_loopback}};
    if (record != nullptr) {
      evidence["a"] = answer_json(record->a);
      evidence["aaaa"] = answer_json(record->aaaa);
    }
    const bool pass = state == "has_aaaa";
    if (start == m_home) m_items["aaaa"] = pass ? "pass" : "fail";
    if (pass) {
      add("ipv6.aaaa", Severity::info, start, "主机 " + host + " 有全球单播 IPv6 地址（AAAA）",
          std::move(evidence));
    } else {
      add("ipv6.aaaa", Severity::failure, start,
          "主机 " + host + " 没有可用的 IPv6 地址（AAAA：" + state + "），不支持IPv6",
          std::move(evidence));
    }
  }
}

void Ipv6Judge::judge_dns_auth() {
  std::set<std::string_view> hosts; // the site's start hosts: its zones' delegations
  for (const auto& start : m_view.start_urls()) hosts.insert(scanner::url_host(start));
  for (const auto& zone : m_site.ipv6.delegations) {
    if (hosts.count(zone.host) == 0) continue;
    json evidence = {{"host", zone.host}, {"zone", zone.zone}, {"ns", answer_json(zone.ns)}};
    // One finding per start host, each about the homepage: the host tells them apart.
    auto add_zone = [&](Severity severity, std::string message, json zone_evidence) {
      add("ipv6.dns_auth", severity, m_home, std::move(message), std::move(zone_evidence));
      m_findings.back().key = zone.host;
    };
    if (!zone.note.empty()) {
      evidence["measured"] = false;
      evidence["note"] = zone.note;
      add_zone(Severity::info, "未检查 " + zone.host + " 的域名授权体系：" + zone.note,
               std::move(evidence));
      continue;
    }
    if (zone.zone.empty()) {
      evidence["measured"] = false;
      add_zone(Severity::warning,
               "查不到 " + zone.host + " 所在区域的 NS 记录（" + zone.ns.status + "）",
               std::move(evidence));
      continue;
    }
    json servers = json::array();
    std::vector<std::string> without;
    for (const auto& server : zone.servers) {
      const std::string state = aaaa_state(server.aaaa, m_allow_loopback);
      servers.push_back({{"name", server.name},
                         {"a", answer_json(server.a)},
                         {"aaaa", answer_json(server.aaaa)},
                         {"state", state}});
      if (state != "has_aaaa") without.push_back(server.name + "（" + state + "）");
    }
    evidence["measured"] = true;
    evidence["servers"] = std::move(servers);
    if (without.empty()) {
      add_zone(Severity::info,
               "区域 " + zone.zone + " 的 " + std::to_string(zone.servers.size()) +
                   " 个权威域名服务器均有 IPv6 地址",
               std::move(evidence));
      continue;
    }
    std::string list;
    for (const auto& name : without) list += (list.empty() ? "" : "、") + name;
    evidence["without_ipv6"] = without;
    add_zone(Severity::failure, "区域 " + zone.zone + " 的权威域名服务器没有 IPv6 地址：" + list,
             std::move(evidence));
  }
}

void Ipv6Judge::judge_homepage() {
  const auto& samples = m_view.family_samples();
  std::size_t v6_count = 0;
  std::size_t v6_ok = 0;
  json log = json::array();
  const scanner::ProbeSample* failed = nullptr;
  for (const auto& sample : samples) {
    log.push_back(sample_json(sample));
    if (sample.family != 6) continue;
    ++v6_count;
    if (answered(sample) && sample.status == 200) {
      ++v6_ok;
    } else if (failed == nullptr) {
      failed = &sample;
    }
  }
  if (v6_count == 0) {
    m_items["homepage"] = "not_measured";
    add("ipv6.homepage", Severity::info, m_home, "未经 IPv6 单独访问首页（使用代理或扫描中断）",
        {{"measured", false}});
    return;
  }
  const bool pass = failed == nullptr;
  m_items["homepage"] = pass ? "pass" : "fail";
  json evidence = {{"samples", log}, {"v6_samples", v6_count}, {"v6_ok", v6_ok}};
  if (pass) {
    add("ipv6.homepage", Severity::info, m_home,
        "首页仅经 IPv6 访问正常（HTTP 200，" + std::to_string(v6_count) + " 次）", evidence);
  } else {
    add("ipv6.homepage", Severity::failure, m_home,
        "首页无法仅经 IPv6 访问（" + sample_outcome(*failed) + "）", evidence);
  }

  const double rate = static_cast<double>(v6_ok) / static_cast<double>(v6_count);
  const bool partial = static_cast<double>(v6_count) < m_rules.full_window_samples;
  json rate_evidence = {{"samples", v6_count},
                        {"ok", v6_ok},
                        {"value", rate},
                        {"threshold", m_rules.homepage_min_rate.value},
                        {"confidence", m_rules.homepage_min_rate.confidence},
                        {"partial_window", partial}};
  const std::string counts =
      std::to_string(v6_ok) + "/" + std::to_string(v6_count) + "（" + percent(rate) + "）";
  if (rate >= m_rules.homepage_min_rate.value) {
    add("ipv6.homepage_rate", Severity::info, m_home, "IPv6 首页访问成功 " + counts,
        std::move(rate_evidence));
  } else {
    add("ipv6.homepage_rate", partial ? Severity::warning : Severity::failure, m_home,
        "IPv6 首页访问成功率 " + counts + " 低于 " + percent(m_rules.homepage_min_rate.value) +
            (partial ? "（监测窗口不足，仅供预警）" : ""),
        std::move(rate_evidence));
  }

  // Consistency on the latest pair in which both families answered.
  const auto pairs = sample_pairs(samples);
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
    if (answered(*it->first) && answered(*it->second)) {
      judge_consistency(*it->first, *it->second);
      break;
    }
  }
  judge_perf();
}

void Ipv6Judge::judge_consistency(const scanner::ProbeSample& v4, const scanner::ProbeSample& v6) {
  const double line = m_rules.consistency_min_similarity.value;
  const double text = text_similarity(v4.text, v6.text);
  const double links = link_similarity(v4.links, v6.links);
  const bool same_status = v4.status == v6.status;
  const bool same_title = v4.title == v6.title;
  std::vector<std::string> only_v4;
  std::vector<std::string> only_v6;
  std::set_difference(v4.links.begin(), v4.links.end(), v6.links.begin(), v6.links.end(),
                      std::back_inserter(only_v4));
  std::set_difference(v6.links.begin(), v6.links.end(), v4.links.begin(), v4.links.end(),
                      std::back_inserter(only_v6));
  if (only_v4.size() > 20) only_v4.resize(20);
  if (only_v6.size() > 20) only_v6.resize(20);
  auto facts = [](const scanner::ProbeSample& s) {
    return json{{"status", s.status},
                {"title", s.title},
                {"links", s.links.size()},
                {"text_chars", s.text.size()},
                {"remote_address", s.remote_address},
                {"at", s.at}};
  };
  json evidence = {{"v4", facts(v4)},
                   {"v6", facts(v6)},
                   {"same_status", same_status},
                   {"same_title", same_title},
                   {"text_similarity", text},
                   {"link_similarity", links},
                   {"threshold", line},
                   {"confidence", m_rules.consistency_min_similarity.confidence},
                   {"links_only_v4", only_v4},
                   {"links_only_v6", only_v6}};
  if (same_status && same_title && text >= line && links >= line) {
    add("ipv6.consistency", Severity::info, m_home,
        "IPv6 与 IPv4 首页内容一致（文本相似度 " + fixed(text, 3) + "，链接相似度 " +
            fixed(links, 3) + "）",
        std::move(evidence));
    return;
  }
  // Dynamic pages (a date, a visitor counter, a rotating banner) differ between two requests:
  // a person decides.
  evidence["review"] = true;
  std::string what;
  if (!same_status)
    what += "状态码 " + std::to_string(v4.status) + "/" + std::to_string(v6.status) + "；";
  if (!same_title) what += "标题“" + v4.title + "”/“" + v6.title + "”；";
  what += "文本相似度 " + fixed(text, 3) + "，链接相似度 " + fixed(links, 3);
  add("ipv6.consistency", Severity::failure, m_home,
      "IPv6 与 IPv4 首页内容不一致（IPv4/IPv6：" + what + "，阈值 " + fixed(line, 2) +
          "），待人工复核",
      std::move(evidence));
}

void Ipv6Judge::judge_perf() {
  double sums[2][4] = {};
  std::size_t count = 0;
  for (const auto& [v4, v6] : sample_pairs(m_view.family_samples())) {
    if (!answered(*v4) || !answered(*v6)) continue;
    ++count;
    for (int family = 0; family < 2; ++family) {
      const auto& t = family == 0 ? v4->timings : v6->timings;
      sums[family][0] += t.dns;
      sums[family][1] += t.connect;
      sums[family][2] += t.first_byte;
      sums[family][3] += t.total;
    }
  }
  if (count == 0) {
    add("ipv6.perf", Severity::info, m_home,
        "未测得 IPv6/IPv4 访问性能（没有两种协议都成功的样本）", {{"measured", false}});
    return;
  }
  const char* names[4] = {"dns", "connect", "first_byte", "total"};
  json components = json::object();
  double total_ratio = 0;
  double total_difference_ms = 0;
  for (int i = 0; i < 4; ++i) {
    const double v4 = sums[0][i] / static_cast<double>(count);
    const double v6 = sums[1][i] / static_cast<double>(count);
    json item = {{"v4_seconds", v4}, {"v6_seconds", v6}};
    item["ratio"] = v4 > 0 ? json((v6 - v4) / v4) : json();
    components[names[i]] = std::move(item);
    if (i == 3) {
      total_ratio = v4 > 0 ? (v6 - v4) / v4 : 0.0;
      total_difference_ms = (v6 - v4) * 1000;
    }
  }
  json evidence = {{"pairs", count},
                   {"components", std::move(components)},
                   {"value", total_ratio},
                   {"threshold", m_rules.perf_max_degradation.value},
                   {"min_difference_ms", m_rules.perf_min_difference_ms.value},
                   {"confidence", m_rules.perf_max_degradation.confidence}};
  const std::string text = "IPv6 首页加载劣化比 " + fixed(total_ratio, 3) + "（差 " +
                           fixed(total_difference_ms, 1) + " ms）";
  if (total_ratio > m_rules.perf_max_degradation.value &&
      total_difference_ms > m_rules.perf_min_difference_ms.value) {
    add("ipv6.perf", Severity::warning, m_home,
        text + "，超过 " + fixed(m_rules.perf_max_degradation.value, 2), std::move(evidence));
  } else {
    add("ipv6.perf", Severity::info, m_home, text, std::move(evidence));
  }
}

void Ipv6Judge::judge_levels() {
  const auto& facts = m_site.ipv6;
  if (!facts.measured) {
    for (const char* item : {"level2", "level3"}) {
      m_items[item] = "not_measured";
      add(item[5] == '2' ? "ipv6.level2" : "ipv6.level3", Severity::info, m_home,
          "未检查 IPv6 链接可达性：" + facts.note, {{"measured", false}, {"note", facts.note}});
    }
    return;
  }
  std::unordered_map<std::string, const scanner::FamilyFetch*> by_url;
  for (const auto& fetch : facts.fetches) by_url.emplace(fetch.url, &fetch);
  std::vector<LevelEntry> entries;
  for (const auto& target : facts.targets) {
    if (!level_link_of_site(target)) continue;
    const scanner::UrlRecord& record = m_site.urls[target.url];
    LevelEntry entry;
    entry.target = &target;
    entry.v4_checked =
        record.state == scanner::UrlState::fetched || record.state == scanner::UrlState::checked;
    entry.v4_ok = entry.v4_checked && record.fetch.ok() && !record.fetch.blocked;
    auto found = by_url.find(record.url);
    if (found == by_url.end()) {
      entry.v6_how = "not fetched over IPv6";
    } else if (found->second->fetched) {
      const auto& fetch = found->second->fetch;
      entry.v6_ok = fetch.ok();
      entry.v6_how = "fetched";
      entry.v6_status = fetch.status;
      entry.v6_error =
          fetch.error == scanner::ErrorClass::none
              ? std::string()
              : std::string(scanner::error_class_name(fetch.error)) + ": " + fetch.error_detail;
    } else if (found->second->skip_reason.rfind("not sampled", 0) == 0) {
      entry.v6_ok = true;
      entry.v6_how = "origin";
    } else {
      entry.v6_how = found->second->skip_reason;
    }
    entries.push_back(std::move(entry));
  }
  judge_level(2, entries);
  judge_level(3, entries);
  host_table(entries);
}

// The site's level links are those it owns, and those no site owns (a host of the zone that is
// not crawled, jyj.example.gov.cn of www.example.gov.cn) that one of its pages links or embeds.
bool Ipv6Judge::level_link_of_site(const scanner::Ipv6Target& target) const {
  if (m_view.owns(target.url)) return true;
  if (!m_view.unowned(target.url)) return false;
  const auto& referrers = m_site.urls[target.url].referrers;
  return std::any_of(referrers.begin(), referrers.end(),
                     [&](const scanner::Referrer& referrer) { return m_view.owns(referrer.page); });
}

void Ipv6Judge::judge_level(int level, const std::vector<LevelEntry>& entries) {
  LevelCount pages;
  LevelCount resources;
  for (const auto& entry : entries) {
    if (entry.target->level != level) continue;
    LevelCount& count = entry.target->resource ? resources : pages;
    if (!entry.v4_checked) {
      ++count.excluded_unchecked;
      continue;
    }
    if (!entry.v4_ok) {
      ++count.excluded_broken;
      continue;
    }
    ++count.total;
    if (entry.v6_ok) {
      ++count.reachable;
    } else if (count.unreachable.size() < k_max_listed) {
      const auto& record = m_site.urls[entry.target->url];
      count.unreachable.push_back({{"url", record.url},
                                   {"v4_status", record.fetch.status},
                                   {"v6_status", entry.v6_status},
                                   {"v6_error", entry.v6_error},
                                   {"reason", entry.v6_how}});
    }
  }
  const std::size_t total = pages.total + resources.total;
  const std::size_t reachable = pages.reachable + resources.reachable;
  const double ratio = total == 0 ? 1.0 : static_cast<double>(reachable) / total;
  const auto& line = level == 2 ? m_rules.level2_min_ratio : m_rules.level3_min_ratio;
  const char* check = level == 2 ? "ipv6.level2" : "ipv6.level3";
  const char* name = level == 2 ? "二级链接" : "三级链接";
  const bool pass = ratio >= line.value;
  m_items[level == 2 ? "level2" : "level3"] = pass ? "pass" : "fail";
  json evidence = {{"level", level},
                   {"depth", level - 1},
                   {"value", ratio},
                   {"threshold", line.value},
                   {"confidence", line.confidence},
                   {"total", total},
                   {"v6_reachable", reachable},
                   {"pages", pages.to_json()},
                   {"resources", resources.to_json()}};
  const std::string text = std::string(name) + " IPv6 支持率 " + std::to_string(reachable) + "/" +
                           std::to_string(total) + "（" + percent(ratio) + "；页面 " +
                           percent(pages.ratio()) + "，资源 " + percent(resources.ratio()) + "）";
  if (pass) {
    add(check, Severity::info, m_home, text, std::move(evidence));
  } else {
    add(check, Severity::failure, m_home, text + "，低于 " + percent(line.value),
        std::move(evidence));
  }
}

void Ipv6Judge::host_table(const std::vector<LevelEntry>& entries) {
  struct Row {
    std::size_t urls = 0;
    std::size_t unreachable = 0;
    std::set<std::uint32_t> pages; // pages that link to or embed an unreachable URL
    const scanner::FamilyFetch* probe = nullptr;
  };
  std::map<std::string, Row> rows;
  std::set<std::uint32_t> counted;
  for (const auto& entry : entries) {
    const auto& record = m_site.urls[entry.target->url];
    Row& row = rows[std::string(scanner::url_origin(record.url))];
    if (!counted.insert(entry.target->url).second) continue;
    ++row.urls;
    if (!entry.v4_ok || entry.v6_ok) continue;
    ++row.unreachable;
    for (const auto& referrer : record.referrers) {
      if (m_view.owns(referrer.page)) row.pages.insert(referrer.page);
    }
  }
  // A row per origin of the site's level links; an origin's first URL over IPv6 (its probe) may
  // have been another site's level link on the same origin.
  for (const auto& fetch : m_site.ipv6.fetches) {
    if (!fetch.host_probe) continue;
    auto row = rows.find(std::string(scanner::url_origin(fetch.url)));
    if (row != rows.end()) row->second.probe = &fetch;
  }
  for (const auto& [origin, row] : rows) {
    const std::string host(scanner::url_host(origin));
    const scanner::HostRecord* record = find_host(m_site, host);
    const std::string state =
        record == nullptr ? "unresolved" : aaaa_state(record->aaaa, m_allow_loopback);
    json v6_reachable;
    std::string probe_note;
    if (row.probe != nullptr && row.probe->fetched) {
      v6_reachable = row.probe->fetch.error == scanner::ErrorClass::none;
      probe_note = row.probe->fetch.error == scanner::ErrorClass::none
                       ? "HTTP " + std::to_string(row.probe->fetch.status)
                       : std::string(scanner::error_class_name(row.probe->fetch.error)) + ": " +
                             row.probe->fetch.error_detail;
    } else if (row.probe != nullptr) {
      v6_reachable = false;
      probe_note = row.probe->skip_reason;
    }
    json affected = json::array();
    for (std::uint32_t page : row.pages) {
      if (affected.size() >= 10) break;
      affected.push_back(m_site.urls[page].url);
    }
    json evidence = {
        {"host", host},
        {"origin", origin},
        {"a", record == nullptr ? json::array() : json(record->a.addresses)},
        {"aaaa", state},
        {"aaaa_addresses", record == nullptr ? json::array() : json(record->aaaa.addresses)},
        {"v6_reachable", v6_reachable},
        {"v6_probe", probe_note},
        {"level_urls", row.urls},
        {"v6_unreachable_urls", row.unreachable},
        {"pages_affected", row.pages.size()},
        {"pages_affected_sample", std::move(affected)}};
    const bool ok = row.unreachable == 0 && v6_reachable != json(false);
    add("ipv6.support", Severity::info, origin,
        "主机 " + host + "：AAAA " + state + "，IPv6 " +
            (v6_reachable.is_null()     ? std::string("未检查")
             : v6_reachable.get<bool>() ? "可达"
                                        : "不可达") +
            (ok ? std::string()
                : "，影响 " + std::to_string(row.pages.size()) + " 个页面（" +
                      std::to_string(row.unreachable) + " 个链接）"),
        std::move(evidence), m_home);
  }
}

void Ipv6Judge::judge_support() {
  std::vector<std::string> failed;
  std::vector<std::string> unmeasured;
  json items = json::object();
  for (const char* item : {"aaaa", "homepage", "level2", "level3"}) {
    const std::string result = m_items.count(item) != 0 ? m_items[item] : "not_measured";
    items[item] = result;
    if (result == "fail") failed.push_back(std::string("ipv6.") + item);
    if (result == "not_measured") unmeasured.push_back(std::string("ipv6.") + item);
  }
  json evidence = {{"supports_ipv6", failed.empty() && unmeasured.empty()},
                   {"items", std::move(items)},
                   {"rule", "ipv6.aaaa + ipv6.homepage + ipv6.level2 + ipv6.level3 all pass"}};
  auto list = [](const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : "、") + name;
    return text;
  };
  if (!failed.empty()) {
    add("ipv6.support", Severity::failure, m_home, "不支持IPv6：未通过 " + list(failed),
        std::move(evidence));
  } else if (!unmeasured.empty()) {
    // The IPv6 item of the score is then not assessed, not passed.
    evidence["measured"] = false;
    add("ipv6.support", Severity::warning, m_home,
        "IPv6 支持度无法判定：未检查 " + list(unmeasured), std::move(evidence));
  } else {
    add("ipv6.support", Severity::info, m_home, "支持IPv6（AAAA、首页、二级和三级链接均通过）",
        std::move(evidence));
  }
}

} // namespace

std::span<const std::string_view> Ipv6::ids() const {
  static constexpr std::string_view k_ids[] = {
      "ipv6.aaaa",   "ipv6.dns_auth", "ipv6.homepage", "ipv6.homepage_rate", "ipv6.consistency",
      "ipv6.level2", "ipv6.level3",   "ipv6.perf",     "ipv6.support"};
  return k_ids;
}

std::vector<Finding> Ipv6::conclude(const SiteView& site, const FactsStore*) const {
  return Ipv6Judge(site, m_rules, m_allow_loopback).run();
}

} // namespace checks
