// The org and year a statistics page looks at, kept in the address (?org=4&year=2026) so a reload, the
// back button or a shared link shows the same figures. Without ?org the page starts at the first org
// the account's roles are granted on, or, for an administrator, the first top-level org.
import { ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useSession } from '@/composables/session'
import { loadOrgs, useOrgs } from '@/composables/orgs'
import { thisYear } from './format'

function positive(value) {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

export function useYearOrg({ withOrg = true } = {}) {
  const route = useRoute()
  const router = useRouter()
  const { grantedOrgIds } = useSession()
  const { tree } = useOrgs()

  const year = ref(positive(route.query.year) || thisYear())
  const orgId = ref(withOrg ? positive(route.query.org) : null)

  async function defaultOrg() {
    if (grantedOrgIds.value.length) return grantedOrgIds.value[0]
    await loadOrgs()
    return tree.value[0]?.id ?? null
  }

  if (withOrg && !orgId.value) defaultOrg().then((id) => { if (!orgId.value) orgId.value = id }).catch(() => {})

  watch([year, orgId], ([y, o]) => {
    const query = { ...route.query, year: String(y) }
    if (withOrg && o) query.org = String(o)
    router.replace({ query })
  })

  // Following a link to the same page with another ?org (the breadcrumb, a drill-down) moves the page.
  watch(() => route.query, (q) => {
    const y = positive(q.year)
    const o = positive(q.org)
    if (y && y !== year.value) year.value = y
    if (withOrg && o && o !== orgId.value) orgId.value = o
  })

  return { year, orgId }
}
