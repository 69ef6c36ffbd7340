// Every client route. The server answers index.html for all of these paths, so a reload or a
// shared link lands on the right page. Pages are loaded on demand: the login page carries only itself.
import { createRouter, createWebHistory } from 'vue-router'
import { loadSession, useSession, forgetSession } from '@/composables/session'
import { setUnauthenticatedHandler } from '@/api/client'

const routes = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true } },
  // The page a phone opens from the projected QR code; it has no menu around it.
  { path: '/check-in/:id', name: 'check-in', component: () => import('@/views/CheckInView.vue'), meta: { bare: true } },
  {
    path: '/',
    component: () => import('@/components/AppLayout.vue'),
    children: [
      { path: '', name: 'workbench', component: () => import('@/views/WorkbenchView.vue') },
      { path: 'orgs/:id?', name: 'orgs', component: () => import('@/views/OrgsView.vue'), meta: { manager: true } },
      { path: 'plans', name: 'plans', component: () => import('@/views/PlansView.vue'), meta: { manager: true } },
      { path: 'activities', name: 'activities', component: () => import('@/views/ActivitiesView.vue') },
      { path: 'activities/:id', name: 'activity', component: () => import('@/views/ActivityView.vue') },
      { path: 'archive/:personId?', name: 'archive', component: () => import('@/views/ArchiveView.vue') },
      { path: 'requirements', name: 'requirements', component: () => import('@/views/RequirementsView.vue'), meta: { manager: true } },
      { path: 'review', name: 'review', component: () => import('@/views/ReviewView.vue'), meta: { manager: true } },
    ],
  },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { public: true } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const account = await loadSession()
  if (!account) return { name: 'login', query: { next: to.fullPath } }
  if (to.matched.some((r) => r.meta.manager) && !useSession().isManager.value) return { name: 'workbench' }
  return true
})

setUnauthenticatedHandler(() => {
  forgetSession()
  const here = router.currentRoute.value
  if (!here.meta.public) router.replace({ name: 'login', query: { next: here.fullPath } })
})
