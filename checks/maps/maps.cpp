#include <checks/content_util.hpp>
#include <checks/maps/maps.hpp>
#include <scanner/url.hpp>
#include <scanner/util.hpp>

#include <cctype>

namespace checks {
namespace {

using content::is_digit;

constexpr std::string_view k_fullwidth_open = "（";
constexpr std::string_view k_fullwidth_close = "）";
constexpr std::string_view k_hao = "号";

// Whether `text` at `at` starts a three-byte UTF-8 CJK character (U+4000..U+9FFF).
bool is_han_at(std::string_view text, std::size_t at) {
  if (at + 3 > text.size()) return false;
  auto lead = static_cast<unsigned char>(text[at]);
  return lead >= 0xE4 && lead <= 0xE9 &&
         (static_cast<unsigned char>(text[at + 1]) & 0xC0) == 0x80 &&
         (static_cast<unsigned char>(text[at + 2]) & 0xC0) == 0x80;
}

void skip_spaces(std::string_view text, std::size_t& at) {
  while (at < text.size() && text[at] == ' ') ++at;
}

bool take(std::string_view text, std::size_t& at, std::string_view what) {
  if (text.substr(at).starts_with(what)) {
    at += what.size();
    return true;
  }
  return false;
}

// After the prefix: "(YYYY)serial号" with ASCII or full-width brackets. Returns the end, or 0.
std::size_t match_number_tail(std::string_view text, std::size_t at) {
  skip_spaces(text, at);
  if (!take(text, at, "(") && !take(text, at, k_fullwidth_open)) return 0;
  skip_spaces(text, at);
  if (at + 4 > text.size()) return 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!is_digit(text[at + i])) return 0;
  }
  if (!(text.substr(at, 2) == "19" || text.substr(at, 2) == "20")) return 0;
  at += 4;
  skip_spaces(text, at);
  if (!take(text, at, ")") && !take(text, at, k_fullwidth_close)) return 0;
  skip_spaces(text, at);
  const std::size_t serial = at;
  for (;;) {
    if (at < text.size() &&
        (std::isalnum(static_cast<unsigned char>(text[at])) != 0 || text[at] == '-')) {
      ++at;
    } else if (!take(text, at, "－")) {
      break;
    }
  }
  if (at == serial) return 0;
  skip_spaces(text, at);
  return take(text, at, k_hao) ? at : 0;
}

// `text` with every not-a-map phrase (网站地图) blanked out.
std::string without_phrases(std::string text, const std::vector<std::string>& phrases) {
  for (const auto& phrase : phrases) {
    for (std::size_t at = scanner::find_text(text, phrase); at != std::string::npos;
         at = scanner::find_text(text, phrase, at + 1)) {
      text.replace(at, phrase.size(), std::string(phrase.size(), ' '));
    }
  }
  return text;
}

std::string file_name(std::string_view url) {
  std::string_view path = scanner::url_path_query(url);
  path = path.substr(0, path.find('?'));
  std::size_t slash = path.rfind('/');
  return scanner::ascii_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool host_matches(std::string_view host, const std::vector<std::string>& hosts) {
  for (const auto& candidate : hosts) {
    if (host == candidate) return true;
    if (host.size() > candidate.size() && host.ends_with(candidate) &&
        host[host.size() - candidate.size() - 1] == '.')
      return true;
  }
  return false;
}

// Why `text` and `name` (lower-case file name) make an image a map, or empty.
std::string map_reason(const std::string& text, const std::string& name, const MapRules& rules) {
  const std::string lower = scanner::ascii_lower(text);
  std::string found;
  if (content::contains_any(lower, rules.keywords, &found)) return found;
  if (content::contains_any(lower, rules.context_keywords, &found)) {
    std::string context;
    if (content::contains_any(lower, rules.context_words, &context)) return found + "+" + context;
  }
  if (content::contains_any(without_phrases(name, rules.not_map_phrases), rules.file_name_keywords,
                            &found))
    return "file:" + found;
  return {};
}

nlohmann::json map_evidence(const DetectedMap& map) {
  return {{"asset", map.url},
          {"kind", map.kind},
          {"reason", map.reason},
          {"text", map.text},
          {"review_number",
           map.review_number.empty() ? nlohmann::json() : nlohmann::json(map.review_number)},
          {"exempt",
           map.exempt_because.empty() ? nlohmann::json() : nlohmann::json(map.exempt_because)}};
}

// Calls `visit(page URL, map evidence)` for every map the map checks kept as page facts.

} // namespace

MapRules read_map_rules(const rules::Section& section) {
  MapRules rules;
  rules.keywords = section.strings("keywords");
  for (auto& word : rules.keywords) word = scanner::ascii_lower(word);
  rules.context_keywords = section.strings_or_empty("context_keywords");
  rules.context_words = section.strings_or_empty("map_context_words");
  rules.not_map_phrases = section.strings_or_empty("not_map_phrases");
  for (auto& phrase : rules.not_map_phrases) phrase = scanner::ascii_lower(phrase);
  rules.exempt_keywords = section.strings_or_empty("exempt_keywords");
  rules.file_name_keywords = section.strings_or_empty("file_name_keywords");
  for (auto& word : rules.file_name_keywords) word = scanner::ascii_lower(word);
  rules.number_prefixes = section.strings("review_number_prefixes");
  rules.provincial_marker = section.string("review_number_provincial_marker");
  rules.services = section.strings_or_empty("services");
  return rules;
}

