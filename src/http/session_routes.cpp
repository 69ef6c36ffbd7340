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
    auto result = services.accounts.login(input->login, input->password, ctx.request.remote_address,
                                          presented_token(ctx.request).token);
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
    const auto all = query_bool(ctx, "all", false);
    if (!all) return error_response(all.error(), ctx);
    const auto status = services.accounts.logout(ctx.actor, ctx.token, *all);
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

  router.add(Method::kPost, "/api/v1/session/password", Auth::kRequired, [&services](RequestContext& ctx) {
    const auto input = decode_body(ctx, decode_password_change);
    if (!input) return error_response(input.error(), ctx);
    return respond_status(ctx, services.accounts.change_password(ctx.actor, ctx.token, input->current_password,
                                                                 input->new_password));
  });

  router.add(Method::kGet, "/api/v1/accounts", Auth::kRequired, [&services, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    return respond(ctx, services.accounts.list(ctx.actor, *page), [&](const service::Page<core::Account>& p) {
      return page_json(p, [&](const core::Account& a) { return w.account(a); });
    });
  });

  router.add(Method::kGet, "/api/v1/accounts/{id}", Auth::kRequired, [&services, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return respond(ctx, services.accounts.get(ctx.actor, *id), [&](const core::Account& a) { return w.account(a); });
  });

  router.add(Method::kPost, "/api/v1/accounts/{id}/grants", Auth::kRequired, [&services, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto grant = decode_body(ctx, decode_grant);
    if (!grant) return error_response(grant.error(), ctx);
    return respond(ctx, services.accounts.add_grant(ctx.actor, *id, *grant),
                   [&](const core::Account& a) { return w.account(a); });
  });

  router.add(Method::kDelete, "/api/v1/accounts/{id}/grants", Auth::kRequired, [&services, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto role_text = ctx.query_value("role");
    const auto role = role_text ? core::parse_code<core::AccountRole>(*role_text) : std::nullopt;
    if (!role) {
      return error_response(core::Error::validation("role", {"取值应为以下之一：" + core::allowed_codes<core::AccountRole>(),
                                                             "must be one of: " + core::allowed_codes<core::AccountRole>()}),
                            ctx);
    }
    const auto org_id = query_int(ctx, "org_id");
    if (!org_id) return error_response(org_id.error(), ctx);
    return respond(ctx, services.accounts.remove_grant(ctx.actor, *id, {*role, *org_id}),
                   [&](const core::Account& a) { return w.account(a); });
  });

  router.add(Method::kPost, "/api/v1/accounts/{id}/password", Auth::kRequired, [&services](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto password = decode_body(ctx, decode_password_reset);
    if (!password) return error_response(password.error(), ctx);
    return respond_status(ctx, services.accounts.reset_password(ctx.actor, *id, *password));
  });
}

}  // namespace xuefeng::http
