#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "service/access.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::Id;
using core::Permission;

const core::Text kNoSuchOrg{"组织不存在", "no such organization"};

/// Each org's place in the printed order: depth first from `root`, an org before its children, siblings
/// by id, so that a branch's groups follow the branch rather than every other branch.
std::map<Id, std::size_t> tree_order(const std::vector<core::Org>& subtree, Id root) {
  std::map<Id, std::vector<Id>> children;
  for (const auto& o : subtree) {
    if (o.parent_id && o.id != root) children[*o.parent_id].push_back(o.id);
  }
  for (auto& [parent, ids] : children) std::sort(ids.begin(), ids.end());
  std::map<Id, std::size_t> order;
  std::vector<Id> stack{root};
  while (!stack.empty()) {
    const Id id = stack.back();
    stack.pop_back();
    order.emplace(id, order.size());
    const auto& below = children[id];
    stack.insert(stack.end(), below.rbegin(), below.rend());
  }
  return order;
}

struct Placed {
  Id person_id = 0;
  std::string name;
  std::size_t org_position = 0;
};

/// The people of the memberships, each once, under the first of their orgs in tree order, then by name in
/// the order a Chinese reader expects (pinyin).
std::vector<Placed> place_people(const std::vector<MemberView>& memberships,
                                 const std::map<Id, std::size_t>& order) {
  std::map<Id, Placed> by_person;
  for (const auto& m : memberships) {
    const auto position = order.find(m.membership.org_id);
    if (position == order.end())
      continue;  // not in the subtree read a moment ago: cannot happen in one snapshot
    auto [it, inserted] = by_person.try_emplace(
        m.membership.person_id, Placed{m.membership.person_id, m.person_name, position->second});
    if (!inserted) it->second.org_position = std::min(it->second.org_position, position->second);
  }
  std::vector<Placed> out;
  for (auto& [id, placed] : by_person) out.push_back(std::move(placed));
  std::sort(out.begin(), out.end(), [](const Placed& a, const Placed& b) {
    if (a.org_position != b.org_position) return a.org_position < b.org_position;
    if (a.name != b.name) return core::name_less(a.name, b.name);
    return a.person_id < b.person_id;
  });
  return out;
}

}  // namespace

Result<Binder> BinderService::binder_in(Repositories& repos, Access& access, PersonView person, int year,
                                        core::Date as_of) const {
  Binder out;
  const Id person_id = person.person.id;
  const auto from = *core::Date::from_ymd(year, 1, 1);
  const auto to = *core::Date::from_ymd(year, 12, 31);
  out.archive = archive_.year_in(repos, std::move(person), year);
  out.memberships = repos.memberships().of_person_during(person_id, from, to);
  std::set<Id> orgs_seen;
  for (const auto& m : out.memberships) {
    if (!orgs_seen.insert(m.membership.org_id).second) continue;
    // Only plans the reader may open: an org they cannot see stays "not found" here too.
    if (!access.reads_org(m.membership.org_id)) continue;
    if (auto plan = repos.plans().find_by_org_year(m.membership.org_id, year))
      out.plans.push_back(std::move(*plan));
  }
  XF_TRY_ASSIGN(out.compliance, requirements_.person_compliance_in(repos, person_id, year, as_of));
  return out;
}

Result<Binder> BinderService::person(const Actor& actor, Id person_id, int year) {
  XF_TRY_ASSIGN(const auto as_of, requirements_.resolve_as_of(year, std::nullopt));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Binder> {
    Access access(actor, repos, ctx_.today());
    XF_TRY_ASSIGN(auto person, ArchiveService::readable_person(repos, access, person_id));
    return binder_in(repos, access, std::move(person), year, as_of);
  });
}

Result<OrgBinder> BinderService::org(const Actor& actor, Id org_id, int year) {
  XF_TRY_ASSIGN(const auto as_of, requirements_.resolve_as_of(year, std::nullopt));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<OrgBinder> {
    auto org = repos.orgs().find(org_id);
    if (!org) return fail(Error::not_found(kNoSuchOrg));
    Access access(actor, repos, ctx_.today());
    // As for the org's review: a member sees their org, not everyone's archive in it.
    XF_TRY(access.require_org_grant(Permission::kRead, org_id, kNoSuchOrg));
    const auto from = *core::Date::from_ymd(year, 1, 1);
    const auto to = *core::Date::from_ymd(year, 12, 31);
    const auto placed = place_people(repos.memberships().in_subtree_during(org_id, from, to),
                                     tree_order(repos.orgs().subtree(org_id), org_id));
    if (placed.size() > kMaxBinderPeople) {
      const auto n = std::to_string(placed.size());
      const auto cap = std::to_string(kMaxBinderPeople);
      const auto y = std::to_string(year);
      return fail(Error::export_too_large(
          {org->name + " " + y + " 年共有 " + n + " 人，档案专卷一次最多 " + cap + " 人，请选择下级组织",
           org->name + " had " + n + " people in " + y + "; a binder holds at most " + cap +
               ": choose a smaller org"}));
    }
    std::vector<Id> ids;
    for (const auto& p : placed) ids.push_back(p.person_id);
    std::map<Id, core::Person> people;
    for (auto& p : repos.people().find_many(ids)) people.emplace(p.id, std::move(p));
    const auto sensitive = access.persons_with(Permission::kReadSensitive, ids);
    const std::set<Id> details(sensitive.begin(), sensitive.end());
    OrgBinder out{std::move(*org), year, as_of, {}};
    for (const auto& p : placed) {
      auto person = people.find(p.person_id);
      if (person == people.end()) continue;  // a membership holds its person; kept safe all the same
      const bool shown = access.actor().is_person(p.person_id) || details.count(p.person_id) > 0;
      XF_TRY_ASSIGN(auto binder,
                    binder_in(repos, access, PersonView::shown(std::move(person->second), shown), year, as_of));
      out.people.push_back(std::move(binder));
    }
    return out;
  });
}

}  // namespace xuefeng::service
