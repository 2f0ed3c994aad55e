// Report-language texts: check names and what to do about a finding (both from the catalogue),
// in zh-CN and English. Checks write one zh-CN message; reports own translations.
#include <reports/report_data.hpp>

#include <rules/catalogue.hpp>

namespace reports {

std::string check_name(const std::string& check, bool english) {
  const rules::CatalogueEntry* entry = rules::find_catalogue_entry(check);
  if (entry == nullptr) return check;
  return std::string(english ? entry->name_en : entry->name_zh);
}

std::string check_advice(const std::string& check, bool english) {
  const rules::CatalogueEntry* entry = rules::find_catalogue_entry(check);
  if (entry == nullptr) return english ? "Check the finding and fix it" : "核实问题并整改";
  return std::string(english ? entry->advice_en : entry->advice_zh);
}

std::vector<std::string> split_formats(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = std::min(list.find(',', start), list.size());
    if (end > start) names.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

} // namespace reports
