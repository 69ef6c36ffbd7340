// Who is logged in, shared by every page. The session itself is the HttpOnly cookie the server sets;
// here we keep only the account it answered with, to choose menus and the workbench.
import { reactive, computed } from 'vue'
import { api } from '@/api/client'

const state = reactive({ account: null, checked: false })

const ROLE_ORDER = ['admin', 'org_admin', 'secretary', 'study_secretary', 'supervisor', 'member']

export function useSession() {
  const roles = computed(() => state.account?.roles || [])
  const has = (role) => roles.value.includes(role)
  /** Anyone who runs or oversees study for an org: sees the org-wide workbench. */
  const isManager = computed(() => roles.value.some((r) => r !== 'member'))
  /** May create and edit plans and activities, mark attendance, approve leave. */
  const canRun = computed(() => roles.value.some((r) => ['admin', 'org_admin', 'secretary', 'study_secretary'].includes(r)))
  const topRole = computed(() => ROLE_ORDER.find((r) => has(r)) || 'member')
  /** The orgs the account's org roles are granted on (their subtrees are what it oversees). */
  const grantedOrgIds = computed(() => [
    ...new Set((state.account?.grants || []).filter((g) => g.org_id != null).map((g) => g.org_id)),
  ])
  return { state, roles, has, isManager, canRun, topRole, grantedOrgIds }
}

/** Asks the server once per page load whether the cookie still holds a session. */
export async function loadSession() {
  if (state.checked) return state.account
  try {
    const res = await api.get('/session', undefined, { quiet401: true })
    state.account = res.account
  } catch {
    state.account = null
  }
  state.checked = true
  return state.account
}

export async function login(loginName, password) {
  const res = await api.post('/session', { login: loginName, password }, { quiet401: true })
  state.account = res.account
  state.checked = true
  return res.account
}

export async function logout(all = false) {
  try {
    await api.del('/session', all ? { all: true } : undefined, { quiet401: true })
  } finally {
    state.account = null
  }
}

export function forgetSession() {
  state.account = null
}
