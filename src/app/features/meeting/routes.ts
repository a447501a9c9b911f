import type { RouteRecordRaw } from 'vue-router'
import { meetingMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = meetingMessages.lazy

// Lazy pages: the meeting and mediator kinds and zod load only when a meeting screen opens.
export const meetingRoutes: RouteRecordRaw[] = [
  { path: '/meetings', name: 'meetings', component: page(() => import('./MeetingListPage.vue')) },
  {
    path: '/meetings/new',
    name: 'meeting-new',
    component: page(() => import('./MeetingPlanPage.vue')),
  },
  {
    path: '/meetings/:id',
    name: 'meeting',
    component: page(() => import('./MeetingDetailPage.vue')),
  },
  // The minutes with the sign-in list on A4 for the village archive (docs/print.md).
  {
    path: '/meetings/:id/paper',
    name: 'meeting-paper',
    component: page(() => import('./MeetingMinutesPrintPage.vue')),
    meta: { isPrint: true },
  },
  {
    path: '/meetings/:id/record',
    name: 'meeting-record',
    component: page(() => import('./MeetingRecordPage.vue')),
  },
  {
    path: '/mediators',
    name: 'mediators',
    component: page(() => import('./MediatorPoolPage.vue')),
  },
  {
    path: '/mediators/new',
    name: 'mediator-new',
    component: page(() => import('./MediatorFormPage.vue')),
  },
]
