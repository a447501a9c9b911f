import type { RouteRecordRaw } from 'vue-router'
import { consultationMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = consultationMessages.lazy

// Lazy pages: the consultation kinds and zod load only when one opens.
export const consultationRoutes: RouteRecordRaw[] = [
  {
    path: '/consultations',
    name: 'consultations',
    component: page(() => import('./ConsultationListPage.vue')),
  },
  {
    path: '/consultations/new',
    name: 'consultation-new',
    component: page(() => import('./ConsultationFormPage.vue')),
  },
  {
    path: '/consultations/:id',
    name: 'consultation',
    component: page(() => import('./ConsultationDetailPage.vue')),
  },
  {
    path: '/consultations/:id/opinions/new',
    name: 'opinion-new',
    component: page(() => import('./OpinionFormPage.vue')),
  },
  // The adoption report on A4: no tab bar, on screen or on paper.
  {
    path: '/consultations/:id/report',
    name: 'adoption-report',
    component: page(() => import('./AdoptionReportPage.vue')),
    meta: { isPrint: true },
  },
]
