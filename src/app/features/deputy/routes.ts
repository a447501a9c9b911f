import type { RouteRecordRaw } from 'vue-router'
import { deputyMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = deputyMessages.lazy

// Lazy pages: the deputy kinds and zod load only when a deputy screen opens.
export const deputyRoutes: RouteRecordRaw[] = [
  { path: '/deputies', name: 'deputies', component: page(() => import('./DeputyPage.vue')) },
  {
    path: '/deputies/plans/new',
    name: 'deputy-plan-new',
    component: page(() => import('./DeputyPlanFormPage.vue')),
  },
  {
    path: '/deputies/plans/:id/edit',
    name: 'deputy-plan-edit',
    component: page(() => import('./DeputyPlanFormPage.vue')),
  },
  {
    path: '/deputies/visits/new',
    name: 'deputy-visit-new',
    component: page(() => import('./DeputyVisitFormPage.vue')),
  },
  {
    path: '/deputies/visits/:id',
    name: 'deputy-visit',
    component: page(() => import('./DeputyVisitPage.vue')),
  },
]
