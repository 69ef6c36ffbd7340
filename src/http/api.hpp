#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "http/message.hpp"
#include "service/services.hpp"

namespace xuefeng::http {

class StaticSite;

struct ApiConfig {
  /// Times in responses are written at this offset.
  core::UtcOffset offset;
  /// Base of links that leave the API, such as the check-in URL in the QR code ("https://study.example.cn").
  /// Empty: taken from the request's Host header, over http.
  std::string public_url;
  /// Mark the session cookie Secure (set when served over HTTPS).
  bool secure_cookies = false;
  /// The web UI, answered for GET and HEAD outside /api/ and /healthz; none when null or empty.
  const StaticSite* site = nullptr;
};

class Router;

/// The JSON API: routing, authentication, JSON mapping and the one error mapping. A function from
/// request to response, so it can be tested without a socket.
class Api {
 public:
  Api(service::Services& services, ApiConfig config);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Response handle(const Request& request) const;
  /// Method and pattern of every route (for the documentation test).
  std::vector<std::pair<Method, std::string>> routes() const;

 private:
  Response dispatch(const Request& request) const;
  service::Services& services_;
  ApiConfig config_;
  std::unique_ptr<Router> router_;
};

}  // namespace xuefeng::http
