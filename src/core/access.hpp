#pragma once

#include <string_view>

#include "core/vocabulary.hpp"

namespace xuefeng::core {

// What each account role may do, as data. Which orgs a grant covers (its subtree) is the service's
// business; this says only what a role allows wherever it holds.

enum class Permission {
  kRead,            // see orgs, members, people, plans, activities, attendance, archives, stats
  kReadSensitive,   // a person's phone and birth date
  kManageOrgs,      // create, edit, move, delete orgs; memberships; roster import
  kManagePeople,    // create, edit, delete people
  kManageAccounts,  // accounts, grants, password resets
  kPlan,            // plans and activities
  kTakeAttendance,  // attendance marks, the check-in code, marking the rest absent
  kDecideLeave,     // approve or reject leave
  kWriteArchive,    // add or edit entries in other people's archives
  kReviewArchive,   // verify or return archive entries (批阅)
  kReadAudit,       // the audit trail
};

bool role_allows(AccountRole role, Permission permission);

/// Roles granted on an org (and its subtree); the others (admin, member) hold without one.
bool role_is_scoped(AccountRole role);

/// Order for "never grant a role above one's own": admin > org_admin > secretary > study_secretary >
/// supervisor > member.
int role_rank(AccountRole role);

}  // namespace xuefeng::core
