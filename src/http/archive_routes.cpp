#include <boost/json.hpp>

#include "http/decoders.hpp"
#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

namespace {

/// ?year=, required; the use case checks its range.
core::Result<int> required_year(const RequestContext& ctx) {
  const auto year = query_int(ctx, "year");
  if (!year) return core::fail(year.error());
  if (!*year) return core::fail(core::Error::validation("year", {"必须填写", "is required"}));
  // Out-of-range years become 0, which the use case refuses, rather than wrapping into a valid one.
  const std::int64_t y = **year;
  return y >= 0 && y <= 9999 ? static_cast<int>(y) : 0;
}

}  // namespace

void add_archive_routes(Router& router, const RouteDeps& deps) {
  auto& archive = deps.services.archive;
  auto& binders = deps.services.binders;
  const JsonWriter w(deps.config.offset);
  const core::UtcOffset offset = deps.config.offset;
  const auto versioned = [w](const RequestContext& ctx, core::Result<core::ArchiveEntry> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.archive_entry(*result));
    set_version_etag(r, result->version);
    return r;
  };

  router.add(Method::kPost, "/api/v1/people/{id}/archive", Auth::kRequired, [&archive, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    auto e = decode_body(ctx, decode_new_archive_entry);
    if (!e) return error_response(e.error(), ctx);
    e->person_id = *id;
    return versioned(ctx, archive.create(ctx.actor, *e), 201);
  });

  router.add(
      Method::kGet, "/api/v1/people/{id}/archive", Auth::kRequired,
      [&archive, &binders, w, offset](RequestContext& ctx) {
        const auto id = ctx.id("id");
        if (!id) return error_response(id.error(), ctx);
        const auto year = required_year(ctx);
        if (!year) return error_response(year.error(), ctx);
        const auto format =
            response_format(ctx, {ResponseFormat::kJson, ResponseFormat::kXlsx, ResponseFormat::kHtml});
        if (!format) return error_response(format.error(), ctx);
        if (*format == ResponseFormat::kXlsx) {
          return respond_download(ctx, archive.year(ctx.actor, *id, *year),
                                  [](const service::ArchiveYear& y) { return exports::archive_workbook(y); });
        }
        if (*format == ResponseFormat::kHtml) {
          return respond_download(
              ctx, binders.person(ctx.actor, *id, *year),
              [offset](const service::Binder& b) { return exports::binder_html(b, offset); });
        }
        return respond(ctx, archive.year(ctx.actor, *id, *year),
                       [&](const service::ArchiveYear& y) { return w.archive_year(y); });
      });

  // Every person of an org's subtree in one printable binder. There is no JSON form: the same data is each
  // person's archive and compliance, and one answer for up to kMaxBinderPeople people would serve no screen.
  router.add(Method::kGet, "/api/v1/orgs/{id}/archive", Auth::kRequired,
             [&binders, offset](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto year = required_year(ctx);
               if (!year) return error_response(year.error(), ctx);
               const auto format = response_format(ctx, {ResponseFormat::kHtml});
               if (!format) return error_response(format.error(), ctx);
               return respond_download(
                   ctx, binders.org(ctx.actor, *id, *year),
                   [offset](const service::OrgBinder& b) { return exports::org_binder_html(b, offset); });
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
               const auto p = decode_body(ctx, decode_archive_patch);
               if (!p) return error_response(p.error(), ctx);
               return versioned(ctx, archive.update(ctx.actor, *id, *entry, *p, *version), 200);
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
               const auto review = decode_body(ctx, decode_review);
               if (!review) return error_response(review.error(), ctx);
               return versioned(ctx, archive.review(ctx.actor, *id, *entry, review->verdict, review->comment), 200);
             });
}

}  // namespace xuefeng::http
