#pragma once
// A small stand-in for C++23's std::expected (g++ 12 has none): a value or an error message.

#include <string>
#include <utility>
#include <variant>

namespace core {

// The error side of an Expected: a message that says what went wrong, lower-case, no period.
struct Unexpected {
  std::string message;
};

inline Unexpected unexpected(std::string message) {
  return Unexpected{std::move(message)};
}

// Holds either a `T` or an error message. Accessing the wrong side is a programming error and
// is caught by _GLIBCXX_ASSERTIONS-style checks in std::get.
template <typename T> class Expected {
public:
  Expected(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
  Expected(Unexpected error) : m_state(std::in_place_index<1>, std::move(error.message)) {}

  bool has_value() const { return m_state.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(m_state); }
  const T& value() const& { return std::get<0>(m_state); }
  T&& value() && { return std::get<0>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<1>(m_state); }

private:
  std::variant<T, std::string> m_state;
};

} // namespace core
