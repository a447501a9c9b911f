import type { RouteRecordRaw } from 'vue-router'
import { supervisionMessages } from './messages.ts'

// Each page loads with this feature's texts; the pages (and their charts) are
// lazy, so nothing of supervision enters the first screen.
const page = supervisionMessages.lazy

export const supervisionRoutes: RouteRecordRaw[] = [
  {
    path: '/supervision',
    name: 'supervision',
    component: page(() => import('./SupervisionPage.vue')),
  },
  // The A4 report of a period: no tab bar, on screen or on paper.
  {
    path: '/supervision/report',
    name: 'supervision-report',
    component: page(() => import('./SupervisionReportPage.vue')),
    meta: { isPrint: true },
  },
  {
    path: '/supervision/standards',
    name: 'supervision-standards',
    component: page(() => import('./StandardsPage.vue')),
  },
]
