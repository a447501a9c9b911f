import type { RouteRecordRaw } from 'vue-router'

// Lazy pages: the meeting and mediator kinds and zod load only when a meeting screen opens.
export const meetingRoutes: RouteRecordRaw[] = [
  { path: '/meetings', name: 'meetings', component: () => import('./MeetingListPage.vue') },
  { path: '/meetings/new', name: 'meeting-new', component: () => import('./MeetingPlanPage.vue') },
  { path: '/meetings/:id', name: 'meeting', component: () => import('./MeetingDetailPage.vue') },
  {
    path: '/meetings/:id/record',
    name: 'meeting-record',
    component: () => import('./MeetingRecordPage.vue'),
  },
  { path: '/mediators', name: 'mediators', component: () => import('./MediatorPoolPage.vue') },
  {
    path: '/mediators/new',
    name: 'mediator-new',
    component: () => import('./MediatorFormPage.vue'),
  },
]
