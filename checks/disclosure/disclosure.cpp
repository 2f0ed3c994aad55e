#include <checks/content_util.hpp>
#include <checks/disclosure/disclosure.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace checks {
namespace {

using content::is_digit;

std::vector<DisclosureCategory> read_categories(const rules::Section& section,
                                                std::string_view key) {
  std::vector<DisclosureCategory> categories;
  const nlohmann::json& list = section.raw(key);
  if (list.is_null()) return categories;
  if (!list.is_array()) {
    section.bad_value(key, "must be an array of categories", list);
    return categories;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& item = list[i];
    const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    bool valid = item.is_object() && item.contains("key") && item["key"].is_string() &&
                 item.contains("name") && item["name"].is_string() && item.contains("synonyms") &&
                 item["synonyms"].is_array() && !item["synonyms"].empty();
    for (const auto& synonym : valid ? item["synonyms"] : nlohmann::json::array()) {
      valid = valid && synonym.is_string() && !synonym.get_ref<const std::string&>().empty();
    }
    if (!valid) {
      section.problem(where, "needs \"key\", \"name\" and non-empty \"synonyms\" (non-empty "
                             "strings)");
      continue;
    }
    DisclosureCategory category{
        item["key"].get<std::string>(), item["name"].get<std::string>(), {}};
    for (const auto& synonym : item["synonyms"])
      category.synonyms.push_back(synonym.get<std::string>());
    categories.push_back(std::move(category));
  }
  return categories;
}

// The YYYY-MM-DD strings of `key` (possibly none) as dates.
std::vector<core::CivilDate> read_dates(const rules::Section& section, std::string_view key) {
  std::vector<core::CivilDate> dates;
  for (const auto& text : section.strings_or_empty(key)) {
    const core::CivilDate date = core::parse_iso_date(text);
    if (date.year == 0) {
      section.problem(key, "must hold YYYY-MM-DD dates, got \"" + text + "\"");
      continue;
    }
    dates.push_back(date);
  }
  return dates;
}

// "MM-DD" -> month and day.
void read_month_day(const rules::Section& section, std::string_view key, int& month, int& day) {
  const std::string text = section.string(key);
  if (text.empty()) return;
  if (text.size() != 5 || text[2] != '-' || !is_digit(text[0]) || !is_digit(text[1]) ||
      !is_digit(text[3]) || !is_digit(text[4])) {
    section.problem(key, "must be \"MM-DD\"");
    return;
  }
  month = (text[0] - '0') * 10 + (text[1] - '0');
  day = (text[3] - '0') * 10 + (text[4] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) section.problem(key, "is not a date");
}

std::string url_of(const scanner::Site& site, std::uint32_t page_id) {
  return page_id < site.urls.size() ? site.urls[page_id].url : std::string();
}

// Where a finding about the site's own section is seen, when the section it found is another
// configured site's (a department linking the portal's platform): the site's homepage, so that
// the finding is the linking site's. Empty otherwise, as for every section on the site itself.
std::string seen_from(const SiteView& site, const std::string& url) {
  return site.foreign(url) ? site.home() : std::string();
}

// URL (a view into site.urls) -> index in site.urls: built once per site concluded, so no copy
// of every URL.
std::unordered_map<std::string_view, std::size_t> url_index(const scanner::Site& site) {
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(site.urls.size());
  for (std::size_t i = 0; i < site.urls.size(); ++i) index.emplace(site.urls[i].url, i);
  return index;
}

// Whether `url` was fetched and answered below 400 (unknown URLs count as not working).
bool url_works(const scanner::Site& site,
               const std::unordered_map<std::string_view, std::size_t>& index,
               const std::string& url) {
  auto it = index.find(url);
  return it != index.end() && site.urls[it->second].fetch.ok();
}

nlohmann::json date_or_null(const core::CivilDate& date) {
  return date.year == 0 ? nlohmann::json() : nlohmann::json(content::iso_date(date));
}

// The part (guide, rules ...) whose names `text` contains, or empty.
std::string match_part(std::string_view text, const DisclosureRules& rules) {
  for (const auto& [part, names] : rules.parts) {
    if (content::contains_any(text, names)) return part;
  }
  return {};
}

// Anchors of `page` naming a part: (part, url).
std::vector<std::pair<std::string, std::string>> part_links(const scanner::Page& page,
                                                            const DisclosureRules& rules) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& link : page.links) {
    if (link.kind != scanner::LinkKind::anchor || link.url.empty()) continue;
    std::string part = match_part(link.text, rules);
    if (!part.empty()) found.emplace_back(std::move(part), link.url);
  }
  return found;
}

