#include <algorithm>
#include <map>

#include "core/roster.hpp"
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

const core::Text kNoSuchOrg{"组织不存在", "no such organization"};
Error org_not_found() { return Error::not_found(kNoSuchOrg); }

std::string usage_text_zh(const Usage& u) {
  std::string s;
  auto add = [&](std::int64_t n, const char* what) {
    if (n == 0) return;
    if (!s.empty()) s += "、";
    s += std::to_string(n) + " " + what;
  };
  add(u.children, "个下级组织");
  add(u.memberships, "条成员记录");
  add(u.plans, "个学习计划");
  add(u.activities, "项学习活动");
  add(u.accounts, "项账号授权");
  add(u.requirement_sets, "套学习要求");
  return s;
}

std::string usage_text_en(const Usage& u) {
  std::string s;
  auto add = [&](std::int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!s.empty()) s += ", ";
    s += std::to_string(n) + " " + (n == 1 ? one : many);
  };
  add(u.children, "child organization", "child organizations");
  add(u.memberships, "membership", "memberships");
  add(u.plans, "plan", "plans");
  add(u.activities, "activity", "activities");
  add(u.accounts, "account role", "account roles");
  add(u.requirement_sets, "requirement set", "requirement sets");
  return s;
}

OrgTreeNode build_tree(const std::vector<core::Org>& orgs, core::Id root_id) {
  std::map<core::Id, std::vector<const core::Org*>> children;
  const core::Org* root = nullptr;
  for (const auto& o : orgs) {
    if (o.id == root_id) root = &o;
    else if (o.parent_id) children[*o.parent_id].push_back(&o);
  }
  // Iterative over an explicit stack: deep trees must not exhaust the call stack.
  OrgTreeNode top{*root, {}};
  std::vector<OrgTreeNode*> stack{&top};
  while (!stack.empty()) {
    OrgTreeNode* node = stack.back();
    stack.pop_back();
    const auto it = children.find(node->org.id);
    if (it == children.end()) continue;
    node->children.reserve(it->second.size());
    for (const core::Org* child : it->second) node->children.push_back({*child, {}});
    for (auto& child : node->children) stack.push_back(&child);
  }
  return top;
}

}  // namespace

Result<core::Org> OrgService::create(const Actor& actor, core::Org org) {
  FieldErrors errors;
  core::check_org(org, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "orgs.create"), [&](Repositories& repos) -> Result<core::Org> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kManageOrgs));
    if (org.parent_id) {
      // A parent the actor cannot see is, to them, no parent at all.
      if (!repos.orgs().find(*org.parent_id) || !access.reads_org(*org.parent_id)) {
        return fail(Error::validation("parent_id", {"上级组织不存在", "no such parent organization"}));
      }
      if (!access.can_org(Permission::kManageOrgs, *org.parent_id)) return fail(forbidden_action());
    } else if (!access.reach(Permission::kManageOrgs).everywhere) {
      return fail(forbidden_action());  // a new top of the tree is for administrators
    }
    org.created_at = org.updated_at = ctx_.now();
    org.version = 1;
    org.id = repos.orgs().insert(org);
    return org;
  });
}

Result<core::Org> OrgService::get(const Actor& actor, core::Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<core::Org> {
    auto org = repos.orgs().find(id);
    if (!org) return fail(org_not_found());
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kRead, id, kNoSuchOrg));
    return *org;
  });
}

Result<Page<core::Org>> OrgService::list(const Actor& actor, std::optional<core::Id> parent_id,
                                         const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<core::Org>> {
    const Visibility visible = Access(actor, repos, ctx_.today()).visibility();
    return make_page(repos.orgs().list(parent_id, visible, page), page.limit,
                     [](const core::Org& o) { return Cursor{0, o.id}; });
  });
}

