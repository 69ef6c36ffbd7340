#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/access.hpp"
#include "core/result.hpp"
#include "service/actor.hpp"
#include "service/repositories.hpp"

namespace xuefeng::service {

/// The one place that decides what an actor may see and do, used by every use case inside its
/// transaction. A grant holds on its org's subtree; an admin grant everywhere. Besides grants, a person
/// sees their own records, the activities they take part in and the orgs they belong to.
///
/// The answers follow one rule: what the actor cannot see is "not found" (404, its existence is not
/// revealed); what it sees but may not do is "forbidden" (403).
class Access {
 public:
  Access(const Actor& actor, Repositories& repos, core::Date today) : actor_(actor), repos_(repos), today_(today) {}

  /// Where the actor holds `p`.
  struct Reach {
    bool everywhere = false;
    std::vector<core::Id> roots;
    bool nowhere() const { return !everywhere && roots.empty(); }
  };
  Reach reach(core::Permission p) const;

  bool can_org(core::Permission p, core::Id org_id);
  bool can_person(core::Permission p, core::Id person_id);
  /// Of `person_ids`, those on which the actor holds `p` (one query for a page of people).
  std::vector<core::Id> persons_with(core::Permission p, const std::vector<core::Id>& person_ids);

  /// An org is readable with `read` there, or by its members (today).
  bool reads_org(core::Id org_id);
  /// A person is readable with `read` over them, or by themself.
  bool reads_person(core::Id person_id);

  /// Not found unless the org is readable; forbidden unless `p` holds there.
  core::Status require_org(core::Permission p, core::Id org_id, const core::Text& not_found);
  /// Like require_org, but `p` must come from a grant even when it is `read`: a member sees their org,
  /// not its roster, tree or figures.
  core::Status require_org_grant(core::Permission p, core::Id org_id, const core::Text& not_found);
  /// Not found unless the person is readable; forbidden unless `p` holds over them.
  core::Status require_person(core::Permission p, core::Id person_id, const core::Text& not_found);
  /// Forbidden unless `p` holds somewhere (for actions whose org comes later, e.g. an account's grants).
  core::Status require_somewhere(core::Permission p) const;

  /// What lists may show for reading.
  Visibility visibility() const;

  /// The highest role the actor holds at `org_id` (rank), for "never grant above one's own".
  int rank_at(core::Id org_id);

  const Actor& actor() const { return actor_; }

 private:
  const std::vector<core::Id>& ancestors(core::Id org_id);

  const Actor& actor_;
  Repositories& repos_;
  core::Date today_;
  std::map<core::Id, std::vector<core::Id>> ancestors_;
  std::optional<std::vector<core::Id>> member_orgs_;
};

core::Error forbidden_action();

}  // namespace xuefeng::service
