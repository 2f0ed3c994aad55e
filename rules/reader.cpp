#include <cmath>
#include <core/jsonc.hpp>
#include <rules/reader.hpp>

namespace rules {
namespace {

const nlohmann::json& null_json() {
  static const nlohmann::json k_null;
  return k_null;
}

std::string number_text(double value) {
  nlohmann::json number = value;
  if (value == std::floor(value) && std::abs(value) < 1e15) number = static_cast<long long>(value);
  return number.dump();
}

// Ruleset problems quote a value cut shorter than the config's: its key path is long.
constexpr std::size_t k_max_quoted = 60;

} // namespace

Section::Section(const nlohmann::json* node, std::string path, core::Problems& problems)
    : m_path(std::move(path)), m_problems(&problems) {
  if (node == nullptr || node->is_null()) {
    problems.add("ruleset: " + m_path + ": missing");
  } else if (!node->is_object()) {
    problems.add("ruleset: " + m_path + ": must be an object, got " +
                 core::quote_json(*node, k_max_quoted));
  } else {
    m_node = node;
  }
}

Section Section::of(const nlohmann::json& ruleset, std::string name, core::Problems& problems) {
  const nlohmann::json* node = nullptr;
  if (ruleset.is_object()) {
    auto it = ruleset.find(name);
    if (it != ruleset.end()) node = &*it;
  }
  return Section(node, std::move(name), problems);
}

std::string Section::key_path(std::string_view key) const {
  if (key.empty()) return m_path;
  if (m_path.empty()) return std::string(key);
  return m_path + (key.front() == '[' ? "" : ".") + std::string(key);
}

void Section::problem(std::string_view key, std::string_view text) const {
  m_problems->add("ruleset: " + key_path(key) + ": " + std::string(text));
}

void Section::bad_value(std::string_view key, std::string_view rule,
                        const nlohmann::json& value) const {
  problem(key, std::string(rule) + ", got " + core::quote_json(value, k_max_quoted));
}

bool Section::has(std::string_view key) const {
  return m_node != nullptr && m_node->find(key) != m_node->end();
}

const nlohmann::json* Section::find(std::string_view key) const {
  if (m_node == nullptr) return nullptr; // the section's own problem is reported already
  auto it = m_node->find(key);
  if (it == m_node->end()) return nullptr;
  return &*it;
}

const nlohmann::json& Section::raw(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    if (m_node != nullptr) problem(key, "is missing");
    return null_json();
  }
  return *value;
}

Section Section::child(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr && m_node == nullptr) {
    // No second problem for the members of a section that is itself missing.
    Section silent(*this);
    silent.m_path = key_path(key);
    return silent;
  }
  return Section(value, key_path(key), *m_problems);
}

std::vector<Section> Section::objects(std::string_view key) const {
  std::vector<Section> sections;
  const nlohmann::json& list = raw(key);
  if (list.is_null()) return sections;
  if (!list.is_array()) {
    bad_value(key, "must be an array of objects", list);
    return sections;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    sections.emplace_back(&list[i], key_path(key) + "[" + std::to_string(i) + "]", *m_problems);
  }
  return sections;
}

std::string Section::string(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    if (m_node != nullptr) problem(key, "is missing (a non-empty string)");
    return {};
  }
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    bad_value(key, "must be a non-empty string", *value);
    return {};
  }
  return value->get<std::string>();
}

std::string Section::string_or(std::string_view key, std::string fallback) const {
  if (!has(key)) return fallback;
  return string(key);
}

std::vector<std::string> Section::strings_or_empty(std::string_view key, bool optional) const {
  std::vector<std::string> values;
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    if (m_node != nullptr && !optional) problem(key, "is missing (an array of strings)");
    return values;
  }
  if (!value->is_array()) {
    bad_value(key, "must be an array of non-empty strings", *value);
    return values;
  }
  for (const auto& item : *value) {
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      bad_value(key, "must hold non-empty strings only", item);
      return {};
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

std::vector<std::string> Section::texts(std::string_view key) const {
  std::vector<std::string> values;
  const nlohmann::json& value = raw(key);
  if (value.is_null()) return values;
  if (!value.is_array()) {
    bad_value(key, "must be an array of strings", value);
    return values;
  }
  for (const auto& item : value) {
    if (!item.is_string()) {
      bad_value(key, "must hold strings only", item);
      return {};
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

std::vector<std::string> Section::strings(std::string_view key) const {
  auto values = strings_or_empty(key);
  if (values.empty() && has(key) && raw(key).is_array()) problem(key, "must not be empty");
  return values;
}

std::optional<long long> Section::optional_integer(std::string_view key, long long low,
                                                   long long high) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer() || value->get<long long>() < low ||
      value->get<long long>() > high) {
    bad_value(key, "must be an integer from " + std::to_string(low) + " to " + std::to_string(high),
              *value);
    return std::nullopt;
  }
  return value->get<long long>();
}

long long Section::integer(std::string_view key, long long low, long long high) const {
  if (!has(key)) {
    if (m_node != nullptr) problem(key, "is missing (an integer)");
    return low;
  }
  return optional_integer(key, low, high).value_or(low);
}

std::optional<double> Section::optional_number(std::string_view key, double low,
                                               double high) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  const double number = value->is_number() ? value->get<double>() : std::nan("");
  if (!value->is_number() || !std::isfinite(number) || number < low || number > high) {
    std::string rule = "must be a number";
    if (high == std::numeric_limits<double>::max()) {
      rule += " >= " + number_text(low);
    } else {
      rule += " from " + number_text(low) + " to " + number_text(high);
    }
    bad_value(key, rule, *value);
    return std::nullopt;
  }
  return number;
}

double Section::number(std::string_view key, double low, double high) const {
  if (!has(key)) {
    if (m_node != nullptr) problem(key, "is missing (a number)");
    return low;
  }
  return optional_number(key, low, high).value_or(low);
}

std::optional<bool> Section::optional_boolean(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    bad_value(key, "must be true or false", *value);
    return std::nullopt;
  }
  return value->get<bool>();
}

bool Section::boolean(std::string_view key) const {
  if (!has(key)) {
    if (m_node != nullptr) problem(key, "is missing (true or false)");
    return false;
  }
  return optional_boolean(key).value_or(false);
}

std::string Section::confidence(std::string_view key) const {
  std::string tag = string(key);
  if (!tag.empty() && tag != "confirmed" && tag != "secondary" && tag != "provisional") {
    bad_value(key, "must be \"confirmed\", \"secondary\" or \"provisional\"", tag);
    return {};
  }
  return tag;
}

Tagged Section::tagged(std::string_view key) const {
  const nlohmann::json& value = raw(key);
  if (value.is_null()) return {};
  if (!value.is_object() || value.size() != 2 || !value.contains("value") ||
      !value["value"].is_number() || !value.contains("confidence")) {
    bad_value(key,
              "must be {\"value\": a number, \"confidence\": \"confirmed\", \"secondary\" or "
              "\"provisional\"}",
              value);
    return {};
  }
  const Section entry = child(key);
  return {value["value"].get<double>(), entry.confidence()};
}

void Section::only_keys(std::span<const std::string_view> known) const {
  if (m_node == nullptr) return;
  for (const auto& [key, value] : m_node->items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    problem(key, "unknown key" + core::did_you_mean(key, known));
  }
}

} // namespace rules
