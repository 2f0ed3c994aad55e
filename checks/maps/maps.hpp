#pragma once
// Map content (问题地图 / 审图号): map.detect finds images and embedded web-map services that show
// maps, map.review_number asks for a 审图号 next to each, map.content lists every map for the
// human review that only a person can do. Words, exemptions and services come from the
// ruleset's "maps" section.

#include <checks/check.hpp>

#include <rules/reader.hpp>
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
};

// Reads the "maps" section of the ruleset; problems go to the section's collector.
MapRules read_map_rules(const rules::Section& section);

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

// map.detect (one info row per map, with the detection reason), map.review_number (a map
// without a 审图号 is a failure a person confirms; an exempt kind such as 景区图 is a note; a
// web-map service a review item) and map.content (human review only: one review finding per
// site listing every map on its pages). A page is searched for maps once; its facts are its
// maps.
class Maps final : public CheckWith<std::vector<DetectedMap>> {
public:
  explicit Maps(const MapRules& rules) : m_rules(rules) {}
  std::span<const std::string_view> ids() const override;

protected:
  std::optional<std::vector<DetectedMap>> collect(const scanner::Page& page,
                                                  std::vector<Finding>&) const override;
  std::vector<Finding> conclude_site(const SiteView& site, const Entries& facts) const override;

private:
  const MapRules& m_rules;
};

} // namespace checks
