#include <algorithm>
#include <map>

#include "core/roster.hpp"
#include "core/rules.hpp"
#include "service/checks.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;

Error org_not_found() { return Error::not_found({"组织不存在", "no such organization"}); }

// Orgs a member may read: those they belong to today. Admins read all (nullopt).
std::optional<std::vector<core::Id>> visible_orgs(Repositories& repos, const Actor& actor, core::Date today) {
  if (actor.is_admin()) return std::nullopt;
  if (!actor.person_id) return std::vector<core::Id>{};
  return repos.memberships().orgs_of_person(*actor.person_id, today);
}

bool can_see_org(Repositories& repos, const Actor& actor, core::Id org_id, core::Date today) {
  const auto visible = visible_orgs(repos, actor, today);
  return !visible || std::find(visible->begin(), visible->end(), org_id) != visible->end();
}

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
  XF_TRY(access::require_admin(actor));
  FieldErrors errors;
  core::check_org(org, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), [&](Repositories& repos) -> Result<core::Org> {
    if (org.parent_id && !repos.orgs().find(*org.parent_id)) {
      return fail(Error::validation("parent_id", {"上级组织不存在", "no such parent organization"}));
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
    if (!org || !can_see_org(repos, actor, id, ctx_.today())) return fail(org_not_found());
    return *org;
  });
}

Result<Page<core::Org>> OrgService::list(const Actor& actor, std::optional<core::Id> parent_id,
                                         const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<core::Org>> {
    const auto cursor_of = [](const core::Org& o) { return Cursor{0, o.id}; };
    const auto visible = visible_orgs(repos, actor, ctx_.today());
    if (!visible) return make_page(repos.orgs().list(parent_id, page), page.limit, cursor_of);
    // A member belongs to a handful of orgs: filter them directly.
    std::vector<core::Org> orgs;
    for (auto& o : repos.orgs().find_many(*visible)) {
      if (parent_id && o.parent_id != parent_id) continue;
      if (page.after && o.id <= page.after->id) continue;
      orgs.push_back(std::move(o));
    }
    std::sort(orgs.begin(), orgs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return make_page(std::move(orgs), page.limit, cursor_of);
  });
}

Result<core::Org> OrgService::update(const Actor& actor, core::Id id, const OrgPatch& patch,
                                     std::optional<Version> if_match) {
  XF_TRY(access::require_admin(actor));
  return write(ctx_.db(), [&](Repositories& repos) -> Result<core::Org> {
    auto org = repos.orgs().find(id);
    if (!org) return fail(org_not_found());
    XF_TRY(check_version(if_match, org->version));
    const core::Org before = *org;
    if (patch.name) org->name = *patch.name;
    if (patch.kind) org->kind = *patch.kind;
    FieldErrors errors;
    core::check_org(*org, errors);
    const bool moves = patch.parent_id && *patch.parent_id != org->parent_id;
    if (moves && *patch.parent_id) {
      const core::Id new_parent = **patch.parent_id;
      if (!repos.orgs().find(new_parent)) {
        errors.add("parent_id", {"上级组织不存在", "no such parent organization"});
      } else if (repos.orgs().in_subtree(id, new_parent)) {
        errors.add("parent_id", {"不能把组织移到它自己或其下级之下", "an organization cannot move under itself or "
                                                                    "its own descendant"});
      }
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
  XF_TRY(access::require_admin(actor));
  return ctx_.db().write([&](Repositories& repos) -> Status {
    auto org = repos.orgs().find(id);
    if (!org) return fail(org_not_found());
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
    if (!can_see_org(repos, actor, id, ctx_.today())) return fail(org_not_found());
    const auto orgs = repos.orgs().subtree(id);
    if (orgs.empty()) return fail(org_not_found());
    return build_tree(orgs, id);
  });
}

Result<MemberView> OrgService::add_member(const Actor& actor, core::Id org_id, const NewMembership& input) {
  XF_TRY(access::require_admin(actor));
  core::Membership m;
  m.org_id = org_id;
  m.person_id = input.person_id;
  m.role = input.role;
  m.since = input.since.value_or(ctx_.today());
  m.until = input.until;
  FieldErrors errors;
  core::check_membership(m, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return write(ctx_.db(), [&](Repositories& repos) -> Result<MemberView> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    const auto person = repos.people().find(m.person_id);
    if (!person) return fail(Error::validation("person_id", {"人员不存在", "no such person"}));
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
  XF_TRY(access::require_admin(actor));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<MemberView>> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    const std::optional<core::Date> day = history ? std::nullopt : std::optional(on.value_or(ctx_.today()));
    return make_page(repos.memberships().list(org_id, day, page), page.limit,
                     [](const MemberView& v) { return Cursor{0, v.membership.id}; });
  });
}

Result<MemberView> OrgService::end_membership(const Actor& actor, core::Id org_id, core::Id person_id,
                                              std::optional<core::Date> until) {
  XF_TRY(access::require_admin(actor));
  const core::Date today = ctx_.today();
  const core::Date last_day = until.value_or(today);
  return write(ctx_.db(), [&](Repositories& repos) -> Result<MemberView> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
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
  XF_TRY(access::require_admin(actor));
  const core::Date today = ctx_.today();
  XF_TRY_ASSIGN(auto rows, core::parse_roster(csv_bytes, today));

  auto run = [&](Repositories& repos) -> Result<RosterImportResult> {
    if (!repos.orgs().find(org_id)) return fail(org_not_found());
    RosterImportResult result;
    result.rows = static_cast<int>(rows.size());
    result.dry_run = dry_run;
    FieldErrors conflicts;
    const core::Timestamp now = ctx_.now();
    for (auto& row : rows) {
      const core::Date from = row.since.value_or(since.value_or(today));
      // The same person is the one with the same name and birth date.
      std::vector<core::Person> same;
      for (auto& p : repos.people().find_by_name(row.person.name)) {
        if (p.birth_date == row.person.birth_date) same.push_back(std::move(p));
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
  return dry_run ? read(ctx_.db(), run) : write(ctx_.db(), run);
}

}  // namespace xuefeng::service
