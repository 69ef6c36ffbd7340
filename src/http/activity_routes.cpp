#include <boost/json.hpp>

#include "http/json_writer.hpp"
#include "http/qr_svg.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {
namespace {

std::optional<std::vector<core::Speaker>> read_speakers(ObjectReader& r) {
  const json::value* raw = r.raw("speakers");
  if (!raw) return std::nullopt;
  std::vector<core::Speaker> speakers;
  if (raw->is_null()) return speakers;
  if (!raw->is_array()) {
    r.errors().add("speakers", {"应为数组", "must be an array"});
    return speakers;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    ObjectReader s(raw->as_array()[i], r.errors(), "speakers[" + std::to_string(i) + "]");
    core::Speaker speaker;
    speaker.person_id = s.required<std::int64_t>("person_id").value_or(0);
    speaker.title = s.optional<std::string>("title").value_or("");
    s.reject_unknown();
    speakers.push_back(std::move(speaker));
  }
  return speakers;
}

std::optional<std::vector<core::Id>> read_ids(ObjectReader& r, std::string_view key) {
  const json::value* raw = r.raw(key);
  if (!raw) return std::nullopt;
  std::vector<core::Id> ids;
  if (raw->is_null()) return ids;
  if (!raw->is_array()) {
    r.errors().add(std::string(key), {"应为人员编号数组", "must be an array of person ids"});
    return ids;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    core::Text why;
    if (const auto id = decode<std::int64_t>(raw->as_array()[i], why)) ids.push_back(*id);
    else r.errors().add(std::string(key) + "[" + std::to_string(i) + "]", why);
  }
  return ids;
}

std::optional<service::Repeat> read_repeat(ObjectReader& r) {
  const json::value* raw = r.raw("repeat");
  if (!raw || raw->is_null()) return std::nullopt;
  ObjectReader rep(*raw, r.errors(), "repeat");
  const auto every = rep.required<core::RepeatEvery>("every");
  const auto until = rep.required<core::Date>("until");
  rep.reject_unknown();
  if (!every || !until) return std::nullopt;
  return service::Repeat{*every, *until};
}

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
    core::Activity a;
    std::optional<service::Repeat> repeat;
    const auto body = read_body(ctx, [&](ObjectReader& r) {
      a.org_id = r.required<std::int64_t>("org_id").value_or(0);
      a.plan_id = r.optional<std::int64_t>("plan_id");
      a.topic_id = r.optional<std::int64_t>("topic_id");
      a.kind = r.required<core::ActivityKind>("kind").value_or(core::ActivityKind::kCentralizedStudy);
      a.title = r.required<std::string>("title").value_or("");
      a.starts_on = r.required<core::Date>("starts_on").value_or(core::Date{});
      a.ends_on = r.optional<core::Date>("ends_on").value_or(a.starts_on);
      a.starts_at = r.optional<core::Timestamp>("starts_at");
      a.ends_at = r.optional<core::Timestamp>("ends_at");
      a.location = r.optional<std::string>("location").value_or("");
      a.host_id = r.optional<std::int64_t>("host_id");
      a.credit_hours = r.optional<double>("credit_hours").value_or(0);
      a.speakers = read_speakers(r).value_or(std::vector<core::Speaker>{});
      a.invitees = read_ids(r, "invitees").value_or(std::vector<core::Id>{});
      repeat = read_repeat(r);
    });
    if (!body) return error_response(body.error(), ctx);
    auto created = activities.create(ctx.actor, a, repeat);
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
               service::ActivityPatch p;
               const auto body = read_body(ctx, [&](ObjectReader& r) {
                 p.plan_id = r.nullable_patch<std::int64_t>("plan_id");
                 p.topic_id = r.nullable_patch<std::int64_t>("topic_id");
                 p.kind = r.patch<core::ActivityKind>("kind");
                 p.title = r.patch<std::string>("title");
                 p.starts_on = r.patch<core::Date>("starts_on");
                 p.ends_on = r.patch<core::Date>("ends_on");
                 p.starts_at = r.nullable_patch<core::Timestamp>("starts_at");
                 p.ends_at = r.nullable_patch<core::Timestamp>("ends_at");
                 p.location = r.patch<std::string>("location");
                 p.host_id = r.nullable_patch<std::int64_t>("host_id");
                 p.credit_hours = r.patch<double>("credit_hours");
                 p.speakers = read_speakers(r);
                 p.invitees = read_ids(r, "invitees");
                 if (r.raw("org_id")) {
                   r.errors().add("org_id", {"活动所属组织不能修改；请删除后重建",
                                             "an activity cannot move to another organization; delete and recreate it"});
                 }
               });
               if (!body) return error_response(body.error(), ctx);
               return versioned(ctx, activities.update(ctx.actor, *id, p, *version), 200);
             });

  router.add(Method::kDelete, "/api/v1/activities/{id}", Auth::kRequired, [&activities](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    return respond_status(ctx, activities.remove(ctx.actor, *id, *version));
  });

  router.add(Method::kGet, "/api/v1/activities/{id}/attendance", Auth::kRequired,
             [&activities, sheet_response](RequestContext& ctx) {
               const auto id = ctx.id("id");
               if (!id) return error_response(id.error(), ctx);
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
               const auto body = parse_json_body(ctx.request);
               if (!body) return error_response(body.error(), ctx);
               core::FieldErrors errors;
               std::vector<service::MarkInput> marks;
               if (!body->is_array()) {
                 errors.add("body", {"应为数组：[{\"person_id\", \"status\", \"note\"}]",
                                     "must be an array: [{\"person_id\", \"status\", \"note\"}]"});
               } else {
                 for (std::size_t i = 0; i < body->as_array().size(); ++i) {
                   ObjectReader r(body->as_array()[i], errors, "[" + std::to_string(i) + "]");
                   service::MarkInput m;
                   m.person_id = r.required<std::int64_t>("person_id").value_or(0);
                   if (!r.raw("status")) errors.add(r.path("status"), {"必须填写（可为 null 表示清除）", "is required (null clears)"});
                   m.status = r.optional<core::AttendanceStatus>("status");
                   m.note = r.optional<std::string>("note").value_or("");
                   r.reject_unknown();
                   marks.push_back(std::move(m));
                 }
               }
               if (!errors.empty()) return error_response(std::move(errors).to_error(), ctx);
               return sheet_response(ctx, activities.set_marks(ctx.actor, *id, marks));
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
               std::string code;
               const auto body = read_body(ctx, [&](ObjectReader& r) { code = r.required<std::string>("code").value_or(""); });
               if (!body) return error_response(body.error(), ctx);
               return respond(ctx, activities.check_in(ctx.actor, *id, code), [&](const service::CheckInResult& c) {
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
    std::string reason;
    const auto body = read_body(ctx, [&](ObjectReader& r) { reason = r.required<std::string>("reason").value_or(""); });
    if (!body) return error_response(body.error(), ctx);
    return respond(ctx, activities.request_leave(ctx.actor, *id, reason),
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
