#include "http/json_reader.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "core/text.hpp"

namespace xuefeng::http {
namespace {

// Our deepest body (an activity with speakers) nests three levels; anything far deeper is abuse.
constexpr std::size_t kMaxDepth = 32;

bool is_json_media_type(std::string_view content_type) {
  const auto semi = content_type.find(';');
  std::string_view media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return media.empty() || iequals(media, "application/json") ||
         (media.size() > 5 && iequals(media.substr(media.size() - 5), "+json"));
}

}  // namespace

core::Result<json::value> parse_json_body(const Request& request) {
  if (!is_json_media_type(request.header("Content-Type"))) {
    return core::fail(core::Error{core::ErrorCode::kUnsupportedMediaType,
                                  {"请求内容应为 JSON（Content-Type: application/json）",
                                   "the body must be JSON (Content-Type: application/json)"},
                                  {},
                                  {}});
  }
  if (!core::is_valid_utf8(request.body)) {
    return core::fail(core::Error::bad_request({"请求内容不是有效的 UTF-8 文本", "the body is not valid UTF-8"}));
  }
  json::parse_options options;
  options.max_depth = kMaxDepth;
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  parser.write(request.body.data(), request.body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec == json::error::too_deep) {
    return core::fail(core::Error::validation(
        "body", {"JSON 嵌套层级过深", "the JSON is nested too deeply (at most " + std::to_string(kMaxDepth) + " levels)"}));
  }
  if (ec) {
    return core::fail(core::Error::bad_request({"请求内容不是有效的 JSON：" + ec.message(),
                                                "the body is not valid JSON: " + ec.message()}));
  }
  return parser.release();
}

ObjectReader::ObjectReader(const json::value& value, core::FieldErrors& errors, std::string prefix)
    : object_(value.if_object()), errors_(errors), prefix_(std::move(prefix)) {
  if (!object_) errors_.add(prefix_.empty() ? "body" : prefix_, {"应为 JSON 对象", "must be a JSON object"});
}

const json::value* ObjectReader::raw(std::string_view key) {
  known_.emplace(key);
  return object_ ? object_->if_contains(key) : nullptr;
}

void ObjectReader::reject_unknown() {
  if (!object_) return;
  for (const auto& kv : *object_) {
    if (known_.count(kv.key()) == 0) {
      errors_.add(path(kv.key()), {"未知字段", "unknown field"});
    }
  }
}

std::optional<std::string> decode_string(const json::value& value, core::Text& why) {
  if (!value.is_string()) {
    why = {"应为字符串", "must be a string"};
    return std::nullopt;
  }
  return std::string(value.get_string());
}

std::optional<std::int64_t> decode_int(const json::value& value, core::Text& why) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    const double d = value.get_double();
    if (std::trunc(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
  }
  why = {"应为整数", "must be an integer"};
  return std::nullopt;
}

std::optional<bool> decode_bool(const json::value& value, core::Text& why) {
  if (!value.is_bool()) {
    why = {"应为 true 或 false", "must be true or false"};
    return std::nullopt;
  }
  return value.get_bool();
}

std::optional<double> decode_number(const json::value& value, core::Text& why) {
  if (value.is_double()) return value.get_double();
  if (value.is_int64()) return static_cast<double>(value.get_int64());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64());
  why = {"应为数字", "must be a number"};
  return std::nullopt;
}

std::optional<core::Date> decode_date(const json::value& value, core::Text& why) {
  if (value.is_string()) {
    if (auto d = core::Date::parse(value.get_string())) return d;
  }
  why = {"应为有效日期，格式 YYYY-MM-DD", "must be a valid date as YYYY-MM-DD"};
  return std::nullopt;
}

std::optional<core::Timestamp> decode_timestamp(const json::value& value, core::Text& why) {
  if (value.is_string()) {
    if (auto t = core::Timestamp::parse_rfc3339(value.get_string())) return t;
  }
  why = {"应为带时区的 RFC 3339 时间，如 2007-04-09T08:30:00+08:00",
         "must be an RFC 3339 time with offset, e.g. 2007-04-09T08:30:00+08:00"};
  return std::nullopt;
}

std::optional<std::string> decode_code(const json::value& value, const std::string& allowed, core::Text& why) {
  if (!value.is_string()) {
    why = {"应为以下之一：" + allowed, "must be one of: " + allowed};
    return std::nullopt;
  }
  return std::string(value.get_string());
}

}  // namespace xuefeng::http
