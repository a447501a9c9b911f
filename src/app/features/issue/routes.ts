import type { RouteRecordRaw } from 'vue-router'
import { issueMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = issueMessages.lazy

// Lazy pages: the issue kind and zod load only when an issue screen opens.
export const issueRoutes: RouteRecordRaw[] = [
  { path: '/issues', name: 'issues', component: page(() => import('./IssueListPage.vue')) },
  {
    path: '/issues/new',
    name: 'issue-new',
    component: page(() => import('./IssueCapturePage.vue')),
  },
  { path: '/issues/:id', name: 'issue', component: page(() => import('./IssueDetailPage.vue')) },
  {
    path: '/issues/:id/receipt',
    name: 'issue-receipt',
    component: page(() => import('./IssueReceiptPage.vue')),
    meta: { isPrint: true },
  },
]
