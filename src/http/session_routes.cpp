#include <boost/json.hpp>

#include "http/decoders.hpp"
#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {
namespace {

std::string session_cookie(const std::string& token, std::int64_t max_age, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

}  // namespace

void add_session_routes(Router& router, const RouteDeps& deps) {
  auto& services = deps.services;
  const ApiConfig& config = deps.config;
  const JsonWriter w(config.offset);

  router.add(Method::kPost, "/api/v1/session", Auth::kNone, [&services, &config, w](RequestContext& ctx) {
    const auto input = decode_body(ctx, decode_login);
    if (!input) return error_response(input.error(), ctx);
    auto result = services.accounts.login(input->login, input->password);
    if (!result) return error_response(result.error(), ctx);
    const auto max_age = result->expires_at.seconds() - result->issued_at.seconds();
    Response response = json_response(
        200, json::object{{"token", result->token},
                          {"expires_at", w.time(result->expires_at)},
                          {"account", w.account(result->account)}});
    response.set_header("Set-Cookie",
                        session_cookie(result->token, max_age, config.secure_cookies));
    response.set_header("Cache-Control", "no-store");
    response.account_id = result->account.id;
    return response;
  });

  router.add(Method::kGet, "/api/v1/session", Auth::kRequired, [&services, w](RequestContext& ctx) {
    return respond(ctx, services.accounts.current(ctx.actor), [&](const core::Account& a) {
      return json::object{{"account", w.account(a)}};
    });
  });

  router.add(Method::kDelete, "/api/v1/session", Auth::kRequired, [&services, &config](RequestContext& ctx) {
    const auto status = services.accounts.logout(ctx.token);
    if (!status) return error_response(status.error(), ctx);
    Response response = no_content();
    response.set_header("Set-Cookie", session_cookie("", 0, config.secure_cookies));
    return response;
  });

  router.add(Method::kPost, "/api/v1/accounts", Auth::kRequired, [&services, w](RequestContext& ctx) {
    const auto input = decode_body(ctx, decode_new_account);
    if (!input) return error_response(input.error(), ctx);
    return respond(ctx, services.accounts.create(ctx.actor, *input), [&](const core::Account& a) { return w.account(a); },
                   201);
  });

  router.add(Method::kGet, "/api/v1/accounts", Auth::kRequired, [&services, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    return respond(ctx, services.accounts.list(ctx.actor, *page), [&](const service::Page<core::Account>& p) {
      return page_json(p, [&](const core::Account& a) { return w.account(a); });
    });
  });
}

}  // namespace xuefeng::http
