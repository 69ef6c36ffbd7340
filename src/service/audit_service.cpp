#include "service/access.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {

Result<Page<AuditRecord>> AuditService::list(const Actor& actor, std::optional<core::Id> org_id,
                                             std::optional<core::Date> from, std::optional<core::Date> to,
                                             const PageRequest& page) {
  if (from && to && *to < *from) {
    return core::fail(core::Error::validation("to", {"结束日期不能早于开始日期", "to must not be before from"}));
  }
  AuditQuery query;
  query.org_id = org_id;
  const auto offset = ctx_.config().offset;
  if (from) query.from = core::Timestamp::start_of(*from, offset);
  if (to) query.to = core::Timestamp::start_of(to->add_days(1), offset);
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<AuditRecord>> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(core::Permission::kReadAudit));
    if (org_id) {
      const core::Text not_found{"组织不存在", "no such organization"};
      if (!repos.orgs().find(*org_id)) return core::fail(core::Error::not_found(not_found));
      XF_TRY(access.require_org(core::Permission::kReadAudit, *org_id, not_found));
    }
    const auto reach = access.reach(core::Permission::kReadAudit);
    const Visibility visible{reach.everywhere, reach.roots, std::nullopt, ctx_.today()};
    return make_page(repos.audit().list(query, visible, page), page.limit,
                     [](const AuditRecord& r) { return Cursor{0, r.id}; });
  });
}

}  // namespace xuefeng::service
