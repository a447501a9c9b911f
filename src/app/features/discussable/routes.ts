import type { RouteRecordRaw } from 'vue-router'

// Lazy page: the list and its editor load only when opened. The path stays
// under /issues, where the issue screens link to it.
export const discussableRoutes: RouteRecordRaw[] = [
  {
    path: '/issues/discussable-list',
    name: 'discussable-list',
    component: () => import('./DiscussableListPage.vue'),
  },
]
