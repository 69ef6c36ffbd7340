#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace xuefeng::core {

/// The failure side of a Result, so `return fail(Error::not_found(...))` reads as what it does.
struct Failure {
  Error error;
};
inline Failure fail(Error error) { return Failure{std::move(error)}; }

/// A value or an expected failure, in the manner of std::expected (C++23), which g++ 12 offers only
/// under -std=c++2b. Expected failures travel as values; exceptions are kept for what ends a request.
template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(state_); }
  const T& value() const& { assert(has_value()); return std::get<0>(state_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { assert(!has_value()); return std::get<1>(state_); }
  Error&& error() && { assert(!has_value()); return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

/// Success carries nothing.
struct Ok {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}  // NOLINT
  Result(Failure failure) : error_(std::move(failure.error)), failed_(true) {}  // NOLINT
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return !failed_; }
  const Error& error() const& { assert(failed_); return error_; }
  Error&& error() && { assert(failed_); return std::move(error_); }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace xuefeng::core

/// Propagates the failure of `expr` (a Result) out of the enclosing function, and otherwise binds its
/// value. The usual early return, kept in one place so use cases read top to bottom.
#define XF_TRY_ASSIGN(lhs, expr)                                   \
  auto XF_CONCAT(xf_result_, __LINE__) = (expr);                   \
  if (!XF_CONCAT(xf_result_, __LINE__).has_value())                \
    return ::xuefeng::core::fail(std::move(XF_CONCAT(xf_result_, __LINE__)).error()); \
  lhs = std::move(XF_CONCAT(xf_result_, __LINE__)).value()

#define XF_TRY(expr)                                               \
  do {                                                             \
    auto xf_status_ = (expr);                                      \
    if (!xf_status_.has_value()) return ::xuefeng::core::fail(std::move(xf_status_).error()); \
  } while (0)

#define XF_CONCAT_INNER(a, b) a##b
#define XF_CONCAT(a, b) XF_CONCAT_INNER(a, b)
