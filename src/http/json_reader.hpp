#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "http/message.hpp"

namespace xuefeng::http {

namespace json = boost::json;

/// Parses a request body as JSON: 415 unless the content type is JSON, 400 if it is not well-formed
/// (with the position of the problem), 422 if nested deeper than any of our resources needs.
core::Result<json::value> parse_json_body(const Request& request);

/// Reads one JSON object strictly: every key must be known, every value of the right type. Problems are
/// collected (with their full path, e.g. "speakers[1].person_id") rather than returned one by one, so a
/// client sees all of them in one 422.
class ObjectReader {
 public:
  /// `value` must outlive the reader. If it is not an object, that is recorded as an error.
  ObjectReader(const json::value& value, core::FieldErrors& errors, std::string prefix = {});

  /// A key that must be present and not null.
  template <typename T>
  std::optional<T> required(std::string_view key);
  /// A key that may be absent or null (both give nullopt).
  template <typename T>
  std::optional<T> optional(std::string_view key);
  /// For PATCH: absent -> nullopt (unchanged); present -> the value; null is an error.
  template <typename T>
  std::optional<T> patch(std::string_view key) { return optional_present<T>(key, false); }
  /// For PATCH of a nullable field: absent -> nullopt; null -> optional(nullopt) (clear); value -> it.
  template <typename T>
  std::optional<std::optional<T>> nullable_patch(std::string_view key);

  /// The raw value of a key (nested objects and arrays), or nullptr if absent. Marks the key as known.
  const json::value* raw(std::string_view key);
  /// The path of a key, for errors about it.
  std::string path(std::string_view key) const { return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key); }
  core::FieldErrors& errors() { return errors_; }

  /// Records every key that no accessor asked for as an unknown field.
  void reject_unknown();

 private:
  template <typename T>
  std::optional<T> optional_present(std::string_view key, bool null_ok);

  const json::object* object_ = nullptr;
  core::FieldErrors& errors_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
};

/// Converts one JSON value to T, or explains (in both languages) why it cannot.
template <typename T>
std::optional<T> decode(const json::value& value, core::Text& why);

std::optional<std::string> decode_string(const json::value& value, core::Text& why);
std::optional<std::int64_t> decode_int(const json::value& value, core::Text& why);
std::optional<bool> decode_bool(const json::value& value, core::Text& why);
std::optional<double> decode_number(const json::value& value, core::Text& why);
std::optional<core::Date> decode_date(const json::value& value, core::Text& why);
std::optional<core::Timestamp> decode_timestamp(const json::value& value, core::Text& why);
/// A wire code of the enum; the message lists the allowed codes.
std::optional<std::string> decode_code(const json::value& value, const std::string& allowed, core::Text& why);

template <typename T>
std::optional<T> decode(const json::value& value, core::Text& why) {
  if constexpr (std::is_same_v<T, std::string>) {
    return decode_string(value, why);
  } else if constexpr (std::is_same_v<T, bool>) {
    return decode_bool(value, why);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return decode_int(value, why);
  } else if constexpr (std::is_same_v<T, int>) {
    const auto v = decode_int(value, why);
    if (!v) return std::nullopt;
    if (*v < -2147483647 || *v > 2147483647) {
      why = {"数值超出范围", "number out of range"};
      return std::nullopt;
    }
    return static_cast<int>(*v);
  } else if constexpr (std::is_same_v<T, double>) {
    return decode_number(value, why);
  } else if constexpr (std::is_same_v<T, core::Date>) {
    return decode_date(value, why);
  } else if constexpr (std::is_same_v<T, core::Timestamp>) {
    return decode_timestamp(value, why);
  } else if constexpr (std::is_enum_v<T>) {
    const auto code = decode_code(value, core::allowed_codes<T>(), why);
    if (!code) return std::nullopt;
    const auto parsed = core::parse_code<T>(*code);
    if (!parsed) why = {"取值应为以下之一：" + core::allowed_codes<T>(), "must be one of: " + core::allowed_codes<T>()};
    return parsed;
  } else {
    static_assert(sizeof(T) == 0, "no JSON decoding for this type");
  }
}

template <typename T>
std::optional<T> ObjectReader::optional_present(std::string_view key, bool null_ok) {
  const json::value* v = raw(key);
  if (!v) return std::nullopt;
  if (v->is_null()) {
    if (!null_ok) errors_.add(path(key), {"不能为 null", "must not be null"});
    return std::nullopt;
  }
  core::Text why;
  auto decoded = decode<T>(*v, why);
  if (!decoded) errors_.add(path(key), why);
  return decoded;
}

template <typename T>
std::optional<T> ObjectReader::required(std::string_view key) {
  const json::value* v = object_ ? object_->if_contains(key) : nullptr;
  if (!v || v->is_null()) {
    known_.emplace(key);
    if (object_) errors_.add(path(key), {"必须填写", "is required"});
    return std::nullopt;
  }
  return optional_present<T>(key, false);
}

template <typename T>
std::optional<T> ObjectReader::optional(std::string_view key) {
  return optional_present<T>(key, true);
}

template <typename T>
std::optional<std::optional<T>> ObjectReader::nullable_patch(std::string_view key) {
  const json::value* v = raw(key);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<T>{};
  core::Text why;
  auto decoded = decode<T>(*v, why);
  if (!decoded) {
    errors_.add(path(key), why);
    return std::nullopt;
  }
  return std::optional<T>{std::move(*decoded)};
}

}  // namespace xuefeng::http
