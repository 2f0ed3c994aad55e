#include <checks/freshness/columns.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace checks {
namespace {

using FactsById = std::unordered_map<std::uint32_t, const FreshnessFacts*>;

constexpr std::size_t k_max_nav_text_chars = 20; // longer anchor texts are item titles

std::string path_of(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::size_t slash = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (slash == std::string_view::npos) return "/";
  std::string_view path = url.substr(slash);
  return std::string(path.substr(0, path.find_first_of("?#")));
}

// The "host:port" part of `url`.
std::string host_of(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::size_t begin = scheme == std::string_view::npos ? 0 : scheme + 3;
  std::size_t end = url.find_first_of("/?#", begin);
  return std::string(url.substr(begin, end == std::string_view::npos ? url.npos : end - begin));
}

// Directory depth of a column URL: "/xzdt/" and "/xzdt/index.html" are 1, "/zcwj/qzfbwj/" 2.
int path_level(std::string_view url) {
  std::string path = path_of(url);
  path = path.substr(0, path.rfind('/') + 1);
  return static_cast<int>(std::count(path.begin(), path.end(), '/')) - 1;
}

// True for URLs that look like a column's entry (a folder or its index page), not an article.
bool looks_like_column_url(std::string_view url) {
  std::string path = path_of(url);
  std::string file = path.substr(path.rfind('/') + 1);
  return file.empty() || file.starts_with("index") || file.starts_with("default");
}

// Union-find over page ids, for pagination groups.
struct Groups {
  std::unordered_map<std::uint32_t, std::uint32_t> parent;
  std::uint32_t find(std::uint32_t x) {
    auto it = parent.find(x);
    if (it == parent.end()) return parent[x] = x;
    if (it->second == x) return x;
    return it->second = find(it->second);
  }
  void join(std::uint32_t a, std::uint32_t b) { parent[find(a)] = find(b); }
};

// The most frequent short anchor text of the links to `record`, or empty.
std::string navigation_text(const scanner::UrlRecord& record) {
  std::map<std::string, int> counts;
  for (const auto& referrer : record.referrers) {
    if (referrer.kind != scanner::LinkKind::anchor || referrer.text.empty()) continue;
    if (utf8_length(referrer.text) > k_max_nav_text_chars) continue;
    ++counts[referrer.text];
  }
  std::string best;
  int best_count = 0;
  for (const auto& [text, count] : counts) {
    if (count > best_count) best = text, best_count = count;
  }
  return best;
}

class Discovery {
public:
  Discovery(const SiteView& site, const FreshnessEntries& facts, const FreshnessRules& rules,
            const AuditContext& context)
      : m_view(site), m_site(site.crawl()), m_rules(rules), m_context(context),
        m_as_of(context.as_of) {
    for (const auto* entry : facts) m_facts[entry->first] = &entry->second;
    // The site's own URLs only: another site's page is no page of this site's columns.
    for (std::uint32_t i = 0; i < m_site.urls.size(); ++i) {
      if (site.owns(i)) m_ids[m_site.urls[i].url] = i;
    }
    m_home = home_page_id(site);
    if (m_home >= 0) m_home_host = host_of(m_site.urls[static_cast<std::size_t>(m_home)].url);
    collect_accounts();
    // Every page's referrers are asked whether they are lists: answered once per page here.
    m_list_links.assign(m_site.urls.size(), -1);
    for (const auto& [id, fact] : m_facts) {
      if (static_cast<std::int64_t>(id) != m_home && m_accounts.count(id) == 0 &&
          fact->items >= static_cast<std::uint32_t>(m_rules.min_dated_items))
        m_list_links[id] = fact->other_links;
    }
  }