Result<core::Org> OrgService::update(const Actor& actor, core::Id id, const OrgPatch& patch,
                                     std::optional<Version> if_match) {
  return write(ctx_.db(), ctx_.write_context(actor, "orgs.update"), [&](Repositories& repos) -> Result<core::Org> {
    auto org = repos.orgs().find(id);
    if (!org) return fail(org_not_found());
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_org(Permission::kManageOrgs, id, kNoSuchOrg));
    XF_TRY(check_version(if_match, org->version));
    const core::Org before = *org;
    if (patch.name) org->name = *patch.name;
    if (patch.kind) org->kind = *patch.kind;
    FieldErrors errors;
    core::check_org(*org, errors);
    const bool moves = patch.parent_id && *patch.parent_id != org->parent_id;
    if (moves && *patch.parent_id) {
      const core::Id new_parent = **patch.parent_id;
      if (!repos.orgs().find(new_parent) || !access.reads_org(new_parent)) {
        errors.add("parent_id", {"上级组织不存在", "no such parent organization"});
      } else if (!access.can_org(Permission::kManageOrgs, new_parent)) {
        return fail(forbidden_action());
      } else if (repos.orgs().in_subtree(id, new_parent)) {
        errors.add("parent_id", {"不能把组织移到它自己或其下级之下", "an organization cannot move under itself or "
                                                                    "its own descendant"});
      }
    }
    if (moves && !*patch.parent_id && !access.reach(Permission::kManageOrgs).everywhere) {
      return fail(forbidden_action());  // making an org a top of the tree is for administrators
    }
    if (!errors.empty()) return fail(std::move(errors).to_error());
    if (moves) org->parent_id = *patch.parent_id;
    if (*org == before) return before;  // nothing to change: no new version
    org->updated_at = ctx_.now();
    if (moves) repos.orgs().move(id, org->parent_id, org->updated_at);
    repos.orgs().update(*org);
    org->version += 1;
    return *org;
  });
}

Status OrgService::remove(const Actor& actor, core::Id id, std::optional<Version> if_match) {
  return ctx_.db().write(ctx_.write_context(actor, "orgs.delete"), [&](Repositories& repos) -> Status {
    auto org = repos.orgs().find(id);
    if (!org) return fail(org_not_found());
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kManageOrgs, id, kNoSuchOrg));
    XF_TRY(check_version(if_match, org->version));
    const Usage usage = repos.orgs().usage(id);
    if (usage.any()) {
      return fail(Error::conflict({"该组织仍有 " + usage_text_zh(usage) + "，不能删除",
                                   "the organization still has " + usage_text_en(usage) + " and cannot be deleted"}));
    }
    repos.orgs().remove(id);
    return core::Ok{};
  });
}

Result<OrgTreeNode> OrgService::tree(const Actor& actor, core::Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<OrgTreeNode> {
    // The tree shows the whole subtree, which a member of the org alone may not see.
    if (!repos.orgs().find(id)) return fail(org_not_found());
    XF_TRY(Access(actor, repos, ctx_.today()).require_org_grant(Permission::kRead, id, kNoSuchOrg));
    const auto orgs = repos.orgs().subtree(id);
    if (orgs.empty()) return fail(org_not_found());
    return build_tree(orgs, id);
  });
}

Result<MemberView> OrgService::add_member(const Actor& actor, core::Id org_id, const NewMembership& input) {
  core::Membership m;
  m.org_id = org_id;
  m.person_id = input.person_id;
  m.role = input.role;
  m.since = input.since.value_or(ctx_.today());
  m.until = input.until;
  FieldErrors errors;
  core::check_membership(m, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), ctx_.write_context(actor, "orgs.add_member"), [&](Repositories& repos) -> Result<MemberView> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_org(Permission::kManageOrgs, org_id, kNoSuchOrg));
    const auto person = repos.people().find(m.person_id);
    if (!person || !access.reads_person(m.person_id)) {
      return fail(Error::validation("person_id", {"人员不存在", "no such person"}));
    }
    for (const auto& other : repos.memberships().of_person_in_org(org_id, m.person_id)) {
      const bool overlaps = other.since <= m.until.value_or(core::Date::from_days(INT32_MAX)) &&
                            m.since <= other.until.value_or(core::Date::from_days(INT32_MAX));
      if (overlaps) {
        return fail(Error::conflict(
            {person->name + " 在该期间已是本组织成员（自 " + other.since.to_string() + " 起）",
             person->name + " is already a member in that period (since " + other.since.to_string() + ")"}));
      }
    }
    m.id = repos.memberships().insert(m);
    return MemberView{m, person->name};
  });
}

