// What the logged-in account may do on a given org, from its grants (docs/api.md 1.10): a grant holds on
// its org and everything below it. The server decides in the end; this only chooses which controls to
// show, so a refusal is still reported if the two ever disagree.
import { useSession } from '@/composables/session'
import { useOrgs } from '@/composables/orgs'

const RUNNERS = ['org_admin', 'secretary', 'study_secretary']

export function useAccess() {
  const { state } = useSession()
  const { pathOf } = useOrgs()

  function holds(roles, orgId) {
    const grants = state.account?.grants || []
    if (grants.some((g) => g.role === 'admin')) return true
    if (orgId == null) return false
    const chain = new Set(pathOf(orgId).map((o) => o.id))
    chain.add(orgId)
    return grants.some((g) => roles.includes(g.role) && g.org_id != null && chain.has(g.org_id))
  }

  return {
    /** Plan, take attendance, decide leave, write and review archives there. */
    canRun: (orgId) => holds(RUNNERS, orgId),
    /** Read sheets, leave requests and archives there (a supervisor too). */
    canRead: (orgId) => holds([...RUNNERS, 'supervisor'], orgId),
    ownPersonId: () => state.account?.person_id ?? null,
  }
}
