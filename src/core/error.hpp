#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xuefeng::core {

/// A message a person reads, written in both interface languages at the place the problem is found,
/// so the cause and its wording stay together. The HTTP layer picks one by Accept-Language.
struct Text {
  std::string zh;
  std::string en;
};

/// The stable error codes of the API. Each maps to exactly one HTTP status in src/http.
enum class ErrorCode {
  kBadRequest,         // malformed syntax: not JSON, bad query parameter
  kValidationFailed,   // well-formed but breaks a rule; carries field errors
  kExportTooLarge,     // a valid request for a document too big to make at once; ask for a part
  kUnauthenticated,    // no valid session
  kForbidden,          // the actor sees the object but may not do this
  kNotFound,           // no such object, or not visible to the actor
  kConflict,           // the object's state forbids this (duplicate, non-empty, ...)
  kVersionMismatch,    // If-Match names an older version
  kPayloadTooLarge,
  kHeadersTooLarge,
  kUnsupportedMediaType,
  kMethodNotAllowed,
  kTooManyRequests,
  kServiceUnavailable,  // over a capacity limit (connections); retry later
  kRequestTimeout,
  kInternal,
};

/// The wire name of an error code, e.g. "validation_failed".
std::string_view error_code_name(ErrorCode code);

/// One rejected input: `field` names the JSON key (dotted for nested keys, e.g. "topics[2].title"),
/// `row` is set for tabular input such as a CSV roster (1-based, counting the header as row 1).
struct FieldError {
  std::string field;
  Text message;
  int row = 0;
};

/// An expected failure of a use case. `title` is short and fixed per situation; `detail` explains this
/// occurrence. `log_message` is for the server log only and never reaches a client.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  Text detail;
  std::vector<FieldError> fields;
  std::string log_message;
  /// For too_many_requests and service_unavailable: when to try again (the Retry-After header).
  std::int64_t retry_after_seconds = 0;

  static Error bad_request(Text detail) { return {ErrorCode::kBadRequest, std::move(detail), {}, {}}; }
  static Error validation(std::vector<FieldError> fields);
  static Error validation(std::string field, Text message);
  static Error not_found(Text detail) { return {ErrorCode::kNotFound, std::move(detail), {}, {}}; }
  static Error conflict(Text detail) { return {ErrorCode::kConflict, std::move(detail), {}, {}}; }
  static Error forbidden(Text detail) { return {ErrorCode::kForbidden, std::move(detail), {}, {}}; }
  static Error unauthenticated(Text detail) { return {ErrorCode::kUnauthenticated, std::move(detail), {}, {}}; }
  static Error export_too_large(Text detail) {
    return {ErrorCode::kExportTooLarge, std::move(detail), {}, {}};
  }
  static Error version_mismatch(long long current_version);
  static Error internal(std::string log_message);
};

/// Collects field errors while a whole input is checked, so a client learns every problem at once.
class FieldErrors {
 public:
  void add(std::string field, Text message, int row = 0) {
    items_.push_back({std::move(field), std::move(message), row});
  }
  void append(const std::vector<FieldError>& more) { items_.insert(items_.end(), more.begin(), more.end()); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<FieldError>& items() const { return items_; }
  Error to_error() && { return Error::validation(std::move(items_)); }

 private:
  std::vector<FieldError> items_;
};

}  // namespace xuefeng::core
