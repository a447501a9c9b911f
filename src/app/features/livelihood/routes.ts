import type { RouteRecordRaw } from 'vue-router'
import { livelihoodMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = livelihoodMessages.lazy

export const livelihoodRoutes: RouteRecordRaw[] = [
  {
    path: '/livelihood',
    name: 'livelihood',
    component: page(() => import('./LivelihoodListPage.vue')),
  },
  {
    path: '/livelihood/new',
    name: 'livelihood-new',
    component: page(() => import('./LivelihoodProposePage.vue')),
  },
  {
    path: '/livelihood/:id',
    name: 'livelihood-item',
    component: page(() => import('./LivelihoodDetailPage.vue')),
  },
  {
    path: '/livelihood/:id/plan',
    name: 'livelihood-plan',
    component: page(() => import('./LivelihoodPlanPage.vue')),
  },
]
