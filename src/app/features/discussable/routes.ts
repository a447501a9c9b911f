import type { RouteRecordRaw } from 'vue-router'
import { issueMessages } from '#app/features/issue/index.ts'

// The list shows the issue verdicts and the issue feature's list texts.
const page = issueMessages.lazy

// Lazy page: the list and its editor load only when opened. The path stays
// under /issues, where the issue screens link to it.
export const discussableRoutes: RouteRecordRaw[] = [
  {
    path: '/issues/discussable-list',
    name: 'discussable-list',
    component: page(() => import('./DiscussableListPage.vue')),
  },
]
