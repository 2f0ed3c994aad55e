#include <checks/ruleset_section.hpp>

#include <stdexcept>

namespace checks {

RulesetSection::RulesetSection(const CheckContext& context, std::string name)
    : m_name(std::move(name)) {
  if (context.ruleset == nullptr || !context.ruleset->is_object() ||
      !context.ruleset->contains(m_name) || !(*context.ruleset)[m_name].is_object()) {
    throw std::invalid_argument("ruleset: " + m_name + ": missing section");
  }
  m_section = &(*context.ruleset)[m_name];
}

void RulesetSection::fail(const std::string& key, const std::string& rule) const {
  throw std::invalid_argument("ruleset: " + m_name + "." + key + ": " + rule);
}

const nlohmann::json& RulesetSection::raw(const std::string& key) const {
  if (!m_section->contains(key)) fail(key, "missing");
  return (*m_section)[key];
}

std::vector<std::string> RulesetSection::strings(const std::string& key) const {
  const auto& value = raw(key);
  std::vector<std::string> out;
  if (!value.is_array()) fail(key, "must be an array of strings");
  for (const auto& item : value) {
    if (!item.is_string()) fail(key, "must be an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::size_t RulesetSection::count(const std::string& key) const {
  const auto& value = raw(key);
  if (!value.is_number_integer() || value.get<long long>() < 0) {
    fail(key, "must be a whole number >= 0");
  }
  return value.get<std::size_t>();
}

RulesetSection::Tagged RulesetSection::tagged(const std::string& key) const {
  const auto& value = raw(key);
  const char* rule =
      "must be {\"value\": a number, \"confidence\": \"confirmed\" or \"provisional\"}";
  if (!value.is_object() || !value.contains("value") || !value["value"].is_number() ||
      !value.contains("confidence") || !value["confidence"].is_string() || value.size() != 2) {
    fail(key, rule);
  }
  const std::string confidence = value["confidence"].get<std::string>();
  if (confidence != "confirmed" && confidence != "provisional") fail(key, rule);
  return {value["value"].get<double>(), confidence};
}

double RulesetSection::number(const std::string& key) const {
  const auto& value = raw(key);
  if (!value.is_number()) fail(key, "must be a number");
  return value.get<double>();
}

} // namespace checks
