#include "service/access.hpp"

#include <algorithm>

namespace xuefeng::service {

using core::Id;
using core::Permission;

core::Error forbidden_action() {
  return core::Error::forbidden({"您的角色无权执行此操作", "your role does not allow this"});
}

Access::Reach Access::reach(Permission p) const {
  Reach r;
  for (const auto& g : actor_.grants) {
    if (!core::role_allows(g.role, p)) continue;
    if (!g.org_id) {
      r.everywhere = true;
      r.roots.clear();
      return r;
    }
    r.roots.push_back(*g.org_id);
  }
  return r;
}

const std::vector<Id>& Access::ancestors(Id org_id) {
  auto it = ancestors_.find(org_id);
  if (it == ancestors_.end()) it = ancestors_.emplace(org_id, repos_.orgs().ancestors(org_id)).first;
  return it->second;
}

bool Access::can_org(Permission p, Id org_id) {
  const Reach r = reach(p);
  if (r.everywhere) return true;
  if (r.roots.empty()) return false;
  const auto& up = ancestors(org_id);
  return std::any_of(r.roots.begin(), r.roots.end(),
                     [&](Id root) { return std::find(up.begin(), up.end(), root) != up.end(); });
}

bool Access::can_person(Permission p, Id person_id) {
  const Reach r = reach(p);
  if (r.everywhere) return true;
  if (r.roots.empty()) return false;
  return !repos_.people().in_scope({person_id}, r.roots).empty();
}

std::vector<Id> Access::persons_with(Permission p, const std::vector<Id>& person_ids) {
  const Reach r = reach(p);
  if (r.everywhere) return person_ids;
  if (r.roots.empty() || person_ids.empty()) return {};
  return repos_.people().in_scope(person_ids, r.roots);
}

bool Access::reads_org(Id org_id) {
  if (can_org(Permission::kRead, org_id)) return true;
  if (!actor_.person_id) return false;
  if (!member_orgs_) member_orgs_ = repos_.memberships().orgs_of_person(*actor_.person_id, today_);
  return std::find(member_orgs_->begin(), member_orgs_->end(), org_id) != member_orgs_->end();
}

bool Access::reads_person(Id person_id) {
  return actor_.is_person(person_id) || can_person(Permission::kRead, person_id);
}

core::Status Access::require_org(Permission p, Id org_id, const core::Text& not_found) {
  if (!reads_org(org_id)) return core::fail(core::Error::not_found(not_found));
  if (p != Permission::kRead && !can_org(p, org_id)) return core::fail(forbidden_action());
  return core::Ok{};
}

core::Status Access::require_org_grant(Permission p, Id org_id, const core::Text& not_found) {
  if (!reads_org(org_id)) return core::fail(core::Error::not_found(not_found));
  if (!can_org(p, org_id)) return core::fail(forbidden_action());
  return core::Ok{};
}

core::Status Access::require_person(Permission p, Id person_id, const core::Text& not_found) {
  if (!reads_person(person_id)) return core::fail(core::Error::not_found(not_found));
  if (p != Permission::kRead && !can_person(p, person_id)) return core::fail(forbidden_action());
  return core::Ok{};
}

core::Status Access::require_somewhere(Permission p) const {
  if (reach(p).nowhere()) return core::fail(forbidden_action());
  return core::Ok{};
}

Visibility Access::visibility() const {
  const Reach r = reach(Permission::kRead);
  return Visibility{r.everywhere, r.roots, actor_.person_id, today_};
}

int Access::rank_at(Id org_id) {
  int best = 0;
  for (const auto& g : actor_.grants) {
    const bool covers = !g.org_id ? g.role == core::AccountRole::kAdmin
                                  : std::find(ancestors(org_id).begin(), ancestors(org_id).end(), *g.org_id) !=
                                        ancestors(org_id).end();
    if (covers) best = std::max(best, core::role_rank(g.role));
  }
  return best;
}

}  // namespace xuefeng::service
