#include <boost/json.hpp>

#include "http/decoders.hpp"
#include "http/json_writer.hpp"
#include "http/qr_svg.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {
namespace {

// "http://host" of the request, unless the deployment names its public address.
std::string public_base(const RequestContext& ctx, const ApiConfig& config) {
  if (!config.public_url.empty()) {
    std::string base = config.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
  }
  const std::string_view host = ctx.request.header("Host");
  return "http://" + std::string(host.empty() ? "127.0.0.1" : host);
}

std::string check_in_url(const RequestContext& ctx, const ApiConfig& config, core::Id id, const std::string& code) {
  return public_base(ctx, config) + "/check-in/" + std::to_string(id) + "?code=" + code;
}

}  // namespace

void add_activity_routes(Router& router, const RouteDeps& deps) {
  auto& activities = deps.services.activities;
  const ApiConfig& config = deps.config;
  const JsonWriter w(config.offset);
  const auto versioned = [w](const RequestContext& ctx, core::Result<service::ActivityView> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, w.activity(*result));
    set_version_etag(r, result->activity.version);
    return r;
  };
  const auto sheet_response = [w](const RequestContext& ctx, core::Result<service::AttendanceSheet> result) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(200, w.attendance(*result));
    // The ETag is a digest of the sheet itself, so anything that changes what the sheet shows (a mark, a
    // leave request, a new member, a moved date) changes it, and an unchanged sheet polls as 304.
    r.set_header("ETag", content_etag(r.body));
    r.set_header("Cache-Control", "no-cache");
    return r;
  };

  router.add(Method::kPost, "/api/v1/activities", Auth::kRequired, [&activities, w](RequestContext& ctx) {
    auto input = decode_body(ctx, decode_new_activity);
    if (!input) return error_response(input.error(), ctx);
    const auto& repeat = input->repeat;
    auto created = activities.create(ctx.actor, input->activity, repeat);
    if (!created) return error_response(created.error(), ctx);
    if (!repeat) {
      Response r = json_response(201, w.activity(created->front()));
      set_version_etag(r, created->front().activity.version);
      return r;
    }
    json::array items;
    for (const auto& v : *created) items.push_back(w.activity(v));
    return json_response(201, json::object{{"series_id", created->front().activity.series_id
                                                             ? json::value(*created->front().activity.series_id)
                                                             : json::value(nullptr)},
                                           {"items", std::move(items)}});
  });

  router.add(Method::kGet, "/api/v1/activities", Auth::kRequired, [&activities, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    service::ActivityQuery q;
    const auto org_id = query_int(ctx, "org_id");
    if (!org_id) return error_response(org_id.error(), ctx);
    q.org_id = *org_id;
    const auto descendants = query_bool(ctx, "descendants", false);
    if (!descendants) return error_response(descendants.error(), ctx);
    q.descendants = *descendants;
    const auto unmarked = query_bool(ctx, "unmarked", false);
    if (!unmarked) return error_response(unmarked.error(), ctx);
    q.unmarked = *unmarked;
    const auto from = query_date(ctx, "from");
    if (!from) return error_response(from.error(), ctx);
    q.from = *from;
    const auto to = query_date(ctx, "to");
    if (!to) return error_response(to.error(), ctx);
    q.to = *to;
    if (const auto kind = ctx.query_value("kind"); kind && !kind->empty()) {
      q.kind = core::parse_code<core::ActivityKind>(*kind);
      if (!q.kind) {
        return error_response(core::Error::validation("kind", {"取值应为以下之一：" + core::allowed_codes<core::ActivityKind>(),
                                                               "must be one of: " + core::allowed_codes<core::ActivityKind>()}),
                              ctx);
      }
    }
    return respond(ctx, activities.list(ctx.actor, q, *page), [&](const service::Page<service::ActivityView>& p) {
      return page_json(p, [&](const service::ActivityView& v) { return w.activity(v); });
    });
  });

  router.add(Method::kGet, "/api/v1/activities/{id}", Auth::kRequired, [&activities, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return versioned(ctx, activities.get(ctx.actor, *id), 200);
  });

  router.add(Method::kPatch, "/api/v1/activities/{id}", Auth::kRequired,
             [&activities, versioned](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto version = if_match(ctx);
               if (!version) return error_response(version.error(), ctx);
               const auto p = decode_body(ctx, decode_activity_patch);
               if (!p) return error_response(p.error(), ctx);
               return versioned(ctx, activities.update(ctx.actor, *id, *p, *version), 200);
             });

  router.add(Method::kDelete, "/api/v1/activities/{id}", Auth::kRequired, [&activities](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    return respond_status(ctx, activities.remove(ctx.actor, *id, *version));
  });

  router.add(Method::kGet, "/api/v1/activities/{id}/attendance", Auth::kRequired,
             [&activities, &config, sheet_response](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto format = response_format(ctx);
               if (!format) return error_response(format.error(), ctx);
               if (*format == ResponseFormat::kXlsx) {
                 return respond_download(ctx, activities.attendance(ctx.actor, *id),
                                         [&](const service::AttendanceSheet& sheet) {
                                           return exports::attendance_workbook(sheet, config.offset);
                                         });
               }
               Response r = sheet_response(ctx, activities.attendance(ctx.actor, *id));
               // The secretary's screen polls this while people check in: answer "unchanged" cheaply.
               const std::string_view inm = ctx.request.header("If-None-Match");
               for (const auto& h : r.headers) {
                 if (r.status == 200 && h.name == "ETag" && !inm.empty() && inm == h.value) {
                   // RFC 9110: a 304 repeats the 200's ETag and Cache-Control.
                   Response not_modified;
                   not_modified.status = 304;
                   not_modified.set_header("ETag", h.value);
                   not_modified.set_header("Cache-Control", "no-cache");
                   return not_modified;
                 }
               }
               return r;
             });

  router.add(Method::kPut, "/api/v1/activities/{id}/attendance", Auth::kRequired,
             [&activities, sheet_response](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto marks = decode_body(ctx, decode_marks);
               if (!marks) return error_response(marks.error(), ctx);
               return sheet_response(ctx, activities.set_marks(ctx.actor, *id, *marks));
             });

  router.add(Method::kPost, "/api/v1/activities/{id}/attendance/mark-absent", Auth::kRequired,
             [&activities, sheet_response](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               return sheet_response(ctx, activities.mark_unmarked_absent(ctx.actor, *id));
             });

  router.add(Method::kGet, "/api/v1/activities/{id}/check-in.svg", Auth::kRequired,
             [&activities, &config](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto code = activities.check_in_code(ctx.actor, *id);
               if (!code) return error_response(code.error(), ctx);
               const auto svg = qr_svg(check_in_url(ctx, config, *id, code->code));
               if (!svg) return error_response(core::Error::internal("check-in URL too long for a QR code"), ctx);
               Response r;
               r.content_type = "image/svg+xml";
               r.body = *svg;
               r.set_header("Cache-Control", "no-store");
               return r;
             });

  router.add(Method::kGet, "/api/v1/activities/{id}/check-in", Auth::kRequired,
             [&activities, &config, w](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto code = activities.check_in_code(ctx.actor, *id);
               if (!code) return error_response(code.error(), ctx);
               Response r = json_response(200, json::object{{"code", code->code},
                                                            {"url", check_in_url(ctx, config, *id, code->code)},
                                                            {"valid_until", w.time(code->valid_until)},
                                                            {"window_opens", w.time(code->window_opens)},
                                                            {"window_closes", w.time(code->window_closes)}});
               r.set_header("Cache-Control", "no-store");
               return r;
             });

  router.add(Method::kPost, "/api/v1/activities/{id}/check-in", Auth::kRequired,
             [&activities, w](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
               const auto code = decode_body(ctx, decode_check_in);
               if (!code) return error_response(code.error(), ctx);
               return respond(ctx, activities.check_in(ctx.actor, *id, *code), [&](const service::CheckInResult& c) {
                 return json::object{{"activity_id", *id},
                                     {"person_id", ctx.actor.person_id ? *ctx.actor.person_id : 0},
                                     {"status", core::code(c.status)},
                                     {"checked_in_at", w.time(c.checked_in_at)},
                                     {"already_checked_in", c.already}};
               });
             });

  router.add(Method::kPost, "/api/v1/activities/{id}/leave", Auth::kRequired, [&activities, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto reason = decode_body(ctx, decode_leave_request);
    if (!reason) return error_response(reason.error(), ctx);
    return respond(ctx, activities.request_leave(ctx.actor, *id, *reason),
                   [&](const core::LeaveRequest& l) { return w.leave(l); }, 201);
  });

  router.add(Method::kGet, "/api/v1/activities/{id}/leave", Auth::kRequired, [&activities, w](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return respond(ctx, activities.leave_requests(ctx.actor, *id), [&](const std::vector<core::LeaveRequest>& list) {
      json::array items;
      for (const auto& l : list) items.push_back(w.leave(l));
      return json::object{{"items", std::move(items)}};
    });
  });

  for (const bool approve : {true, false}) {
    router.add(Method::kPost,
               approve ? "/api/v1/activities/{id}/leave/{person_id}/approve"
                       : "/api/v1/activities/{id}/leave/{person_id}/reject",
               Auth::kRequired, [&activities, w, approve](RequestContext& ctx) {
                 const auto id = ctx.id("id");
                 if (!id) return error_response(id.error(), ctx);
                 const auto person = ctx.id("person_id");
                 if (!person) return error_response(person.error(), ctx);
                 return respond(ctx, activities.decide_leave(ctx.actor, *id, *person, approve),
                                [&](const core::LeaveRequest& l) { return w.leave(l); });
               });
  }
}

}  // namespace xuefeng::http
