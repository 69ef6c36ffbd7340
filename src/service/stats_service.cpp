#include "core/rules.hpp"
#include "service/access.hpp"
#include "service/services.hpp"

namespace xuefeng::service {

Result<OrgStats> StatsService::org_year(const Actor& actor, core::Id org_id, int year, bool descendants) {
  if (year < 2000 || year > 2100) {
    return core::fail(core::Error::validation("year", {"年度应在 2000 到 2100 之间", "year must be 2000–2100"}));
  }
  const auto from = *core::Date::from_ymd(year, 1, 1);
  const auto to = *core::Date::from_ymd(year, 12, 31);
  const auto today = ctx_.today();
  return read(ctx_.db(), [&](Repositories& repos) -> Result<OrgStats> {
    const core::Text not_found{"组织不存在", "no such organization"};
    // A unit's figures are for those who hold `read` there (they cover its whole subtree), not its members.
    if (!repos.orgs().find(org_id)) return core::fail(core::Error::not_found(not_found));
    XF_TRY(Access(actor, repos, today).require_org_grant(core::Permission::kRead, org_id, not_found));
    OrgStats stats = repos.reports().org_stats(org_id, descendants, from, to, today);
    stats.credit_hours = core::round_credit_hours(stats.credit_hours);
    return stats;
  });
}

}  // namespace xuefeng::service
