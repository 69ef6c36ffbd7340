#include "http/handler_support.hpp"

#include "http/json_text.hpp"
#include "http/routes.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <charconv>

namespace xuefeng::http {
namespace {

std::string_view format_name(ResponseFormat format) {
  switch (format) {
    case ResponseFormat::kJson: return "json";
    case ResponseFormat::kXlsx: return "xlsx";
    case ResponseFormat::kHtml: return "html";
  }
  return "json";
}

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;

// Cursors are opaque to clients: base64url of "key.id". Clients only hand them back.
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (const unsigned char c : in) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buf >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buf << (6 - bits)) & 63]);
  return out;
}

std::optional<std::string> unbase64url(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (const char c : in) {
    const char* p = std::char_traits<char>::find(kBase64Url, 64, c);
    if (!p) return std::nullopt;
    buf = (buf << 6) | static_cast<std::uint32_t>(p - kBase64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  return out;
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

namespace {

std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

}  // namespace

PresentedToken presented_token(const Request& request) {
  const std::string_view authorization = request.header("Authorization");
  if (authorization.size() > 7 && iequals(authorization.substr(0, 7), "Bearer ")) {
    return {std::string(authorization.substr(7)), false};
  }
  std::string cookie(cookie_value(request.header("Cookie"), kSessionCookie));
  const bool via_cookie = !cookie.empty();
  return {std::move(cookie), via_cookie};
}

Response json_response(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = to_json_text(body);
  return r;
}

Response error_response(const core::Error& error, const RequestContext& ctx) {
  return problem_response(error, ctx.language);
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response respond_status(const RequestContext& ctx, const core::Status& status) {
  if (!status) return error_response(status.error(), ctx);
  return no_content();
}

void set_version_etag(Response& response, core::Version version) {
  response.set_header("ETag", "\"" + std::to_string(version) + "\"");
}

std::string content_etag(std::string_view body) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : body) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

core::Result<service::PageRequest> page_request(const RequestContext& ctx) {
  service::PageRequest page;
  page.limit = kDefaultLimit;
  if (const auto limit = ctx.query_value("limit")) {
    int n = 0;
    if (!parse_number(*limit, n) || n < 1 || n > kMaxLimit) {
      return core::fail(core::Error::validation(
          "limit", {"limit 应为 1 到 500 之间的整数", "limit must be an integer from 1 to 500"}));
    }
    page.limit = n;
  }
  if (const auto cursor = ctx.query_value("cursor"); cursor && !cursor->empty()) {
    const auto decoded = unbase64url(*cursor);
    const auto dot = decoded ? decoded->find('.') : std::string::npos;
    service::Cursor c;
    if (dot == std::string::npos || !parse_number(std::string_view(*decoded).substr(0, dot), c.key) ||
        !parse_number(std::string_view(*decoded).substr(dot + 1), c.id)) {
      return core::fail(core::Error::bad_request({"cursor 无效，请使用上一页返回的 next_cursor",
                                                  "invalid cursor; pass the next_cursor of the previous page"}));
    }
    page.after = c;
  }
  return page;
}

std::optional<std::string> encode_cursor(const std::optional<service::Cursor>& cursor) {
  if (!cursor) return std::nullopt;
  return base64url(std::to_string(cursor->key) + "." + std::to_string(cursor->id));
}

core::Result<std::optional<core::Version>> if_match(const RequestContext& ctx) {
  std::string_view value = ctx.request.header("If-Match");
  if (value.empty()) return std::optional<core::Version>{};
  if (value.substr(0, 2) == "W/") value.remove_prefix(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  core::Version v = 0;
  if (!parse_number(value, v) || v < 1) {
    return core::fail(core::Error::bad_request({"If-Match 应为记录的版本号，如 \"3\"",
                                                "If-Match must be the record's version, e.g. \"3\""}));
  }
  return std::optional<core::Version>{v};
}

core::Result<std::optional<core::Date>> query_date(const RequestContext& ctx, std::string_view key) {
  const auto value = ctx.query_value(key);
  if (!value || value->empty()) return std::optional<core::Date>{};
  const auto date = core::Date::parse(*value);
  if (!date) {
    return core::fail(core::Error::validation(std::string(key), {"应为有效日期，格式 YYYY-MM-DD",
                                                                  "must be a valid date as YYYY-MM-DD"}));
  }
  return std::optional<core::Date>{*date};
}

core::Result<std::optional<std::int64_t>> query_int(const RequestContext& ctx, std::string_view key) {
  const auto value = ctx.query_value(key);
  if (!value || value->empty()) return std::optional<std::int64_t>{};
  std::int64_t n = 0;
  if (!parse_number(*value, n)) {
    return core::fail(core::Error::validation(std::string(key), {"应为整数", "must be an integer"}));
  }
  return std::optional<std::int64_t>{n};
}

core::Result<bool> query_bool(const RequestContext& ctx, std::string_view key, bool fallback) {
  const auto value = ctx.query_value(key);
  if (!value || value->empty()) return fallback;
  if (*value == "true" || *value == "1") return true;
  if (*value == "false" || *value == "0") return false;
  return core::fail(core::Error::validation(std::string(key), {"应为 true 或 false", "must be true or false"}));
}

core::Result<ResponseFormat> response_format(const RequestContext& ctx,
                                             std::initializer_list<ResponseFormat> offered) {
  const auto value = ctx.query_value("format");
  const std::string_view asked = !value || value->empty() ? "json" : std::string_view(*value);
  std::string names;
  for (const auto format : offered) {
    if (format_name(format) == asked) return format;
    names += (names.empty() ? "" : ", ") + std::string(format_name(format));
  }
  return core::fail(core::Error::validation("format", {"取值应为以下之一：" + names, "must be one of: " + names}));
}

std::string rfc8187_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool attr_char = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    if (attr_char) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return out;
}

Response attachment_response(std::string bytes, std::string_view content_type, std::string_view filename,
                             std::string_view ascii_filename, Disposition disposition) {
  std::string fallback;
  for (const char c : ascii_filename) {
    const auto b = static_cast<unsigned char>(c);
    fallback.push_back(b < 0x20 || b >= 0x7F || c == '"' || c == '\\' ? '_' : c);
  }
  Response r;
  r.content_type = std::string(content_type);
  r.body = std::move(bytes);
  const std::string_view type = disposition == Disposition::kInline ? "inline" : "attachment";
  r.set_header("Content-Disposition",
               std::string(type) + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + rfc8187_encode(filename));
  return r;
}

Response download(const RequestContext& ctx, core::Result<exports::Document> document) {
  if (!document) {
    if (!document.error().log_message.empty()) spdlog::error("export failed: {}", document.error().log_message);
    return error_response(document.error(), ctx);
  }
  if (document->content_type != exports::kHtmlContentType) {
    return attachment_response(std::move(document->bytes), document->content_type, document->filename,
                               document->ascii_filename);
  }
  Response r = attachment_response(std::move(document->bytes), document->content_type, document->filename,
                                   document->ascii_filename, Disposition::kInline);
  // The page's text is the users' own (escaped); it may style itself, and nothing may run or load.
  // base-uri and form-action do not fall back to default-src; sandbox keeps a page from running anything.
  r.set_header("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'; sandbox");
  return r;
}

}  // namespace xuefeng::http
