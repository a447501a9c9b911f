import type { RouteRecordRaw } from 'vue-router'

// Lazy pages: the issue kind and zod load only when an issue screen opens.
export const issueRoutes: RouteRecordRaw[] = [
  { path: '/issues', name: 'issues', component: () => import('./IssueListPage.vue') },
  { path: '/issues/new', name: 'issue-new', component: () => import('./IssueCapturePage.vue') },
  { path: '/issues/:id', name: 'issue', component: () => import('./IssueDetailPage.vue') },
]
