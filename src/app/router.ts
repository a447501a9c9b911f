import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { adminRoutes } from './features/admin/index.ts'
import { authRoutes, useAuthStore } from './features/auth/index.ts'
import { deputyRoutes } from './features/deputy/routes.ts'
import { outreachRoutes } from './features/outreach/routes.ts'
import { discussableRoutes } from './features/discussable/routes.ts'
import { disclosureRoutes } from './features/disclosure/routes.ts'
import { homeRoutes } from './features/home/index.ts'
import { issueRoutes } from './features/issue/index.ts'
import { livelihoodRoutes } from './features/livelihood/routes.ts'
import { oversightRoutes } from './features/oversight/routes.ts'
import { meetingRoutes } from './features/meeting/index.ts'
import { policyRoutes } from './features/policy/index.ts'
import { consultationPublicRoutes, consultationRoutes } from './features/consultation/index.ts'
import { meRoutes } from './features/me/index.ts'
import { messagesRoutes } from './features/messages/routes.ts'
import { settingsRoutes } from './features/settings/routes.ts'
import { syncRoutes } from './features/sync/routes.ts'
import { supervisionRoutes } from './features/supervision/index.ts'
import { ledgerRoutes } from './features/ledger/index.ts'
import { importRoutes } from './features/import/routes.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (the login page). */
    isPublic?: boolean
    /** A page made for paper (printed ballot slips): shown without the tab bar. */
    isPrint?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  ...authRoutes,
  ...homeRoutes,
  ...issueRoutes,
  ...livelihoodRoutes,
  ...oversightRoutes,
  ...discussableRoutes,
  ...meetingRoutes,
  ...policyRoutes,
  ...consultationRoutes,
  ...meRoutes,
  ...messagesRoutes,
  ...syncRoutes,
  ...settingsRoutes,
  ...supervisionRoutes,
  ...ledgerRoutes,
  ...deputyRoutes,
  ...outreachRoutes,
  ...disclosureRoutes,
  ...consultationPublicRoutes,
  ...importRoutes,
  ...adminRoutes,
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  const auth = useAuthStore()
  if (to.meta.isPublic) return auth.isSignedIn && to.name === 'login' ? '/' : true
  if (!auth.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } }
  // A temporary password from an admin: the server refuses everything else until it is changed.
  if (auth.me?.mustChangePassword && to.name !== 'password') return { name: 'password' }
  return true
})
