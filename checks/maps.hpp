#pragma once
// Map content (问题地图 / 审图号): map.detect finds images and embedded web-map services that show
// maps, map.review_number asks for a 审图号 next to each, map.content lists every map for the
// human review that only a person can do. Words, exemptions and services come from the
// ruleset's "maps" section.

#include <checks/check.hpp>

#include <string>
#include <vector>

namespace checks {

// The "maps" section of the ruleset, validated.
struct MapRules {
  std::vector<std::string> keywords;         // any one makes an image a map (地图, 区位图 ...)
  std::vector<std::string> context_keywords; // a map only with a map-context word (示意图)
  std::vector<std::string> context_words;    // 位置, 交通 ...
  std::vector<std::string> not_map_phrases;  // removed before matching (网站地图)
  std::vector<std::string> exempt_keywords;  // simple maps exempt from review (景区图 ...)
  std::vector<std::string> file_name_keywords;
  std::vector<std::string> number_prefixes; // "GS"
  std::string provincial_marker;            // "S" after a province's one-character name
  std::vector<std::string> services;        // hosts of web-map services
  // Reads `ruleset`'s "maps" section. Throws std::invalid_argument("ruleset: maps...: ...")
  // when it is missing or malformed.
  explicit MapRules(const nlohmann::json* ruleset);
};

// One map shown on a page.
struct DetectedMap {
  std::string url;            // the image, or the map service's frame/script URL
  std::string kind;           // "image" or "service"
  std::string reason;         // the words (or host) that made it a map
  std::string text;           // alt / title / caption the decision read
  std::string review_number;  // the 审图号 found next to it, or empty
  std::string exempt_because; // the exemption keyword, or empty
};

// Every map on `page` according to `rules`.
std::vector<DetectedMap> detect_maps(const scanner::Page& page, const MapRules& rules);

// The first 审图号 in `text` (GS(2020)4619号, GS京（2022）1061号, 粤S(2020)01-023号), or empty.
std::string find_review_number(std::string_view text, const MapRules& rules);

// The three map checks keep the same facts about a page, its detected maps (the evidence of
// each: asset, kind, reason, text, review_number, exempt; none on a page without maps), so a
// page is searched for maps once, not three times; each reports from them in check_site.
class MapCheck : public Check {
public:
  explicit MapCheck(const CheckContext& context);
  PageReport check_page(const scanner::Page& page) const final;
  std::string_view shared_facts() const final { return "map.maps"; }

private:
  MapRules m_rules;
};

// map.detect: one info finding per map, with the detection reason (a fact row for reviewers).
class MapDetect final : public MapCheck {
public:
  using MapCheck::MapCheck;
  std::string_view id() const override { return "map.detect"; }
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  bool per_site() const override { return false; } // one row per map, wherever it is
};

// map.review_number: a map without a 审图号 is a failure that needs human review; an exempt
// kind (景区图, 街区图, transit lines) is a note; a web-map service is a review item.
class MapReviewNumber final : public MapCheck {
public:
  using MapCheck::MapCheck;
  std::string_view id() const override { return "map.review_number"; }
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
  bool per_site() const override { return false; } // one finding per map, at its page
};

// map.content: human review only. One review finding per site listing every map on its pages.
class MapContent final : public MapCheck {
public:
  using MapCheck::MapCheck;
  std::string_view id() const override { return "map.content"; }
  std::vector<Finding> check_site(const SiteView& site, const PageFacts& facts) const override;
};

} // namespace checks
