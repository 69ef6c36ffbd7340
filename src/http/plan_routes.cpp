#include <boost/json.hpp>

#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {
namespace {

std::vector<service::TopicInput> read_topics(ObjectReader& r, bool allow_ids) {
  std::vector<service::TopicInput> topics;
  const json::value* raw = r.raw("topics");
  if (!raw || raw->is_null()) return topics;
  if (!raw->is_array()) {
    r.errors().add("topics", {"应为数组", "must be an array"});
    return topics;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    ObjectReader t(raw->as_array()[i], r.errors(), "topics[" + std::to_string(i) + "]");
    service::TopicInput topic;
    if (allow_ids) topic.id = t.optional<std::int64_t>("id");
    topic.title = t.required<std::string>("title").value_or("");
    topic.description = t.optional<std::string>("description").value_or("");
    t.reject_unknown();
    topics.push_back(std::move(topic));
  }
  return topics;
}

}  // namespace

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
    core::Id org_id = 0;
    int year = 0;
    std::string title;
    std::vector<service::TopicInput> topics;
    const auto body = read_body(ctx, [&](ObjectReader& r) {
      org_id = r.required<std::int64_t>("org_id").value_or(0);
      year = r.required<int>("year").value_or(0);
      title = r.required<std::string>("title").value_or("");
      topics = read_topics(r, false);
    });
    if (!body) return error_response(body.error(), ctx);
    return versioned(ctx, plans.create(ctx.actor, org_id, year, title, topics), 201);
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
    service::PlanPatch patch;
    const auto body = read_body(ctx, [&](ObjectReader& r) {
      patch.title = r.patch<std::string>("title");
      if (const auto* topics = r.raw("topics"); topics && !topics->is_null()) patch.topics = read_topics(r, true);
    });
    if (!body) return error_response(body.error(), ctx);
    return versioned(ctx, plans.update(ctx.actor, *id, patch, *version), 200);
  });
}

}  // namespace xuefeng::http
