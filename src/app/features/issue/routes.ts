import type { RouteRecordRaw } from 'vue-router'

export const issueRoutes: RouteRecordRaw[] = [
  { path: '/issues', name: 'issues', component: () => import('./IssueListPage.vue') },
]
