import type { RouteRecordRaw } from 'vue-router'
import { oversightMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = oversightMessages.lazy

export const oversightRoutes: RouteRecordRaw[] = [
  {
    path: '/oversight/cases',
    name: 'oversight-cases',
    component: page(() => import('./CaseListPage.vue')),
  },
  {
    path: '/oversight/cases/new',
    name: 'oversight-investigation-new',
    component: page(() => import('./InvestigationFormPage.vue')),
  },
  {
    path: '/oversight/cases/:id',
    name: 'oversight-case',
    component: page(() => import('./CaseDetailPage.vue')),
  },
  {
    path: '/oversight/review',
    name: 'oversight-review',
    component: page(() => import('./ReviewListPage.vue')),
  },
  {
    path: '/oversight/review/new',
    name: 'oversight-review-new',
    component: page(() => import('./ReviewFormPage.vue')),
  },
  {
    path: '/oversight/review/:id',
    name: 'oversight-review-matter',
    component: page(() => import('./ReviewDetailPage.vue')),
  },
  // The applicant's receipt, on paper: no tab bar.
  {
    path: '/oversight/review/:id/receipt',
    name: 'oversight-review-receipt',
    component: page(() => import('./ReviewReceiptPage.vue')),
    meta: { isPrint: true },
  },
]
