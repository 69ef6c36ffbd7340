#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"

namespace xuefeng::service {

/// Who is asking: the authenticated account behind a request (or the CLI acting as the system).
struct Actor {
  core::Id account_id = 0;
  std::string login;
  std::optional<core::Id> person_id;
  std::vector<core::AccountRole> roles;

  bool has(core::AccountRole role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }
  bool is_admin() const { return has(core::AccountRole::kAdmin); }
  bool is_person(core::Id id) const { return person_id && *person_id == id; }

  /// The command line acts with full rights: it runs on the server with access to the database file.
  static Actor system() { return {0, "system", std::nullopt, {core::AccountRole::kAdmin}}; }
};

// The access rules of issue 2, in one place so every use case asks the same questions the same way.
// Objects a member may not see answer "not found" (their existence is not revealed); actions on
// visible objects the role may not take answer "forbidden".
namespace access {

/// Admin-only actions (creating orgs, people, plans, activities; taking attendance; approving leave).
core::Status require_admin(const Actor& actor);

/// Reading or writing a person's own records (archive, profile): the person themself or an admin.
/// Others get not_found, so ids cannot be probed.
core::Status require_self_or_admin(const Actor& actor, core::Id person_id, const core::Text& not_found_detail);

}  // namespace access

}  // namespace xuefeng::service
