import type { RouteRecordRaw } from 'vue-router'

export const syncRoutes: RouteRecordRaw[] = [
  { path: '/sync', name: 'sync', component: () => import('./SyncPage.vue') },
]
