// The orgs this account may see, loaded once per page load and shared: pickers, names in tables and
// breadcrumbs all read from here. `invalidateOrgs()` after creating, renaming or moving one.
import { ref, computed } from 'vue'
import { api } from '@/api/client'

const list = ref([])
let loading = null

export function loadOrgs(force = false) {
  if (force) loading = null
  if (!loading) {
    loading = api.all('/orgs', {}, 20000).then((items) => {
      list.value = items
      return items
    })
    loading.catch(() => (loading = null))
  }
  return loading
}

export function invalidateOrgs() {
  return loadOrgs(true)
}

export function useOrgs() {
  const byId = computed(() => new Map(list.value.map((o) => [o.id, o])))
  /** The visible forest: an org whose parent the account cannot see is a root here. */
  const tree = computed(() => {
    const nodes = new Map(list.value.map((o) => [o.id, { ...o, children: [] }]))
    const roots = []
    for (const node of nodes.values()) {
      const parent = node.parent_id != null ? nodes.get(node.parent_id) : null
      if (parent) parent.children.push(node)
      else roots.push(node)
    }
    return roots
  })
  const nameOf = (id) => byId.value.get(id)?.name ?? (id != null ? `#${id}` : '')
  /** The chain of names from the top visible org down to `id`. */
  const pathOf = (id) => {
    const out = []
    for (let o = byId.value.get(id); o; o = byId.value.get(o.parent_id)) out.unshift(o)
    return out
  }
  return { orgs: list, byId, tree, nameOf, pathOf, loadOrgs }
}
