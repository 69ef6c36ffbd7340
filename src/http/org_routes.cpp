#include <boost/json.hpp>

#include "http/decoders.hpp"
#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

void add_org_routes(Router& router, const RouteDeps& deps) {
  auto& orgs = deps.services.orgs;
  auto& stats = deps.services.stats;
  const JsonWriter w(deps.config.offset);
  const auto org_json = [w](const core::Org& o) { return w.org(o); };
  const auto versioned = [w](const RequestContext& ctx, core::Result<core::Org> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.org(*result));
    set_version_etag(r, result->version);
    return r;
  };

  router.add(Method::kPost, "/api/v1/orgs", Auth::kRequired, [&orgs, versioned](RequestContext& ctx) {
    const auto org = decode_body(ctx, decode_new_org);
    if (!org) return error_response(org.error(), ctx);
    return versioned(ctx, orgs.create(ctx.actor, *org), 201);
  });

  router.add(Method::kGet, "/api/v1/orgs", Auth::kRequired, [&orgs, org_json](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    const auto parent = query_int(ctx, "parent_id");
    if (!parent) return error_response(parent.error(), ctx);
    return respond(ctx, orgs.list(ctx.actor, *parent, *page),
                   [&](const service::Page<core::Org>& p) { return page_json(p, org_json); });
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}", Auth::kRequired, [&orgs, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return versioned(ctx, orgs.get(ctx.actor, *id), 200);
  });

  router.add(Method::kPatch, "/api/v1/orgs/{id}", Auth::kRequired, [&orgs, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    const auto patch = decode_body(ctx, decode_org_patch);
    if (!patch) return error_response(patch.error(), ctx);
    return versioned(ctx, orgs.update(ctx.actor, *id, *patch, *version), 200);
  });

  router.add(Method::kDelete, "/api/v1/orgs/{id}", Auth::kRequired, [&orgs](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    return respond_status(ctx, orgs.remove(ctx.actor, *id, *version));
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/tree", Auth::kRequired, [&orgs, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return respond(ctx, orgs.tree(ctx.actor, *id), [&](const service::OrgTreeNode& n) { return w.org_tree(n); });
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/stats", Auth::kRequired, [&stats, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto year = query_int(ctx, "year");
    if (!year) return error_response(year.error(), ctx);
    if (!*year) return error_response(core::Error::validation("year", {"必须填写", "is required"}), ctx);
    const auto descendants = query_bool(ctx, "descendants", false);
    if (!descendants) return error_response(descendants.error(), ctx);
    return respond(ctx, stats.org_year(ctx.actor, *id, static_cast<int>(**year), *descendants),
                   [&](const service::OrgStats& s) { return w.org_stats(s); });
  });

  router.add(Method::kPost, "/api/v1/orgs/{id}/members", Auth::kRequired, [&orgs, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto input = decode_body(ctx, decode_new_membership);
    if (!input) return error_response(input.error(), ctx);
    return respond(ctx, orgs.add_member(ctx.actor, *id, *input),
                   [&](const service::MemberView& m) { return w.member(m); }, 201);
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/members", Auth::kRequired, [&orgs, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    const auto on = query_date(ctx, "on");
    if (!on) return error_response(on.error(), ctx);
    const auto history = query_bool(ctx, "history", false);
    if (!history) return error_response(history.error(), ctx);
    return respond(ctx, orgs.members(ctx.actor, *id, *on, *history, *page),
                   [&](const service::Page<service::MemberView>& p) {
                     return page_json(p, [&](const service::MemberView& m) { return w.member(m); });
                   });
  });

  router.add(Method::kDelete, "/api/v1/orgs/{id}/members/{person_id}", Auth::kRequired,
             [&orgs, w](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto person = ctx.id("person_id");
               if (!person) return error_response(person.error(), ctx);
               const auto until = query_date(ctx, "until");
               if (!until) return error_response(until.error(), ctx);
               return respond(ctx, orgs.end_membership(ctx.actor, *id, *person, *until),
                              [&](const service::MemberView& m) { return w.member(m); });
             });

  router.add(Method::kPost, "/api/v1/orgs/{id}/members/import", Auth::kRequired, [&orgs, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto since = query_date(ctx, "since");
    if (!since) return error_response(since.error(), ctx);
    const auto dry_run = query_bool(ctx, "dry_run", false);
    if (!dry_run) return error_response(dry_run.error(), ctx);
    return respond(ctx, orgs.import_roster(ctx.actor, *id, ctx.request.body, *since, *dry_run),
                   [&](const service::RosterImportResult& r) { return w.roster_import(r); }, *dry_run ? 200 : 201);
  });
}

}  // namespace xuefeng::http