// Whether `page` is where the 政府信息公开 column and its parts are linked: the homepage, the
// pages it links (the column is a first-level entry of the portal), and the column's own page
// wherever it is (its title names it). Deeper pages only repeat the template's menu, whose links
// would otherwise be kept once per page of the site.
bool links_disclosure_parts(const scanner::Page& page, const DisclosureRules& rules) {
  if (page.depth == 0 || page.depth == 1) return true;
  const auto head = content::title_head(page.title, rules.title_separators);
  return std::find(rules.platform_names.begin(), rules.platform_names.end(), head) !=
         rules.platform_names.end();
}

// The items a column page lists: distinct anchors below the page's own folder that are not
// themselves list pages (index.html, index_1.html, the folder).
std::size_t column_items(const scanner::Page& page) {
  const std::string_view url = page.url;
  const std::string_view folder = url.substr(0, url.rfind('/') + 1);
  std::set<std::string_view> items;
  for (const auto& link : page.links) {
    if (link.kind != scanner::LinkKind::anchor || link.url.size() <= folder.size() ||
        !std::string_view(link.url).starts_with(folder) || link.url.back() == '/')
      continue;
    const std::string_view name = std::string_view(link.url).substr(link.url.rfind('/') + 1);
    if (!name.starts_with("index")) items.insert(link.url);
  }
  return items.size();
}

} // namespace

DisclosureRules read_disclosure_rules(const rules::Section& section) {
  DisclosureRules rules;
  const auto platform = section.child("platform");
  rules.platform_names = platform.strings("names");
  const auto part_section = platform.child("parts");
  const nlohmann::json& part_names = platform.raw("parts");
  if (part_names.is_object()) {
    for (const auto& [part, names] : part_names.items()) {
      rules.parts.emplace_back(part, part_section.strings(part));
    }
  }
  rules.required_parts = platform.strings_or_empty("required_parts");
  for (const auto& part : rules.required_parts) {
    bool known = false;
    for (const auto& [name, names] : rules.parts) known = known || name == part;
    if (!known) platform.problem("required_parts", "names an unknown part \"" + part + "\"");
  }
  rules.guide_max_age_days =
      static_cast<int>(section.child("guide").integer("max_age_days", 1, 100000));
  rules.title_separators = section.strings("title_separators");
  rules.publish_labels = section.strings("publish_labels");
  const auto delay = section.child("publication_delay");
  rules.written_labels = delay.strings("written_labels");
  rules.max_working_days = static_cast<int>(delay.integer("max_working_days", 1, 1000));
  rules.holidays = read_dates(delay, "holidays");
  rules.extra_workdays = read_dates(delay, "extra_workdays");
  const auto catalogue = section.child("catalogue");
  rules.catalogue_page_names = catalogue.strings("page_names");
  rules.categories = read_categories(catalogue, "categories");
  if (rules.categories.empty() && catalogue.has("categories")) {
    catalogue.problem("categories", "must not be empty");
  }
  if (catalogue.boolean("include_article21")) {
    auto extra = read_categories(catalogue, "article21");
    rules.categories.insert(rules.categories.end(), extra.begin(), extra.end());
  }
  rules.not_applicable = catalogue.strings_or_empty("not_applicable");
  const auto report = section.child("annual_report");
  rules.report_title_markers = report.strings("title_markers");
  rules.first_report_year = static_cast<int>(report.integer("first_year", 1990, 2200));
  rules.body_kind = report.string("body_kind");
  const auto deadlines = report.child("deadlines");
  if (!rules.body_kind.empty()) {
    read_month_day(deadlines, rules.body_kind, rules.deadline_month, rules.deadline_day);
  }
  rules.required_headings = report.strings("required_headings");
  const auto interpretation = section.child("interpretation");
  rules.crumb_markers = interpretation.strings("crumb_markers");
  rules.crumb_separators = interpretation.strings("crumb_separators");
  rules.document_columns = interpretation.strings("document_columns");
  rules.interpretation_columns = interpretation.strings("interpretation_columns");
  rules.document_link_labels = interpretation.strings("document_link_labels");
  rules.interpretation_link_labels = interpretation.strings("interpretation_link_labels");
  rules.max_gap_days = static_cast<int>(interpretation.integer("max_gap_days", 0, 10000));
  return rules;
}

