#include "core/access.hpp"

namespace xuefeng::core {

bool role_allows(AccountRole role, Permission p) {
  using P = Permission;
  switch (role) {
    case AccountRole::kAdmin:
      return true;
    case AccountRole::kOrgAdmin:
      // Manages everything in its subtree; the audit trail is for admins and supervisors.
      return p != P::kReadAudit;
    case AccountRole::kSecretary:
    case AccountRole::kStudySecretary:
      return p == P::kRead || p == P::kReadSensitive || p == P::kPlan || p == P::kTakeAttendance ||
             p == P::kDecideLeave || p == P::kWriteArchive || p == P::kReviewArchive;
    case AccountRole::kSupervisor:
      // Oversight (the propaganda or organization department): reads everything but personal details.
      return p == P::kRead || p == P::kReadAudit;
    case AccountRole::kMember:
      return false;  // a member acts for their own person only, which the service checks separately
  }
  return false;
}

bool role_is_scoped(AccountRole role) { return role != AccountRole::kAdmin && role != AccountRole::kMember; }

int role_rank(AccountRole role) {
  switch (role) {
    case AccountRole::kAdmin: return 6;
    case AccountRole::kOrgAdmin: return 5;
    case AccountRole::kSecretary: return 4;
    case AccountRole::kStudySecretary: return 3;
    case AccountRole::kSupervisor: return 2;
    case AccountRole::kMember: return 1;
  }
  return 0;
}

}  // namespace xuefeng::core
