#pragma once

#include <boost/json/value.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "core/result.hpp"
#include "export/exports.hpp"
#include "http/api.hpp"
#include "http/json_reader.hpp"
#include "http/router.hpp"
#include "service/repositories.hpp"

namespace xuefeng::http {

// What the route files share: turning results into responses, and reading the parts of a request that
// every resource reads the same way (paging, If-Match, JSON bodies).

/// What route handlers get: the use cases and the API's settings.
struct RouteDeps {
  service::Services& services;
  const ApiConfig& config;
};

Response json_response(int status, const json::value& body);
Response error_response(const core::Error& error, const RequestContext& ctx);
Response no_content();

/// `to_json(value)` on success, the problem response otherwise.
template <typename T, typename ToJson>
Response respond(const RequestContext& ctx, core::Result<T> result, ToJson&& to_json, int status = 200) {
  if (!result) return error_response(result.error(), ctx);
  return json_response(status, to_json(*result));
}

Response respond_status(const RequestContext& ctx, const core::Status& status);

/// The session token a request carries: "Authorization: Bearer" first, else the session cookie.
struct PresentedToken {
  std::string token;
  bool via_cookie = false;
};
PresentedToken presented_token(const Request& request);

/// ETag for a versioned record: the version in quotes.
void set_version_etag(Response& response, core::Version version);
/// ETag for a computed view: a 64-bit FNV-1a digest of the body, quoted.
std::string content_etag(std::string_view body);

/// ?limit= (default 50, at most 500) and ?cursor=.
core::Result<service::PageRequest> page_request(const RequestContext& ctx);

/// {"items": [...], "next_cursor": "..."|null}
template <typename T, typename ToJson>
json::value page_json(const service::Page<T>& page, ToJson&& to_json);

std::optional<std::string> encode_cursor(const std::optional<service::Cursor>& cursor);

/// If-Match: a version number, bare or quoted ("3", W/"3"). Absent: no precondition.
core::Result<std::optional<core::Version>> if_match(const RequestContext& ctx);

/// Parses the body as JSON and decodes it with one of http/decoders.hpp.
template <typename T>
core::Result<T> decode_body(const RequestContext& ctx, core::Result<T> (*decoder)(const json::value&)) {
  XF_TRY_ASSIGN(const json::value body, parse_json_body(ctx.request));
  return decoder(body);
}

/// What a GET that can also download a file answers with: ?format=json (the default), ?format=xlsx (a
/// workbook) or ?format=html (a page to print).
enum class ResponseFormat { kJson, kXlsx, kHtml };

/// ?format=: absent or empty means "json"; a name among `offered` is that format, anything else (json
/// too, when a route offers no JSON) is 422 on `format` naming the ones offered.
core::Result<ResponseFormat> response_format(
    const RequestContext& ctx,
    std::initializer_list<ResponseFormat> offered = {ResponseFormat::kJson, ResponseFormat::kXlsx});

/// How a browser takes a file: to save (attachment), or to show, as a page to print from (inline).
enum class Disposition { kAttachment, kInline };

/// A file: `Content-Disposition` with the name both as an ASCII `filename` and, percent-encoded UTF-8,
/// as `filename*` (RFC 6266, RFC 8187), which browsers prefer, and which they use when the file is saved.
Response attachment_response(std::string bytes, std::string_view content_type, std::string_view filename,
                             std::string_view ascii_filename, Disposition disposition = Disposition::kAttachment);

/// A rendered export as a download, or the problem response; a failure to render is logged with its reason.
/// A workbook is an attachment; a printable page is shown inline, under a policy that lets its own style
/// sheet apply and nothing else load or run.
Response download(const RequestContext& ctx, core::Result<exports::Document> document);

/// `render(value)` (a core::Result<exports::Document>) as a download when the use case succeeded.
template <typename T, typename Render>
Response respond_download(const RequestContext& ctx, core::Result<T> result, Render&& render) {
  if (!result) return error_response(result.error(), ctx);
  return download(ctx, render(*result));
}

/// `text` percent-encoded as RFC 8187 ext-value characters: everything but attr-char becomes %XX.
std::string rfc8187_encode(std::string_view text);

/// A query parameter that must be a date, an integer or a boolean when present.
core::Result<std::optional<core::Date>> query_date(const RequestContext& ctx, std::string_view key);
core::Result<std::optional<std::int64_t>> query_int(const RequestContext& ctx, std::string_view key);
core::Result<bool> query_bool(const RequestContext& ctx, std::string_view key, bool fallback);

template <typename T, typename ToJson>
json::value page_json(const service::Page<T>& page, ToJson&& to_json) {
  json::object out;
  json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(to_json(item));
  out["items"] = std::move(items);
  if (const auto cursor = encode_cursor(page.next)) {
    out["next_cursor"] = *cursor;
  } else {
    out["next_cursor"] = nullptr;
  }
  return out;
}

}  // namespace xuefeng::http
