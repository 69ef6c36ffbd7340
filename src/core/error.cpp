#include "core/error.hpp"

#include <string>

namespace xuefeng::core {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest: return "bad_request";
    case ErrorCode::kValidationFailed: return "validation_failed";
    case ErrorCode::kExportTooLarge: return "export_too_large";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kVersionMismatch: return "version_mismatch";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kHeadersTooLarge: return "headers_too_large";
    case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kServiceUnavailable: return "service_unavailable";
    case ErrorCode::kRequestTimeout: return "request_timeout";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Error Error::validation(std::vector<FieldError> fields) {
  Error e{ErrorCode::kValidationFailed, {}, std::move(fields), {}};
  if (e.fields.size() == 1) {
    // Messages about table rows already say which row; others get their field in front.
    const auto& f = e.fields.front();
    const bool bare = f.row > 0 || f.field.empty();
    e.detail = {bare ? f.message.zh : f.field + "：" + f.message.zh, bare ? f.message.en : f.field + ": " + f.message.en};
  } else {
    const auto n = std::to_string(e.fields.size());
    e.detail = {"有 " + n + " 处输入不符合要求", n + " inputs are not valid"};
  }
  return e;
}

Error Error::validation(std::string field, Text message) {
  return validation(std::vector<FieldError>{{std::move(field), std::move(message), 0}});
}

Error Error::version_mismatch(long long current_version) {
  const auto v = std::to_string(current_version);
  return {ErrorCode::kVersionMismatch,
          {"该记录已被他人修改（当前版本 " + v + "），请刷新后重试",
           "the record was changed by someone else (now version " + v + "); reload and try again"},
          {},
          {}};
}

Error Error::internal(std::string log_message) {
  return {ErrorCode::kInternal,
          {"服务器内部错误，请稍后重试", "internal server error; please try again later"},
          {},
          std::move(log_message)};
}

}  // namespace xuefeng::core
