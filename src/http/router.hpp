#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"
#include "http/problem.hpp"
#include "service/actor.hpp"

namespace xuefeng::http {

/// Everything a handler reads from one request: the request itself, decoded path parameters and query,
/// the client's language, and the authenticated actor (always set for routes that require a session).
struct RequestContext {
  const Request& request;
  std::map<std::string, std::string, std::less<>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  Language language = Language::kZh;
  service::Actor actor;
  /// The session token as presented (cookie or bearer), for logout.
  std::string token;
  bool via_cookie = false;

  /// The first query value for `key`, if the parameter is present (possibly empty).
  std::optional<std::string> query_value(std::string_view key) const;
  /// A path parameter that names a record: a positive integer. Anything else is an id that cannot exist.
  core::Result<core::Id> id(std::string_view name) const;
};

using RouteHandler = std::function<Response(RequestContext&)>;

/// A request target split the way routes see it.
struct ParsedTarget {
  /// The decoded path, for messages.
  std::string path;
  /// The decoded path segments; "/" is one empty segment.
  std::vector<std::string> segments;
  /// The decoded query parameters in order; a key without '=' has an empty value.
  std::vector<std::pair<std::string, std::string>> query;
};

/// Reads a request target in origin form ("/api/v1/people?q=%E5%BC%A0"); anything else is a 400.
core::Result<ParsedTarget> parse_target(std::string_view target);

enum class Auth {
  kRequired,  // 401 without a valid session
  kNone,      // login itself, health checks
};

/// Matches method and path against patterns such as "/api/v1/orgs/{id}/members/{person_id}".
class Router {
 public:
  void add(Method method, std::string pattern, Auth auth, RouteHandler handler);

  struct Match {
    const RouteHandler* handler = nullptr;
    Auth auth = Auth::kRequired;
    std::map<std::string, std::string, std::less<>> params;
    /// The path matched some route, but not with this method (405, not 404).
    bool path_known = false;
    /// The methods the path does support, for the 405's Allow header.
    std::vector<Method> allowed;
  };
  /// `segments` are the decoded path segments.
  Match match(Method method, const std::vector<std::string>& segments) const;
  /// Method and pattern of every route, for documentation checks.
  std::vector<std::pair<Method, std::string>> routes() const;

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" for a parameter
    Auth auth;
    RouteHandler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace xuefeng::http
