#include <algorithm>
#include <set>

#include "core/rules.hpp"
#include "service/access.hpp"
#include "service/checks.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;
using core::Permission;

const core::Text kNoSuchPlan{"学习计划不存在", "no such plan"};

}  // namespace

Result<core::Plan> PlanService::create(const Actor& actor, core::Id org_id, int year, std::string title,
                                       const std::vector<TopicInput>& topics) {
  core::Plan plan;
  plan.org_id = org_id;
  plan.year = year;
  plan.title = std::move(title);
  FieldErrors errors;
  for (std::size_t i = 0; i < topics.size(); ++i) {
    if (topics[i].id) errors.add("topics[" + std::to_string(i) + "].id", {"新建计划的专题不能带 id", "new topics have no id"});
    plan.topics.push_back({0, topics[i].title, topics[i].description});
  }
  core::check_plan(plan, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "plans.create"), [&](Repositories& repos) -> Result<core::Plan> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kPlan));
    if (!repos.orgs().find(org_id) || !access.reads_org(org_id)) {
      return fail(Error::validation("org_id", {"组织不存在", "no such organization"}));
    }
    if (!access.can_org(Permission::kPlan, org_id)) return fail(forbidden_action());
    if (const auto existing = repos.plans().find_by_org_year(org_id, year)) {
      return fail(Error::conflict({"该组织 " + std::to_string(year) + " 年度的学习计划已存在（编号 " +
                                       std::to_string(existing->id) + "）",
                                   "the organization already has a plan for " + std::to_string(year) + " (id " +
                                       std::to_string(existing->id) + ")"}));
    }
    plan.created_at = plan.updated_at = ctx_.now();
    plan.id = repos.plans().insert(plan);
    return plan;
  });
}

Result<core::Plan> PlanService::get(const Actor& actor, core::Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<core::Plan> {
    auto plan = repos.plans().find(id);
    if (!plan) return fail(Error::not_found(kNoSuchPlan));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kRead, plan->org_id, kNoSuchPlan));
    return *plan;
  });
}

Result<Page<core::Plan>> PlanService::list(const Actor& actor, std::optional<core::Id> org_id,
                                           std::optional<int> year, const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<core::Plan>> {
    const Visibility visible = Access(actor, repos, ctx_.today()).visibility();
    return make_page(repos.plans().list(org_id, year, visible, page), page.limit,
                     [](const core::Plan& p) { return Cursor{0, p.id}; });
  });
}

Result<core::Plan> PlanService::update(const Actor& actor, core::Id id, const PlanPatch& patch,
                                       std::optional<Version> if_match) {
  return write(ctx_.db(), ctx_.write_context(actor, "plans.update"), [&](Repositories& repos) -> Result<core::Plan> {
    auto plan = repos.plans().find(id);
    if (!plan) return fail(Error::not_found(kNoSuchPlan));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kPlan, plan->org_id, kNoSuchPlan));
    XF_TRY(check_version(if_match, plan->version));
    const core::Plan before = *plan;
    FieldErrors errors;
    if (patch.title) plan->title = *patch.title;
    if (patch.topics) {
      std::set<core::Id> kept;
      std::vector<core::Topic> topics;
      for (std::size_t i = 0; i < patch.topics->size(); ++i) {
        const auto& in = (*patch.topics)[i];
        if (in.id) {
          const bool known = std::any_of(plan->topics.begin(), plan->topics.end(),
                                         [&](const core::Topic& t) { return t.id == *in.id; });
          if (!known || !kept.insert(*in.id).second) {
            errors.add("topics[" + std::to_string(i) + "].id", {"该专题不属于此计划或重复出现",
                                                                "not a topic of this plan, or listed twice"});
          }
        }
        topics.push_back({in.id.value_or(0), in.title, in.description});
      }
      for (const auto& old : plan->topics) {
        if (kept.count(old.id) == 0 && repos.plans().topic_usage(old.id) > 0) {
          return fail(Error::conflict({"专题“" + old.title + "”已有学习活动，不能删除",
                                       "topic \"" + old.title + "\" has activities and cannot be removed"}));
        }
      }
      plan->topics = std::move(topics);
    }
    core::check_plan(*plan, errors);
    if (!errors.empty()) return fail(std::move(errors).to_error());
    if (*plan == before) return before;  // nothing to change: no new version
    plan->updated_at = ctx_.now();
    repos.plans().update(*plan);
    // Only when they changed: every topic rewritten would be a row each in the audit trail.
    if (plan->topics != before.topics) repos.plans().replace_topics(*plan);
    plan->version += 1;
    return *plan;
  });
}

}  // namespace xuefeng::service