std::string crumb_column(const scanner::Page& page, const DisclosureRules& rules) {
  std::string_view text = page.text;
  for (const auto& marker : rules.crumb_markers) {
    const std::size_t at = text.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view line = content::line_at(text, at);
    line = line.substr(line.find(marker));
    std::size_t cut = std::string_view::npos;
    std::size_t cut_size = 0;
    for (const auto& separator : rules.crumb_separators) {
      const std::size_t found = line.rfind(separator);
      if (found != std::string_view::npos && (cut == std::string_view::npos || found > cut)) {
        cut = found;
        cut_size = separator.size();
      }
    }
    if (cut == std::string_view::npos) return {};
    return std::string(content::trim(line.substr(cut + cut_size)));
  }
  return {};
}

std::string match_category(std::string_view name, const DisclosureRules& rules) {
  for (const auto& category : rules.categories) {
    if (content::contains_any(name, category.synonyms)) return category.key;
  }
  return {};
}

int annual_report_year(const scanner::Page& page, const DisclosureRules& rules) {
  const std::string_view title = page.title;
  std::string marker;
  if (!content::contains_any(title, rules.report_title_markers, &marker)) return 0;
  const std::size_t end = title.find(marker);
  // The last four-digit year before the marker: "青石区人民政府2023年政府信息公开工作年度报告".
  int year = 0;
  for (std::size_t at = 0; at + 4 <= end; ++at) {
    if (is_digit(title[at]) && is_digit(title[at + 1]) && is_digit(title[at + 2]) &&
        is_digit(title[at + 3]) && (at == 0 || !is_digit(title[at - 1])) &&
        (at + 4 >= title.size() || !is_digit(title[at + 4]))) {
      const int value = (title[at] - '0') * 1000 + (title[at + 1] - '0') * 100 +
                        (title[at + 2] - '0') * 10 + (title[at + 3] - '0');
      if (value >= 1990 && value <= 2200) year = value;
    }
  }
  return year;
}

std::span<const std::string_view> Disclosure::ids() const {
  static constexpr std::string_view k_ids[] = {"disclose.platform", "disclose.guide",
                                               "disclose.catalogue", "disclose.annual_report",
                                               "disclose.interpretation"};
  return k_ids;
}

int working_days_after(const core::CivilDate& written, const core::CivilDate& published,
                       const DisclosureRules& rules) {
  auto listed = [](const std::vector<core::CivilDate>& dates, const core::CivilDate& day) {
    return std::find(dates.begin(), dates.end(), day) != dates.end();
  };
  const long span = core::days_between(written, published);
  int count = 0;
  for (long offset = 1; offset <= span; ++offset) {
    const core::CivilDate day = core::add_days(written, offset);
    if (listed(rules.extra_workdays, day)) {
      ++count;
    } else if (core::weekday(day) < 5 && !listed(rules.holidays, day)) {
      ++count;
    }
  }
  return count;
}

