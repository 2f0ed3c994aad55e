#pragma once
// Collecting what is wrong with an input before saying it: every problem of a config, a
// ruleset, an assessments file is reported at once (mold's Error(ctx) ... checkpoint), with a
// "did you mean" for a misspelt name.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// The candidate closest to the misspelt `word` (edit distance at most a third of its length, at
// least 1), for "did you mean" hints; nullopt when none is close enough.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// ` (did you mean "CANDIDATE"?)` for the closest of `candidates` to `word`, or "" when none is.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Problems of one input, in the order found. Never throws.
class Problems {
public:
  // Adds one problem, a line that says what is wrong and what is allowed.
  void add(std::string problem) { m_lines.push_back(std::move(problem)); }
  // Each line of `text` (problems joined by '\n', as a loader returns them) as a problem.
  void add_lines(std::string_view text);
  bool empty() const { return m_lines.empty(); }
  std::size_t size() const { return m_lines.size(); }
  const std::vector<std::string>& lines() const { return m_lines; }
  // Every problem, one per line, each prefixed with `prefix`.
  std::string text(std::string_view prefix = "") const;

private:
  std::vector<std::string> m_lines;
};

} // namespace core
