import type { RouteRecordRaw } from 'vue-router'

export const meetingRoutes: RouteRecordRaw[] = [
  { path: '/meetings', name: 'meetings', component: () => import('./MeetingListPage.vue') },
]
