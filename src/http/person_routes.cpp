#include <boost/json.hpp>

#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

void add_person_routes(Router& router, const RouteDeps& deps) {
  auto& people = deps.services.people;
  const JsonWriter w(deps.config.offset);
  const auto versioned = [w](const RequestContext& ctx, core::Result<core::Person> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.person(*result));
    set_version_etag(r, result->version);
    return r;
  };

  router.add(Method::kPost, "/api/v1/people", Auth::kRequired, [&people, versioned](RequestContext& ctx) {
    core::Person p;
    const auto body = read_body(ctx, [&](ObjectReader& r) {
      p.name = r.required<std::string>("name").value_or("");
      p.gender = r.optional<core::Gender>("gender");
      p.birth_date = r.optional<core::Date>("birth_date");
      p.party_member = r.optional<bool>("party_member").value_or(false);
      p.cadre_level = r.optional<core::CadreLevel>("cadre_level");
      p.post = r.optional<std::string>("post").value_or("");
      p.phone = r.optional<std::string>("phone").value_or("");
    });
    if (!body) return error_response(body.error(), ctx);
    return versioned(ctx, people.create(ctx.actor, p), 201);
  });

  router.add(Method::kGet, "/api/v1/people", Auth::kRequired, [&people, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    return respond(ctx, people.search(ctx.actor, ctx.query_value("q").value_or(""), *page),
                   [&](const service::Page<core::Person>& p) {
                     return page_json(p, [&](const core::Person& person) { return w.person(person); });
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
    service::PersonPatch patch;
    const auto body = read_body(ctx, [&](ObjectReader& r) {
      patch.name = r.patch<std::string>("name");
      patch.gender = r.nullable_patch<core::Gender>("gender");
      patch.birth_date = r.nullable_patch<core::Date>("birth_date");
      patch.party_member = r.patch<bool>("party_member");
      patch.cadre_level = r.nullable_patch<core::CadreLevel>("cadre_level");
      patch.post = r.patch<std::string>("post");
      patch.phone = r.patch<std::string>("phone");
    });
    if (!body) return error_response(body.error(), ctx);
    return versioned(ctx, people.update(ctx.actor, *id, patch, *version), 200);
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
