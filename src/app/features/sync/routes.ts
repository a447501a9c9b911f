import type { RouteRecordRaw } from 'vue-router'
import { withMessages } from '#app/i18n/index.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = withMessages(() => import('./messages.zh-CN.ts'))

export const syncRoutes: RouteRecordRaw[] = [
  { path: '/sync', name: 'sync', component: page(() => import('./SyncPage.vue')) },
]