Result<Page<MemberView>> OrgService::members(const Actor& actor, core::Id org_id, std::optional<core::Date> on,
                                             bool history, const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<MemberView>> {
    // The member list is the unit's roster: for those who hold `read` there, not for its members.
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    XF_TRY(Access(actor, repos, ctx_.today()).require_org_grant(Permission::kRead, org_id, kNoSuchOrg));
    const std::optional<core::Date> day = history ? std::nullopt : std::optional(on.value_or(ctx_.today()));
    return make_page(repos.memberships().list(org_id, day, page), page.limit,
                     [](const MemberView& v) { return Cursor{0, v.membership.id}; });
  });
}

Result<MemberView> OrgService::end_membership(const Actor& actor, core::Id org_id, core::Id person_id,
                                              std::optional<core::Date> until) {
  const core::Date today = ctx_.today();
  const core::Date last_day = until.value_or(today);
  return write(ctx_.db(), ctx_.write_context(actor, "orgs.end_membership"), [&](Repositories& repos) -> Result<MemberView> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kManageOrgs, org_id, kNoSuchOrg));
    const auto person = repos.people().find(person_id);
    if (!person) return fail(Error::not_found({"人员不存在", "no such person"}));
    for (auto m : repos.memberships().of_person_in_org(org_id, person_id)) {
      // The membership current on the last day, or one that has not started yet.
      if (!(m.active_on(last_day) || m.since > last_day)) continue;
      if (m.since > last_day && m.since <= today) {
        // It has taken effect: deleting it would rewrite who was expected at past activities.
        return fail(Error::validation("until", {"结束日期不能早于开始日期（" + m.since.to_string() + "）",
                                                "until must not be before since (" + m.since.to_string() + ")"}));
      }
      if (m.since > last_day) {
        repos.memberships().remove(m.id);  // never took effect: nothing to keep
        m.until = last_day;
      } else {
        m.until = last_day;
        repos.memberships().update(m);
        m.version += 1;
      }
      return MemberView{m, person->name};
    }
    return fail(Error::not_found({person->name + " 当前不是该组织成员", person->name + " is not a current member"}));
  });
}

Result<RosterImportResult> OrgService::import_roster(const Actor& actor, core::Id org_id,
                                                     const std::string& csv_bytes, std::optional<core::Date> since,
                                                     bool dry_run) {
  const core::Date today = ctx_.today();
  XF_TRY_ASSIGN(auto rows, core::parse_roster(csv_bytes, today));

  auto run = [&](Repositories& repos) -> Result<RosterImportResult> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_org(Permission::kManageOrgs, org_id, kNoSuchOrg));
    RosterImportResult result;
    result.rows = static_cast<int>(rows.size());
    result.dry_run = dry_run;
    FieldErrors conflicts;
    const core::Timestamp now = ctx_.now();
    for (auto& row : rows) {
      const core::Date from = row.since.value_or(since.value_or(today));
      // The same person is the one with the same name and birth date.
      std::vector<core::Person> same;
      // Only among the people the importer may see: matching is no way to learn who else exists.
      for (auto& p : repos.people().find_by_name(row.person.name)) {
        if (p.birth_date == row.person.birth_date && access.reads_person(p.id)) same.push_back(std::move(p));
      }
      if (same.size() > 1) {
        conflicts.add("name", {"系统中有多位同名同生日的人员，无法确定是哪一位",
                               "several people share this name and birth date; cannot tell which one"},
                      row.row);
        continue;
      }
      core::Id person_id = 0;
      if (same.empty()) {
        ++result.people_created;
        if (!dry_run) {
          row.person.org_id = org_id;  // kept by the org whose roster brought them in
          row.person.created_at = row.person.updated_at = now;
          person_id = repos.people().insert(row.person);
        }
      } else {
        ++result.people_matched;
        person_id = same.front().id;
      }
      bool member = false;
      if (person_id != 0) {
        for (const auto& m : repos.memberships().of_person_in_org(org_id, person_id)) {
          if (m.active_on(from) || m.since > from) member = true;
        }
      }
      if (member) {
        ++result.memberships_unchanged;
        continue;
      }
      ++result.memberships_created;
      if (!dry_run) {
        core::Membership m;
        m.org_id = org_id;
        m.person_id = person_id;
        m.role = row.role;
        m.since = from;
        repos.memberships().insert(m);
      }
    }
    if (!conflicts.empty()) return fail(std::move(conflicts).to_error());
    return result;
  };
  return dry_run ? read(ctx_.db(), run) : write(ctx_.db(), ctx_.write_context(actor, "orgs.import_roster"), run);
}

}  // namespace xuefeng::service