  std::vector<Column> run() {
    find_lists();
    find_blank_pages();
    find_error_entries();
    apply_config();
    for (auto& [url, column] : m_columns) judge(column);
    std::vector<Column> out;
    for (auto& [url, column] : m_columns) out.push_back(std::move(column));
    return out;
  }

private:
  const FreshnessFacts* facts_of(std::uint32_t id) const {
    auto it = m_facts.find(id);
    return it == m_facts.end() ? nullptr : it->second;
  }
  bool is_list(std::uint32_t id) const { return id < m_list_links.size() && m_list_links[id] >= 0; }

  // The detail of `fact`, or an empty one.
  static const FreshnessDetail& detail_of(const FreshnessFacts& fact) {
    static const FreshnessDetail k_none;
    return fact.detail ? *fact.detail : k_none;
  }

  void collect_accounts() {
    for (const auto& [id, fact] : m_facts) {
      for (const auto& account : detail_of(*fact).accounts) {
        auto it = m_ids.find(account.url);
        if (it != m_ids.end()) m_accounts.insert(it->second);
      }
    }
    for (const scanner::SiteConfig* site : site_configs(m_view, m_context)) {
      for (const auto& url : site->new_media) {
        auto it = m_ids.find(url);
        if (it != m_ids.end()) m_accounts.insert(it->second);
      }
    }
  }