namespace {

// The 第二十六条 warning for `page`, when it shows a 成文日期 and a publication date too far
// apart.
std::optional<Finding> publication_delay(const scanner::Page& page, const DisclosureRules& rules,
                                         std::string_view check) {
  const core::CivilDate written = content::labelled_date(page, rules.written_labels);
  const core::CivilDate published = content::labelled_date(page, rules.publish_labels);
  if (written.year == 0 || published.year == 0) return std::nullopt;
  const int days = working_days_after(written, published, rules);
  if (days <= rules.max_working_days) return std::nullopt;
  return Finding{std::string(check),
                 Severity::warning,
                 page.url,
                 {},
                 "信息自成文（" + content::iso_date(written) + "）至公开（" +
                     content::iso_date(published) + "）用了 " + std::to_string(days) +
                     " 个工作日，超过 " + std::to_string(rules.max_working_days) + " 个工作日",
                 {{"problem", "late_publication"},
                  {"written", content::iso_date(written)},
                  {"published", content::iso_date(published)},
                  {"working_days", days},
                  {"threshold", rules.max_working_days}}};
}

} // namespace

std::optional<DisclosureFacts> Disclosure::collect(const scanner::Page& page,
                                                   std::vector<Finding>& findings) const {
  if (auto late = publication_delay(page, m_rules, "disclose.catalogue")) {
    findings.push_back(std::move(*late));
  }
  // Every page's size as a list (dates shown, newest) so that a category's page can be judged.
  DisclosureFacts facts;
  facts.items = static_cast<std::uint32_t>(column_items(page));
  facts.newest = content::newest_date(page);
  auto parts = std::make_unique<DisclosurePage>();
  bool kept = false;
  const auto head = content::title_head(page.title, m_rules.title_separators);
  // disclose.platform and disclose.guide: the column and its parts where they are linked.
  if (links_disclosure_parts(page, m_rules)) {
    for (const auto& link : page.links) {
      if (link.kind != scanner::LinkKind::anchor || link.url.empty()) continue;
      for (const auto& name : m_rules.platform_names) {
        if (content::trim(link.text) == name) parts->platform_links.push_back(link.url);
      }
    }
    parts->part_links = part_links(page, m_rules);
    kept = !parts->platform_links.empty() || !parts->part_links.empty();
  }
  parts->guide_page = match_part(head, m_rules) == "guide";
  kept = kept || parts->guide_page;
  // disclose.catalogue: the catalogue page's categories.
  if (content::contains_any(head, m_rules.catalogue_page_names)) {
    parts->catalogue_page = true;
    kept = true;
    for (const auto& link : page.links) {
      if (link.kind != scanner::LinkKind::anchor || link.url.empty()) continue;
      std::string key = match_category(link.text, m_rules);
      if (!key.empty()) parts->catalogue.push_back({std::move(key), link.url, link.text});
    }
  }
  // disclose.annual_report.
  if (const int year = annual_report_year(page, m_rules); year != 0) {
    kept = true;
    parts->report_year = year;
    parts->report_published = content::labelled_date(page, m_rules.publish_labels);
    for (const auto& heading : m_rules.required_headings) {
      if (page.text.find(heading) == std::string::npos) parts->report_missing.push_back(heading);
    }
  }
  // disclose.interpretation: a document or a 解读, by its breadcrumb's column.
  std::string column = crumb_column(page, m_rules);
  std::string role;
  for (const auto& name : m_rules.document_columns) {
    if (!column.empty() && column == name) role = "document";
  }
  for (const auto& name : m_rules.interpretation_columns) {
    if (!column.empty() && column == name) role = "interpretation";
  }
  // A column's own list page carries the column's name as its title.
  if (!role.empty() && head != column) {
    kept = true;
    const auto& labels =
        role == "document" ? m_rules.document_link_labels : m_rules.interpretation_link_labels;
    for (std::size_t i = 0; i < page.links.size() && i < page.link_offsets.size(); ++i) {
      const scanner::Link& link = page.links[i];
      if (link.kind != scanner::LinkKind::anchor || link.url.empty() || link.url == page.url)
        continue;
      const std::string_view line =
          content::trim(content::line_at(page.text, page.link_offsets[i]));
      for (const auto& label : labels) {
        if (line.starts_with(label)) {
          parts->role_links.push_back(link.url);
          break;
        }
      }
    }
    parts->role = std::move(role);
    parts->column = std::move(column);
    parts->published = content::labelled_date(page, m_rules.publish_labels);
  }
  if (kept) facts.parts = std::move(parts);
  return facts;
}

