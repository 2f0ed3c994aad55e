#pragma once
// Typed access to one check's section of the ruleset, with errors that name the key.

#include <checks/check.hpp>

#include <string>
#include <vector>

namespace checks {

class RulesetSection {
public:
  // The section `name` of `context.ruleset`. Throws std::invalid_argument
  // ("ruleset: NAME: missing section") when there is none.
  RulesetSection(const CheckContext& context, std::string name);

  // The value of `key` as the type asked for. Each throws std::invalid_argument
  // ("ruleset: NAME.KEY: must be ...") when the key is missing or of another type.
  std::vector<std::string> strings(const std::string& key) const;
  std::size_t count(const std::string& key) const; // a whole number >= 0
  double number(const std::string& key) const;
  const nlohmann::json& raw(const std::string& key) const;
  // A threshold written with its source: {"value": 0.95, "confidence": "provisional"}
  // ("confirmed" or "provisional", as in the groups and checks).
  struct Tagged {
    double value = 0;
    std::string confidence;
  };
  Tagged tagged(const std::string& key) const;

private:
  [[noreturn]] void fail(const std::string& key, const std::string& rule) const;

  std::string m_name;
  const nlohmann::json* m_section = nullptr;
};

} // namespace checks