std::string find_review_number(std::string_view text, const MapRules& rules) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    std::size_t end = 0;
    for (const auto& prefix : rules.number_prefixes) {
      if (!text.substr(at).starts_with(prefix)) continue;
      std::size_t after = at + prefix.size();
      end = match_number_tail(text, after);
      // GS京(2022)1061号: one province character may follow the national prefix.
      if (end == 0 && is_han_at(text, after)) end = match_number_tail(text, after + 3);
      if (end != 0) break;
    }
    if (end == 0 && is_han_at(text, at) &&
        text.substr(at + 3).starts_with(rules.provincial_marker)) {
      end = match_number_tail(text, at + 3 + rules.provincial_marker.size());
    }
    if (end != 0) return std::string(text.substr(at, end - at));
  }
  return {};
}

std::vector<DetectedMap> detect_maps(const scanner::Page& page, const MapRules& rules) {
  std::vector<DetectedMap> maps;
  const std::string_view text = page.text;
  for (std::size_t i = 0; i < page.images.size(); ++i) {
    const scanner::Image& image = page.images[i];
    if (image.url.empty()) continue;
    // The caption is the image's own block, or the line that follows an image in an empty
    // block (<p><img></p><p>图：区位图 审图号...</p>).
    std::string_view caption;
    // Images with no text between them share the line after them: it captions the last one.
    const bool followed =
        i + 1 < page.image_offsets.size() && page.image_offsets[i + 1] == page.image_offsets[i];
    // An image after all text has no caption line (the offset is the text's end).
    if (i < page.image_offsets.size() && !followed && page.image_offsets[i] < text.size())
      caption = content::line_at(text, page.image_offsets[i]);
    std::string words = image.alt + "\n" + image.title + "\n" + image.context + "\n";
    words += caption;
    const std::string cleaned = without_phrases(words, rules.not_map_phrases);
    std::string reason = map_reason(cleaned, file_name(image.url), rules);
    if (reason.empty()) continue;
    DetectedMap map;
    map.url = image.url;
    map.kind = "image";
    map.reason = reason;
    map.text = content::trim(std::string_view(cleaned).substr(0, 600));
    map.review_number = find_review_number(words, rules);
    content::contains_any(cleaned, rules.exempt_keywords, &map.exempt_because);
    maps.push_back(std::move(map));
  }
  for (const auto& link : page.links) {
    if (link.kind != scanner::LinkKind::iframe && link.kind != scanner::LinkKind::script &&
        link.kind != scanner::LinkKind::embed && link.kind != scanner::LinkKind::frame)
      continue;
    const std::string_view host = scanner::url_host(link.url);
    if (!host_matches(host, rules.services)) continue;
    DetectedMap map;
    map.url = link.url;
    map.kind = "service";
    map.reason = std::string(host);
    map.text = link.text;
    maps.push_back(std::move(map));
  }
  return maps;
}

std::span<const std::string_view> Maps::ids() const {
  static constexpr std::string_view k_ids[] = {"map.detect", "map.review_number", "map.content"};
  return k_ids;
}

std::optional<std::vector<DetectedMap>> Maps::collect(const scanner::Page& page,
                                                      std::vector<Finding>&) const {
  auto maps = detect_maps(page, m_rules);
  if (maps.empty()) return std::nullopt;
  return maps;
}

std::vector<Finding> Maps::conclude_site(const SiteView& site, const Entries& facts) const {
  std::vector<Finding> findings;
  nlohmann::json listed = nlohmann::json::array();
  for (const auto* entry : facts) {
    const std::string& page = site.crawl().urls[entry->first].url;
    for (const auto& map : entry->second) {
      const nlohmann::json evidence = map_evidence(map);
      findings.push_back({"map.detect", Severity::info, map.url, page,
                          "页面发布了地图（" + map.reason + "）：" + map.url, evidence});
      if (map.kind == "service") {
        Finding finding{"map.review_number",
                        Severity::warning,
                        map.url,
                        page,
                        "页面嵌入了在线地图服务，请人工确认地图上显示审图号：" + map.url,
                        evidence};
        finding.review = true;
        findings.push_back(std::move(finding));
      } else if (!map.review_number.empty()) {
        // The 审图号 is shown: nothing to report beyond map.detect's fact row.
      } else if (!map.exempt_because.empty()) {
        findings.push_back(
            {"map.review_number", Severity::info, map.url, page,
             "地图属于可豁免的简单地图（" + map.exempt_because + "），未标注审图号：" + map.url,
             evidence});
      } else {
        Finding finding{"map.review_number",
                        Severity::failure,
                        map.url,
                        page,
                        "地图未标注审图号，需人工审核：" + map.url,
                        evidence};
        finding.review = true;
        findings.push_back(std::move(finding));
      }
      nlohmann::json row = evidence;
      row["page"] = page;
      listed.push_back(std::move(row));
    }
  }
  if (listed.empty()) return findings;
  const auto count = listed.size();
  Finding content{"map.content",
                  Severity::warning,
                  site.home(),
                  {},
                  "网站发布了 " + std::to_string(count) +
                      " 幅地图，需人工审核内容（南海诸岛、钓鱼岛、台湾省等表示）",
                  {{"maps", std::move(listed)}, {"count", count}}};
  content.review = true;
  findings.push_back(std::move(content));
  return findings;
}

} // namespace checks