std::vector<Finding> Disclosure::conclude_site(const SiteView& site, const Entries& facts) const {
  std::vector<Finding> findings;
  judge_platform(site, facts, findings);
  judge_guide(site, facts, findings);
  judge_catalogue(site, facts, findings);
  judge_annual_reports(site, facts, findings);
  judge_interpretations(site, facts, findings);
  return findings;
}

void Disclosure::judge_platform(const SiteView& view, const Entries& facts,
                                std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  const auto index = url_index(site);
  std::set<std::string> platform_urls;
  std::map<std::string, std::set<std::string>> parts;
  for (const auto* entry : facts) {
    const DisclosurePage* page = entry->second.parts.get();
    if (page == nullptr) continue;
    platform_urls.insert(page->platform_links.begin(), page->platform_links.end());
    for (const auto& [part, url] : page->part_links) parts[part].insert(url);
  }
  const std::string home = view.home();
  std::string platform_url;
  for (const auto& url : platform_urls) {
    if (url_works(site, index, url)) {
      platform_url = url;
      break;
    }
  }
  nlohmann::json found = nlohmann::json::object();
  for (const auto& [part, urls] : parts)
    found[part] = std::vector<std::string>(urls.begin(), urls.end());
  if (platform_url.empty()) {
    findings.push_back({"disclose.platform",
                        Severity::failure,
                        home,
                        {},
                        "未找到可访问的“政府信息公开”专栏",
                        {{"platform_links", platform_urls}, {"parts", found}}});
    return;
  }
  std::vector<std::string> missing;
  for (const auto& part : m_rules.required_parts) {
    bool works = false;
    for (const auto& url : parts[part]) works = works || url_works(site, index, url);
    if (!works) missing.push_back(part);
  }
  nlohmann::json evidence = {
      {"column", platform_url}, {"parts", found}, {"missing_parts", missing}};
  if (missing.empty()) {
    findings.push_back({"disclose.platform", Severity::info, platform_url,
                        seen_from(view, platform_url), "政府信息公开专栏及其子栏目齐全",
                        std::move(evidence)});
  } else {
    std::string names;
    for (const auto& part : missing) names += (names.empty() ? "" : "、") + part;
    findings.push_back({"disclose.platform", Severity::warning, platform_url,
                        seen_from(view, platform_url), "政府信息公开专栏缺少子栏目：" + names,
                        std::move(evidence)});
  }
}

