#include "http/problem.hpp"

#include "http/json_text.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <string>

namespace xuefeng::http {
namespace json = boost::json;

Language preferred_language(std::string_view accept_language) {
  // Take the language range with the highest q; ties go to the first listed.
  double best_q = -1;
  Language best = Language::kZh;
  std::size_t pos = 0;
  while (pos < accept_language.size()) {
    std::size_t end = accept_language.find(',', pos);
    if (end == std::string_view::npos) end = accept_language.size();
    std::string_view item = accept_language.substr(pos, end - pos);
    pos = end + 1;
    double q = 1.0;
    if (const auto semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      item = item.substr(0, semi);
      if (const auto qpos = params.find("q="); qpos != std::string_view::npos) {
        q = std::strtod(std::string(params.substr(qpos + 2)).c_str(), nullptr);
      }
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const bool en = item.size() >= 2 && (item[0] == 'e' || item[0] == 'E') && (item[1] == 'n' || item[1] == 'N') &&
                    (item.size() == 2 || item[2] == '-' || item[2] == '_');
    const bool zh = item.size() >= 2 && (item[0] == 'z' || item[0] == 'Z') && (item[1] == 'h' || item[1] == 'H');
    if ((en || zh) && q > best_q) {
      best_q = q;
      best = en ? Language::kEn : Language::kZh;
    }
  }
  return best;
}

const std::string& pick(const core::Text& text, Language language) {
  if (language == Language::kEn && !text.en.empty()) return text.en;
  return text.zh.empty() ? text.en : text.zh;
}

int http_status(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kBadRequest: return 400;
    case ErrorCode::kValidationFailed: return 422;
    case ErrorCode::kExportTooLarge: return 422;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kVersionMismatch: return 412;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kHeadersTooLarge: return 431;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kServiceUnavailable: return 503;
    case ErrorCode::kRequestTimeout: return 408;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

namespace {

core::Text title_of(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kBadRequest: return {"请求格式错误", "Bad request"};
    case ErrorCode::kValidationFailed: return {"输入不符合要求", "Validation failed"};
    case ErrorCode::kExportTooLarge: return {"导出内容过多", "Export too large"};
    case ErrorCode::kUnauthenticated: return {"请先登录", "Authentication required"};
    case ErrorCode::kForbidden: return {"没有权限", "Forbidden"};
    case ErrorCode::kNotFound: return {"未找到", "Not found"};
    case ErrorCode::kConflict: return {"操作冲突", "Conflict"};
    case ErrorCode::kVersionMismatch: return {"版本已变化", "Version mismatch"};
    case ErrorCode::kPayloadTooLarge: return {"请求内容过大", "Payload too large"};
    case ErrorCode::kHeadersTooLarge: return {"请求头过大", "Request header fields too large"};
    case ErrorCode::kUnsupportedMediaType: return {"不支持的内容类型", "Unsupported media type"};
    case ErrorCode::kMethodNotAllowed: return {"不支持该请求方法", "Method not allowed"};
    case ErrorCode::kTooManyRequests: return {"请求过于频繁", "Too many requests"};
    case ErrorCode::kServiceUnavailable: return {"服务繁忙", "Service unavailable"};
    case ErrorCode::kRequestTimeout: return {"请求超时", "Request timeout"};
    case ErrorCode::kInternal: return {"服务器内部错误", "Internal server error"};
  }
  return {"服务器内部错误", "Internal server error"};
}

}  // namespace

Response problem_response(const core::Error& error, Language language) {
  const int status = http_status(error.code);
  const std::string code{core::error_code_name(error.code)};
  json::object body;
  body["type"] = "urn:xuefeng:problem:" + code;
  body["title"] = pick(title_of(error.code), language);
  body["status"] = status;
  body["detail"] = pick(error.detail, language);
  body["code"] = code;
  if (!error.fields.empty()) {
    json::array errors;
    for (const auto& f : error.fields) {
      json::object item;
      item["field"] = f.field;
      item["message"] = pick(f.message, language);
      if (f.row > 0) item["row"] = f.row;
      errors.push_back(std::move(item));
    }
    body["errors"] = std::move(errors);
  }
  Response response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = to_json_text(body);
  response.problem_code = code;
  if (error.code == core::ErrorCode::kUnauthenticated) response.set_header("WWW-Authenticate", "Bearer");
  if (error.retry_after_seconds > 0) response.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

}  // namespace xuefeng::http
