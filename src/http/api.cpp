#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "http/handler_support.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/static_site.hpp"

namespace xuefeng::http {
namespace {

// For cookie sessions, a state-changing request must come from our own pages: browsers send Origin
// (or at least Referer) on cross-site requests, so a mismatch is a forged request.
bool same_origin(const Request& request) {
  const std::string_view host = request.header("Host");
  auto host_of = [](std::string_view url) -> std::string_view {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    url.remove_prefix(scheme + 3);
    return url.substr(0, url.find('/'));
  };
  if (const auto origin = request.header("Origin"); !origin.empty()) return host_of(origin) == host;
  if (const auto referer = request.header("Referer"); !referer.empty()) return host_of(referer) == host;
  return true;
}

bool is_safe(Method m) { return m == Method::kGet || m == Method::kHead || m == Method::kOptions; }

// The API's own paths; everything else belongs to the web UI when there is one.
bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz";
}

}  // namespace

Api::Api(service::Services& services, ApiConfig config)
    : services_(services), config_(std::move(config)), router_(std::make_unique<Router>()) {
  const RouteDeps deps{services_, config_};
  router_->add(Method::kGet, "/healthz", Auth::kNone, [](RequestContext&) {
    return json_response(200, json::object{{"status", "ok"}});
  });
  add_session_routes(*router_, deps);
  add_org_routes(*router_, deps);
  add_person_routes(*router_, deps);
  add_plan_routes(*router_, deps);
  add_activity_routes(*router_, deps);
  add_archive_routes(*router_, deps);
  add_audit_routes(*router_, deps);
  add_requirement_routes(*router_, deps);
}

Api::~Api() = default;

std::vector<std::pair<Method, std::string>> Api::routes() const { return router_->routes(); }

Response Api::handle(const Request& request) const {
  Response response;
  try {
    response = dispatch(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", method_name(request.method), request.target, e.what());
    response = problem_response(core::Error::internal(e.what()),
                                preferred_language(request.header("Accept-Language")));
  }
  add_security_headers(response);
  return response;
}

Response Api::dispatch(const Request& request) const {
  const Language language = preferred_language(request.header("Accept-Language"));
  auto target = parse_target(request.target);
  if (!target) return problem_response(target.error(), language);
  if (config_.site && config_.site->enabled() && (request.method == Method::kGet || request.method == Method::kHead) &&
      !is_api_path(target->path)) {
    return config_.site->serve(request, target->path);
  }

  RequestContext ctx{request, {}, std::move(target->query), language, {}, {}, false};

  auto match = router_->match(request.method, target->segments);
  if (!match.handler) {
    if (match.path_known) {
      Response r = problem_response({core::ErrorCode::kMethodNotAllowed,
                                     {"该地址不支持 " + std::string(method_name(request.method)) + " 请求",
                                      "this resource does not support " + std::string(method_name(request.method))},
                                     {},
                                     {}},
                                    language);
      // RFC 9110: a 405 names the methods the resource does support.
      std::string allow;
      for (const Method m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method_name(m));
      r.set_header("Allow", allow);
      return r;
    }
    return problem_response(core::Error::not_found({"没有这个接口：" + target->path,
                                                    "no such resource: " + target->path}),
                            language);
  }
  ctx.path_params = std::move(match.params);

  if (match.auth == Auth::kRequired) {
    auto presented = presented_token(request);
    ctx.token = std::move(presented.token);
    ctx.via_cookie = presented.via_cookie;
    auto actor = services_.accounts.authenticate(ctx.token);
    if (!actor) return problem_response(actor.error(), language);
    ctx.actor = std::move(*actor);
    ctx.actor.address = request.remote_address;
    if (ctx.via_cookie && !is_safe(request.method) && !same_origin(request)) {
      Response r = problem_response(core::Error::forbidden({"请求来源与本站不符，已拒绝（CSRF 防护）",
                                                            "cross-site request refused (CSRF protection)"}),
                                    language);
      r.account_id = ctx.actor.account_id;
      return r;
    }
  }
  Response response = (*match.handler)(ctx);
  response.account_id = ctx.actor.account_id;
  return response;
}

}  // namespace xuefeng::http