void Disclosure::judge_guide(const SiteView& view, const Entries& facts,
                             std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  const auto index = url_index(site);
  std::set<std::string> links;
  std::map<std::string, core::CivilDate> newest; // guide page URL -> newest date
  for (const auto* entry : facts) {
    const DisclosurePage* page = entry->second.parts.get();
    if (page == nullptr) continue;
    for (const auto& [part, url] : page->part_links) {
      if (part == "guide") links.insert(url);
    }
    if (page->guide_page) newest[url_of(site, entry->first)] = entry->second.newest;
  }
  for (const auto& url : links) {
    if (!url_works(site, index, url)) continue;
    nlohmann::json evidence = {{"guide", url}, {"max_age_days", m_rules.guide_max_age_days}};
    auto it = newest.find(url);
    const core::CivilDate date = it != newest.end() ? it->second : core::CivilDate{};
    evidence["newest"] = date_or_null(date);
    if (date.year != 0 && m_as_of.year != 0 &&
        core::days_between(date, m_as_of) > m_rules.guide_max_age_days) {
      evidence["value"] = core::days_between(date, m_as_of);
      evidence["threshold"] = m_rules.guide_max_age_days;
      Finding finding{"disclose.guide",
                      Severity::warning,
                      url,
                      seen_from(view, url),
                      "政府信息公开指南最近更新于 " + content::iso_date(date) +
                          "，已超过一年，请人工确认",
                      std::move(evidence)};
      finding.review = true;
      findings.push_back(std::move(finding));
      return;
    }
    findings.push_back({"disclose.guide", Severity::info, url, seen_from(view, url),
                        "已发布政府信息公开指南", std::move(evidence)});
    return;
  }
  findings.push_back({"disclose.guide",
                      Severity::failure,
                      view.home(),
                      {},
                      "未找到可访问的政府信息公开指南",
                      {{"guide_links", links}}});
}

void Disclosure::judge_catalogue(const SiteView& view, const Entries& facts,
                                 std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  std::unordered_map<std::string_view, const DisclosureFacts*> by_url;
  std::string catalogue_url;
  std::map<std::string, std::pair<std::string, std::string>> entries; // key -> (url, text)
  for (const auto* entry : facts) {
    const std::string_view url = site.urls[entry->first].url;
    by_url[url] = &entry->second;
    const DisclosurePage* page = entry->second.parts.get();
    if (page == nullptr || !page->catalogue_page) continue;
    if (catalogue_url.empty()) catalogue_url = url;
    for (const auto& [key, link, text] : page->catalogue) {
      entries.emplace(key, std::make_pair(link, text));
    }
  }
  if (catalogue_url.empty()) {
    findings.push_back({"disclose.catalogue",
                        Severity::failure,
                        view.home(),
                        {},
                        "未找到法定主动公开内容目录",
                        {{"page_names", m_rules.catalogue_page_names}}});
    return;
  }
  std::size_t present = 0;
  nlohmann::json table = nlohmann::json::array();
  for (const auto& category : m_rules.categories) {
    auto it = entries.find(category.key);
    nlohmann::json row = {{"category", category.key}, {"name", category.name}};
    bool not_applicable = false;
    for (const auto& key : m_rules.not_applicable)
      not_applicable = not_applicable || key == category.key;
    if (it == entries.end()) {
      row["state"] = not_applicable ? "not_applicable" : "missing";
      table.push_back(row);
      row["review"] = not_applicable;
      Finding finding{"disclose.catalogue",
                      not_applicable ? Severity::warning : Severity::failure,
                      catalogue_url,
                      {},
                      (not_applicable
                           ? "法定主动公开内容缺少类别（可能不适用于本机关，请人工确认）："
                           : "法定主动公开内容缺少第二十条规定的类别：") +
                          category.name,
                      std::move(row)};
      finding.review = not_applicable;
      finding.key = category.key;
      findings.push_back(std::move(finding));
      continue;
    }
    ++present;
    const auto& [url, text] = it->second;
    row["url"] = url;
    row["label"] = text;
    auto page = by_url.find(url);
    if (page == by_url.end()) {
      row["state"] = "not_crawled";
      table.push_back(row);
      continue;
    }
    const std::uint32_t items = page->second->items;
    row["items"] = items;
    row["newest"] = date_or_null(page->second->newest);
    row["state"] = items == 0 ? "empty" : "present";
    table.push_back(row);
    if (items == 0) {
      // Two categories may share one page: the category tells them apart.
      Finding finding{"disclose.catalogue",
                      Severity::warning,
                      url,
                      catalogue_url,
                      "法定主动公开内容类别没有内容（按空白栏目计）：" + category.name,
                      std::move(row)};
      finding.key = category.key;
      findings.push_back(std::move(finding));
    }
  }
  const double ratio =
      static_cast<double>(present) / static_cast<double>(m_rules.categories.size());
  Finding summary{"disclose.catalogue",
                  Severity::info,
                  catalogue_url,
                  {},
                  "法定主动公开内容覆盖 " + std::to_string(present) + "/" +
                      std::to_string(m_rules.categories.size()) + " 个类别",
                  {{"completeness", ratio}, {"categories", std::move(table)}}};
  summary.key = "summary";
  findings.push_back(std::move(summary));
}

