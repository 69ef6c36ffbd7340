#include <boost/json.hpp>

#include "http/decoders.hpp"
#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

void add_plan_routes(Router& router, const RouteDeps& deps) {
  auto& plans = deps.services.plans;
  const JsonWriter w(deps.config.offset);
  const auto versioned = [w](const RequestContext& ctx, core::Result<core::Plan> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.plan(*result));
    set_version_etag(r, result->version);
    return r;
  };

  router.add(Method::kPost, "/api/v1/plans", Auth::kRequired, [&plans, versioned](RequestContext& ctx) {
    const auto in = decode_body(ctx, decode_new_plan);
    if (!in) return error_response(in.error(), ctx);
    return versioned(ctx, plans.create(ctx.actor, in->org_id, in->year, in->title, in->topics), 201);
  });

  router.add(Method::kGet, "/api/v1/plans", Auth::kRequired, [&plans, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    const auto org_id = query_int(ctx, "org_id");
    if (!org_id) return error_response(org_id.error(), ctx);
    const auto year = query_int(ctx, "year");
    if (!year) return error_response(year.error(), ctx);
    std::optional<int> y;
    if (*year) y = static_cast<int>(**year);
    return respond(ctx, plans.list(ctx.actor, *org_id, y, *page), [&](const service::Page<core::Plan>& p) {
      return page_json(p, [&](const core::Plan& plan) { return w.plan(plan); });
    });
  });

  router.add(Method::kGet, "/api/v1/plans/{id}", Auth::kRequired, [&plans, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return versioned(ctx, plans.get(ctx.actor, *id), 200);
  });

  router.add(Method::kPatch, "/api/v1/plans/{id}", Auth::kRequired, [&plans, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    const auto patch = decode_body(ctx, decode_plan_patch);
    if (!patch) return error_response(patch.error(), ctx);
    return versioned(ctx, plans.update(ctx.actor, *id, *patch, *version), 200);
  });
}

}  // namespace xuefeng::http
