// What the logged-in account's grants allow on one org (docs/api.md 1.10): a grant holds on its org
// and everything below it, an admin grant everywhere. The server decides in the end (403); this only
// chooses which buttons to show.
import { useSession } from '@/composables/session'
import { useOrgs } from '@/composables/orgs'

const MANAGE_ORGS = ['admin', 'org_admin']
const PLAN = ['admin', 'org_admin', 'secretary', 'study_secretary']

export function useOrgAccess() {
  const { state } = useSession()
  const { pathOf } = useOrgs()
  const holds = (roles, orgId) => {
    const grants = state.account?.grants || []
    if (grants.some((g) => g.role === 'admin')) return true
    if (orgId == null) return false
    const chain = new Set(pathOf(orgId).map((o) => o.id))
    return grants.some((g) => roles.includes(g.role) && g.org_id != null && chain.has(g.org_id))
  }
  return {
    /** Create, edit and delete orgs, memberships, roster import, people. */
    canManageOrg: (orgId) => holds(MANAGE_ORGS, orgId),
    /** Plans and activities. */
    canPlan: (orgId) => holds(PLAN, orgId),
    isAdmin: () => (state.account?.grants || []).some((g) => g.role === 'admin'),
  }
}
