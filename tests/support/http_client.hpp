#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace xuefeng::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// The first header of that name (case-insensitive), or "".
  std::string header(std::string_view name) const;
  /// The body parsed as JSON; throws if it is not JSON.
  boost::json::value json() const;
};

/// A blocking HTTP/1.1 client with one kept-alive connection to 127.0.0.1:port, for tests and benchmarks.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  /// Sent as "Authorization: Bearer <token>" when not empty.
  std::string token;
  /// Sent as Accept-Language when not empty.
  std::string language;

  HttpResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResponse get(std::string_view target) { return request("GET", target); }
  HttpResponse del(std::string_view target) { return request("DELETE", target); }
  /// JSON body (serialized) with Content-Type: application/json.
  HttpResponse post(std::string_view target, const boost::json::value& body);
  HttpResponse put(std::string_view target, const boost::json::value& body);
  HttpResponse patch(std::string_view target, const boost::json::value& body,
                     const std::vector<std::pair<std::string, std::string>>& headers = {});

  /// Logs in and keeps the token; throws if the login fails.
  void login(const std::string& login, const std::string& password);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xuefeng::testing
