#include <boost/json.hpp>

#include "http/decoders.hpp"
#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

void add_person_routes(Router& router, const RouteDeps& deps) {
  auto& people = deps.services.people;
  const JsonWriter w(deps.config.offset);
  const auto versioned = [w](const RequestContext& ctx, core::Result<service::PersonView> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.person(*result));
    set_version_etag(r, result->person.version);
    return r;
  };

  router.add(Method::kPost, "/api/v1/people", Auth::kRequired, [&people, versioned](RequestContext& ctx) {
    const auto p = decode_body(ctx, decode_new_person);
    if (!p) return error_response(p.error(), ctx);
    return versioned(ctx, people.create(ctx.actor, *p), 201);
  });

  router.add(Method::kGet, "/api/v1/people", Auth::kRequired, [&people, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    return respond(ctx, people.search(ctx.actor, ctx.query_value("q").value_or(""), *page),
                   [&](const service::Page<service::PersonView>& p) {
                     return page_json(p, [&](const service::PersonView& person) { return w.person(person); });
                   });
  });

  router.add(Method::kGet, "/api/v1/people/{id}", Auth::kRequired, [&people, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return versioned(ctx, people.get(ctx.actor, *id), 200);
  });

  router.add(Method::kPatch, "/api/v1/people/{id}", Auth::kRequired, [&people, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    const auto patch = decode_body(ctx, decode_person_patch);
    if (!patch) return error_response(patch.error(), ctx);
    return versioned(ctx, people.update(ctx.actor, *id, *patch, *version), 200);
  });

  router.add(Method::kDelete, "/api/v1/people/{id}", Auth::kRequired, [&people](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    return respond_status(ctx, people.remove(ctx.actor, *id, *version));
  });
}

}  // namespace xuefeng::http
