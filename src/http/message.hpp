#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xuefeng::http {

// Plain request and response values. src/server converts Beast's messages to and from these, so no
// other layer includes Beast or Asio and handlers stay functions from request to response.

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view method_name(Method method);

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  Method method = Method::kGet;
  /// The request target as sent: path and query, still percent-encoded ("/api/v1/people?q=%E5%BC%A0").
  std::string target;
  std::vector<Header> headers;
  std::string body;
  /// The peer's IP address as text, for logs and (later) throttling.
  std::string remote_address;

  /// The first header of that name (case-insensitive), or an empty view.
  std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::vector<Header> headers;
  std::string body;

  /// Who made the request, once known, for the access log; 0 when unauthenticated.
  std::int64_t account_id = 0;
  /// The stable problem code of an error response, for the access log.
  std::string problem_code;

  void set_header(std::string name, std::string value) { headers.push_back({std::move(name), std::move(value)}); }
};

/// The whole application as seen by the server: one synchronous function. The server calls it on a
/// worker thread, never on an I/O thread, because it may wait on the database.
using Handler = std::function<Response(const Request&)>;

bool iequals(std::string_view a, std::string_view b);

/// The headers every answer carries, the server's own refusals included, so that no answer can be
/// sniffed, framed or cached by accident. Keeps a Cache-Control or Content-Security-Policy the response
/// already has (a printable page needs its style sheet).
void add_security_headers(Response& response);

}  // namespace xuefeng::http
