import type { RouteRecordRaw } from 'vue-router'

export const assessmentRoutes: RouteRecordRaw[] = [
  {
    path: '/assessments',
    name: 'assessments',
    component: () => import('./AssessmentListPage.vue'),
  },
]