  // List pages, grouped with the pages their pagination links lead to.
  void find_lists() {
    Groups groups;
    std::vector<std::uint32_t> lists;
    for (const auto& [id, fact] : m_facts) {
      if (!is_list(id)) continue;
      lists.push_back(id);
      groups.find(id);
      for (const auto& target : detail_of(*fact).pagination) {
        auto it = m_ids.find(target);
        if (it == m_ids.end() || static_cast<std::int64_t>(it->second) == m_home) continue;
        if (facts_of(it->second) == nullptr) continue;
        groups.join(id, it->second);
        m_paginated.insert(it->second);
      }
    }
    std::map<std::uint32_t, std::vector<std::uint32_t>> members;
    for (auto& [id, parent] : groups.parent) members[groups.find(id)].push_back(id);
    for (auto& [root, ids] : members) {
      // The column's URL is its first page: the one nearest the homepage, then the shortest.
      std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto& ra = m_site.urls[a];
        const auto& rb = m_site.urls[b];
        if (ra.depth != rb.depth) return ra.depth < rb.depth;
        if (ra.url.size() != rb.url.size()) return ra.url.size() < rb.url.size();
        return ra.url < rb.url;
      });
      if (!std::any_of(ids.begin(), ids.end(), [&](std::uint32_t id) { return is_list(id); })) {
        continue;
      }
      Column column = base_column(ids.front());
      for (std::uint32_t id : ids) {
        const FreshnessFacts* fact = facts_of(id);
        if (fact == nullptr) continue;
        m_grouped.insert(id);
        column.list_pages.push_back(m_site.urls[id].url);
        column.items += fact->items;
        const auto& newest = detail_of(*fact).newest;
        if (newest && (!column.newest || newest->date > column.newest->date)) {
          column.newest = newest;
        }
      }
      std::sort(column.list_pages.begin(), column.list_pages.end());
      m_columns[column.url] = std::move(column);
    }
  }

  Column base_column(std::uint32_t id) const {
    const scanner::UrlRecord& record = m_site.urls[id];
    Column column;
    column.url = record.url;
    column.discovered = true;
    column.level = path_level(record.url);
    const FreshnessFacts* fact = facts_of(id);
    std::string crumb = fact != nullptr ? detail_of(*fact).breadcrumb : "";
    std::string nav = navigation_text(record);
    std::string titled = title_name(record.title, m_rules);
    if (!crumb.empty()) {
      column.name = crumb, column.name_source = "breadcrumb";
    } else if (!nav.empty()) {
      column.name = nav, column.name_source = "navigation";
    } else {
      column.name = titled, column.name_source = "title";
    }
    return column;
  }

  // The largest number of non-item links on a list page that links to `record`: a page of the
  // column template links no more than that.
  std::int64_t sibling_links(const scanner::UrlRecord& record) const {
    std::int64_t most = -1;
    for (const auto& referrer : record.referrers) {
      if (referrer.kind != scanner::LinkKind::anchor || !is_list(referrer.page)) continue;
      most = std::max<std::int64_t>(most, m_list_links[referrer.page]);
    }
    return most;
  }

  // Pages of the column template without items: a placeholder text, or nothing of their own.
  void find_blank_pages() {
    std::unordered_set<std::uint64_t> home_lines;
    if (const FreshnessFacts* home =
            m_home >= 0 ? facts_of(static_cast<std::uint32_t>(m_home)) : nullptr) {
      const auto& lines = detail_of(*home).home_lines;
      home_lines.insert(lines.begin(), lines.end());
    }
    for (const auto& [id, fact] : m_facts) {
      if (static_cast<std::int64_t>(id) == m_home || m_accounts.count(id) != 0) continue;
      if (m_grouped.count(id) != 0 || m_paginated.count(id) != 0) continue;
      if (fact->items > 0 || fact->long_text || fact->child_links) continue;
      const FreshnessDetail& detail = detail_of(*fact);
      const scanner::UrlRecord& record = m_site.urls[id];
      std::int64_t siblings = sibling_links(record);
      // A placeholder text marks a blank column wherever it is linked from; an empty page must
      // share the template of a list page that links it (or hang off the homepage).
      bool linked_as_column = siblings >= 0 || record.depth == 1;
      if (!linked_as_column && detail.blank_phrase.empty()) continue;
      std::string style;
      std::string evidence;
      if (!detail.blank_phrase.empty()) {
        style = "text";
        evidence = detail.blank_line;
      } else {
        std::size_t own = 0;
        for (const auto& [hash, characters] : detail.own_lines) {
          if (home_lines.count(hash) == 0) own += characters;
        }
        bool template_only =
            siblings >= 0 && static_cast<std::int64_t>(fact->other_links) <= siblings + 1;
        if (own > static_cast<std::size_t>(m_rules.max_own_text_chars) || !template_only) continue;
        style = "empty";
        evidence = "no items, " + std::to_string(own) + " characters of own text";
      }
      // A column's name and class only for a page found blank: most candidates are articles.
      Column column = base_column(id);
      column.blank_style = std::move(style);
      column.blank_evidence = std::move(evidence);
      column.blank = true;
      column.list_pages.push_back(record.url);
      m_columns[column.url] = std::move(column);
    }
  }

  // Menu entries (column-like URLs linked from the homepage or a list page) that answer an error.
  void find_error_entries() {
    for (std::uint32_t id = 0; id < m_site.urls.size(); ++id) {
      const scanner::UrlRecord& record = m_site.urls[id];
      // Only HTTP errors on the site's own host: other hosts' outages are links.broken's.
      if (!record.in_scope || record.state != scanner::UrlState::fetched) continue;
      if (!m_view.owns(id)) continue;
      if (record.fetch.error != scanner::ErrorClass::none || record.fetch.status < 400) continue;
      if (host_of(record.url) != m_home_host) continue;
      if (!looks_like_column_url(record.url) || m_columns.count(record.url) != 0) continue;
      std::string text;
      for (const auto& referrer : record.referrers) {
        bool from_menu =
            static_cast<std::int64_t>(referrer.page) == m_home || is_list(referrer.page);
        if (referrer.kind == scanner::LinkKind::anchor && from_menu && !referrer.text.empty() &&
            utf8_length(referrer.text) <= k_max_nav_text_chars) {
          text = referrer.text;
          break;
        }
      }
      if (text.empty()) continue;
      Column column;
      column.url = record.url;
      column.name = text;
      column.name_source = "navigation";
      column.discovered = true;
      column.level = path_level(record.url);
      column.blank = true;
      column.blank_style = "http_404";
      column.blank_evidence = record.fetch.error == scanner::ErrorClass::none
                                  ? "HTTP " + std::to_string(record.fetch.status)
                                  : std::string(scanner::error_class_name(record.fetch.error));
      m_columns[column.url] = std::move(column);
    }
  }

  void apply_config() {
    for (const scanner::SiteConfig* site : site_configs(m_view, m_context)) {
      for (const auto& configured : site->columns) {
        auto found = m_columns.find(configured.url);
        if (found == m_columns.end()) {
          auto id = m_ids.find(configured.url);
          Column column;
          if (id != m_ids.end() && facts_of(id->second) != nullptr) {
            column = base_column(id->second);
            const FreshnessFacts* fact = facts_of(id->second);
            const FreshnessDetail& detail = detail_of(*fact);
            column.items = fact->items;
            column.newest = detail.newest;
            column.list_pages.push_back(configured.url);
            if (column.items == 0 && !detail.blank_phrase.empty()) {
              column.blank = true;
              column.blank_style = "text";
              column.blank_evidence = detail.blank_line;
            }
          } else {
            column.url = configured.url;
            column.level = path_level(configured.url);
            column.blank_style = "not_crawled";
          }
          column.discovered = false;
          found = m_columns.emplace(configured.url, std::move(column)).first;
        }
        Column& column = found->second;
        column.configured = true;
        if (!configured.name.empty()) column.name = configured.name, column.name_source = "config";
        if (!configured.column_class.empty()) {
          column.column_class = configured.column_class;
          column.class_source = "config";
        }
        if (configured.level > 0) column.level = configured.level;
      }
    }
  }

  void judge(Column& column) const {
    const ColumnClass* rule = nullptr;
    if (column.class_source == "config") {
      rule = m_rules.find_class(column.column_class);
    } else if ((rule = m_rules.classify(column.name)) != nullptr) {
      column.column_class = rule->id;
      for (const auto& word : rule->names) {
        if (contains(column.name, word)) {
          column.class_source = "name rule: " + word;
          break;
        }
      }
    } else {
      column.column_class = m_rules.unknown_class;
      column.class_source = "no rule";
    }
    if (column.newest) column.days_stale = core::days_between(column.newest->date, m_as_of);
    if (rule == nullptr || !rule->window.defined() || column.blank ||
        column.blank_style == "not_crawled") {
      return;
    }
    core::CivilDate cutoff = window_start(m_as_of, rule->window);
    column.cutoff = format_date(cutoff);
    // An item without a visible date counts as not updated.
    column.stale = !column.newest || column.newest->date < cutoff;
  }

  const SiteView& m_view;
  const scanner::Site& m_site; // the whole crawl
  const FreshnessRules& m_rules;
  const AuditContext& m_context;
  core::CivilDate m_as_of;
  FactsById m_facts;
  std::unordered_map<std::string_view, std::uint32_t> m_ids; // views into m_site.urls
  std::int64_t m_home = -1;
  std::string m_home_host;
  std::unordered_set<std::uint32_t> m_accounts;
  // Per URL id: the other_links fact of a list page (a page with enough dated items that is
  // neither the homepage nor an account's), -1 for any other URL.
  std::vector<std::int64_t> m_list_links;
  std::unordered_set<std::uint32_t> m_grouped;
  std::unordered_set<std::uint32_t> m_paginated;
  std::map<std::string, Column> m_columns; // by URL
};

} // namespace

std::int64_t home_page_id(const SiteView& site) {
  if (site.home().empty()) return -1;
  const auto& urls = site.crawl().urls;
  std::string target = site.home();
  for (int hop = 0; hop < 2; ++hop) {
    for (std::uint32_t i = 0; i < urls.size(); ++i) {
      if (urls[i].url != target) continue;
      if (urls[i].is_page) return i;
      if (urls[i].fetch.final_url.empty()) return -1;
      target = urls[i].fetch.final_url;
      break;
    }
  }
  return -1;
}

std::vector<Column> discover_columns(const SiteView& site, const FreshnessEntries& facts,
                                     const FreshnessRules& rules, const AuditContext& context) {
  return Discovery(site, facts, rules, context).run();
}

} // namespace checks
