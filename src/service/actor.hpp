#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace xuefeng::service {

/// Who is asking: the authenticated account behind a request (or the command line acting as the system),
/// with its grants and the client's address for the audit trail.
struct Actor {
  core::Id account_id = 0;
  std::string login;
  std::optional<core::Id> person_id;
  std::vector<core::Grant> grants;
  std::string address;

  bool is_person(core::Id id) const { return person_id && *person_id == id; }
  bool holds(core::AccountRole role) const {
    return std::any_of(grants.begin(), grants.end(), [&](const core::Grant& g) { return g.role == role; });
  }

  /// The command line acts with full rights: it runs on the server with access to the database file.
  static Actor system() { return {0, "system", std::nullopt, {{core::AccountRole::kAdmin, std::nullopt}}, "cli"}; }
};

}  // namespace xuefeng::service
