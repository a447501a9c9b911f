import type { RouteRecordRaw } from 'vue-router'
import { adminMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = adminMessages.lazy

export const adminRoutes: RouteRecordRaw[] = [
  { path: '/admin', name: 'admin', component: page(() => import('./AdminPage.vue')) },
  {
    path: '/admin/accounts',
    name: 'admin-accounts',
    component: page(() => import('./AccountsPage.vue')),
  },
  { path: '/admin/units', name: 'admin-units', component: page(() => import('./UnitsPage.vue')) },
  {
    path: '/admin/import',
    name: 'admin-import',
    component: page(() => import('./ImportPage.vue')),
  },
  {
    path: '/admin/import/slips',
    name: 'admin-slips',
    component: page(() => import('./SlipsPage.vue')),
    meta: { isPrint: true },
  },
  {
    path: '/admin/handover',
    name: 'admin-handover',
    component: page(() => import('./HandoverPage.vue')),
  },
  { path: '/admin/audit', name: 'admin-audit', component: page(() => import('./AuditPage.vue')) },
]