void Disclosure::judge_annual_reports(const SiteView& view, const Entries& facts,
                                      std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  std::map<int, std::pair<std::string, const DisclosurePage*>> reports; // year -> first report
  for (const auto* entry : facts) {
    const DisclosurePage* page = entry->second.parts.get();
    if (page == nullptr || page->report_year == 0) continue;
    reports.emplace(page->report_year, std::make_pair(url_of(site, entry->first), page));
  }
  const std::string home = view.home();
  auto add = [&](Severity severity, const std::string& url, std::string message,
                 nlohmann::json evidence, std::string key, bool review = false) {
    Finding finding{"disclose.annual_report", severity,           url, {},
                    std::move(message),       std::move(evidence)};
    finding.key = std::move(key);
    finding.review = review;
    findings.push_back(std::move(finding));
  };
  for (const auto& [year, report] : reports) {
    const auto& [url, page] = report;
    const core::CivilDate deadline{year + 1, m_rules.deadline_month, m_rules.deadline_day};
    nlohmann::json evidence = {{"year", year},
                               {"published", date_or_null(page->report_published)},
                               {"deadline", content::iso_date(deadline)},
                               {"body_kind", m_rules.body_kind},
                               {"headings_missing", page->report_missing}};
    bool fine = true;
    if (page->report_published.year == 0) {
      // Keyed as the late report below: it may turn out late.
      add(Severity::warning, url,
          std::to_string(year) + " 年年度报告未标注发布时间，无法判断是否按时发布", evidence,
          "published", true);
      fine = false;
    } else if (page->report_published > deadline) {
      nlohmann::json late = evidence;
      late["problem"] = "late";
      late["value"] = content::iso_date(page->report_published);
      late["threshold"] = content::iso_date(deadline);
      late["days_late"] = core::days_between(deadline, page->report_published);
      add(Severity::failure, url,
          std::to_string(year) + " 年年度报告发布于 " + content::iso_date(page->report_published) +
              "，晚于 " + content::iso_date(deadline) + " 的期限",
          std::move(late), "published");
      fine = false;
    }
    if (!page->report_missing.empty()) {
      std::string names;
      for (const auto& heading : page->report_missing)
        names += (names.empty() ? "" : "、") + heading;
      nlohmann::json incomplete = evidence;
      incomplete["problem"] = "incomplete";
      add(Severity::failure, url, std::to_string(year) + " 年年度报告缺少规定内容：" + names,
          std::move(incomplete), "headings");
      fine = false;
    }
    if (fine) {
      add(Severity::info, url, std::to_string(year) + " 年年度报告按时发布且内容完整",
          std::move(evidence), {});
    }
  }
  if (m_as_of.year == 0) return;
  for (int year = m_rules.first_report_year; year < m_as_of.year; ++year) {
    const core::CivilDate deadline{year + 1, m_rules.deadline_month, m_rules.deadline_day};
    if (reports.count(year) != 0 || !(deadline < m_as_of)) continue;
    // Every missing year is about the homepage: the year tells them apart.
    add(Severity::failure, home, "未找到 " + std::to_string(year) + " 年政府信息公开工作年度报告",
        {{"year", year},
         {"problem", "missing"},
         {"deadline", content::iso_date(deadline)},
         {"years_found", nlohmann::json(reports.size())}},
        std::to_string(year));
  }
}

