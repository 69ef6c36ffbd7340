#include <boost/json.hpp>

#include "http/json_writer.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {

void add_audit_routes(Router& router, const RouteDeps& deps) {
  auto& audit = deps.services.audit;
  const JsonWriter w(deps.config.offset);

  router.add(Method::kGet, "/api/v1/audit", Auth::kRequired, [&audit, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    const auto org_id = query_int(ctx, "org_id");
    if (!org_id) return error_response(org_id.error(), ctx);
    const auto from = query_date(ctx, "from");
    if (!from) return error_response(from.error(), ctx);
    const auto to = query_date(ctx, "to");
    if (!to) return error_response(to.error(), ctx);
    return respond(ctx, audit.list(ctx.actor, *org_id, *from, *to, *page),
                   [&](const service::Page<service::AuditRecord>& p) {
                     return page_json(p, [&](const service::AuditRecord& r) { return w.audit_record(r); });
                   });
  });
}

}  // namespace xuefeng::http
