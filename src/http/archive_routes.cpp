#include <boost/json.hpp>

#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

void add_archive_routes(Router& router, const RouteDeps& deps) {
  auto& archive = deps.services.archive;
  const JsonWriter w(deps.config.offset);
  const auto versioned = [w](const RequestContext& ctx, core::Result<core::ArchiveEntry> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.archive_entry(*result));
    set_version_etag(r, result->version);
    return r;
  };

  router.add(Method::kPost, "/api/v1/people/{id}/archive", Auth::kRequired, [&archive, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    core::ArchiveEntry e;
    e.person_id = *id;
    const auto body = read_body(ctx, [&](ObjectReader& r) {
      e.kind = r.required<core::ArchiveKind>("kind").value_or(core::ArchiveKind::kNote);
      e.date = r.required<core::Date>("date").value_or(core::Date{});
      e.title = r.required<std::string>("title").value_or("");
      e.content = r.optional<std::string>("content").value_or("");
      e.credit_hours = r.optional<double>("credit_hours").value_or(0);
      e.activity_id = r.optional<std::int64_t>("activity_id");
      e.venue = r.optional<std::string>("venue").value_or("");
    });
    if (!body) return error_response(body.error(), ctx);
    return versioned(ctx, archive.create(ctx.actor, e), 201);
  });

  router.add(Method::kGet, "/api/v1/people/{id}/archive", Auth::kRequired, [&archive, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto year = query_int(ctx, "year");
    if (!year) return error_response(year.error(), ctx);
    if (!*year) return error_response(core::Error::validation("year", {"必须填写", "is required"}), ctx);
    return respond(ctx, archive.year(ctx.actor, *id, static_cast<int>(**year)),
                   [&](const service::ArchiveYear& y) { return w.archive_year(y); });
  });

  router.add(Method::kGet, "/api/v1/people/{id}/archive/{entry_id}", Auth::kRequired,
             [&archive, versioned](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto entry = ctx.id("entry_id");
               if (!entry) return error_response(entry.error(), ctx);
               return versioned(ctx, archive.get(ctx.actor, *id, *entry), 200);
             });

  router.add(Method::kPatch, "/api/v1/people/{id}/archive/{entry_id}", Auth::kRequired,
             [&archive, versioned](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto entry = ctx.id("entry_id");
               if (!entry) return error_response(entry.error(), ctx);
               const auto version = if_match(ctx);
               if (!version) return error_response(version.error(), ctx);
               service::ArchivePatch p;
               const auto body = read_body(ctx, [&](ObjectReader& r) {
                 p.kind = r.patch<core::ArchiveKind>("kind");
                 p.date = r.patch<core::Date>("date");
                 p.title = r.patch<std::string>("title");
                 p.content = r.patch<std::string>("content");
                 p.credit_hours = r.patch<double>("credit_hours");
                 p.activity_id = r.nullable_patch<std::int64_t>("activity_id");
                 p.venue = r.patch<std::string>("venue");
               });
               if (!body) return error_response(body.error(), ctx);
               return versioned(ctx, archive.update(ctx.actor, *id, *entry, p, *version), 200);
             });

  router.add(Method::kDelete, "/api/v1/people/{id}/archive/{entry_id}", Auth::kRequired,
             [&archive](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto entry = ctx.id("entry_id");
               if (!entry) return error_response(entry.error(), ctx);
               const auto version = if_match(ctx);
               if (!version) return error_response(version.error(), ctx);
               return respond_status(ctx, archive.remove(ctx.actor, *id, *entry, *version));
             });

  router.add(Method::kPost, "/api/v1/people/{id}/archive/{entry_id}/review", Auth::kRequired,
             [&archive, versioned](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto entry = ctx.id("entry_id");
               if (!entry) return error_response(entry.error(), ctx);
               core::ReviewVerdict verdict = core::ReviewVerdict::kVerified;
               std::string comment;
               const auto body = read_body(ctx, [&](ObjectReader& r) {
                 verdict = r.required<core::ReviewVerdict>("verdict").value_or(verdict);
                 comment = r.optional<std::string>("comment").value_or("");
               });
               if (!body) return error_response(body.error(), ctx);
               return versioned(ctx, archive.review(ctx.actor, *id, *entry, verdict, comment), 200);
             });
}

}  // namespace xuefeng::http