void Disclosure::judge_interpretations(const SiteView& view, const Entries& facts,
                                       std::vector<Finding>& findings) const {
  const scanner::Site& site = view.crawl();
  std::map<std::string, const DisclosurePage*> documents;
  std::map<std::string, const DisclosurePage*> interpretations;
  std::map<std::string, std::set<std::string>> linked_back; // document -> interpretations
  for (const auto* entry : facts) {
    const DisclosurePage* page = entry->second.parts.get();
    if (page == nullptr || page->role.empty()) continue;
    const std::string url = url_of(site, entry->first);
    if (page->role == "document") {
      documents[url] = page;
    } else {
      interpretations[url] = page;
      for (const auto& target : page->role_links) linked_back[target].insert(url);
    }
  }
  // A column where no document is linked with any 解读 is not practising 三同步 at all (or is
  // a general file column): one warning for it instead of a failure per document.
  std::map<std::string, std::size_t> column_links;
  std::map<std::string, std::size_t> column_documents;
  for (const auto& [url, page] : documents) {
    ++column_documents[page->column];
    if (!page->role_links.empty() || linked_back.count(url) != 0) ++column_links[page->column];
  }
  auto add = [&](Severity severity, const std::string& url, std::string message,
                 nlohmann::json evidence) {
    findings.push_back(
        {"disclose.interpretation", severity, url, {}, std::move(message), std::move(evidence)});
    return &findings.back();
  };
  for (const auto& [column, count] : column_documents) {
    if (column_links[column] != 0) continue;
    // One per column, all about the homepage: the column tells them apart.
    Finding* finding = add(Severity::warning, view.home(),
                           "栏目“" + column + "”的 " + std::to_string(count) +
                               " 篇文件均未关联政策解读，请人工确认是否属于应解读的政策文件",
                           {{"column", column}, {"documents", count}});
    finding->review = true;
    finding->key = column;
  }
  for (const auto& [url, page] : documents) {
    if (column_links[page->column] == 0) continue;
    const std::set<std::string> forward(page->role_links.begin(), page->role_links.end());
    const std::set<std::string>& back = linked_back[url];
    std::string both;
    for (const auto& target : forward) {
      if (back.count(target) != 0) {
        both = target;
        break;
      }
    }
    nlohmann::json evidence = {{"document", url},
                               {"document_date", date_or_null(page->published)},
                               {"links_to", forward},
                               {"linked_from", back}};
    if (!both.empty()) {
      const DisclosurePage& partner = *interpretations[both];
      evidence["interpretation"] = both;
      evidence["interpretation_date"] = date_or_null(partner.published);
      if (page->published.year != 0 && partner.published.year != 0) {
        const long gap = std::labs(core::days_between(page->published, partner.published));
        evidence["gap_days"] = gap;
        if (gap > m_rules.max_gap_days) {
          evidence["value"] = gap;
          evidence["threshold"] = m_rules.max_gap_days;
          add(Severity::warning, url, "政策文件与其解读发布相隔 " + std::to_string(gap) + " 天",
              std::move(evidence));
        }
      }
      continue;
    }
    if (!forward.empty()) {
      evidence["problem"] = "doc_to_interp_only";
      evidence["interpretation"] = *forward.begin();
      add(Severity::failure, url,
          "政策文件链接了解读，但解读未链接回文件（未双向关联）：" + *forward.begin(),
          std::move(evidence));
    } else if (!back.empty()) {
      evidence["problem"] = "interp_to_doc_only";
      evidence["interpretation"] = *back.begin();
      add(Severity::failure, url,
          "解读链接了政策文件，但文件未链接解读（未双向关联）：" + *back.begin(),
          std::move(evidence));
    } else {
      evidence["problem"] = "no_interpretation";
      add(Severity::failure, url, "政策文件没有关联的政策解读", std::move(evidence));
    }
  }
}

} // namespace checks
