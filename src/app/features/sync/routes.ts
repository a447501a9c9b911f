import type { RouteRecordRaw } from 'vue-router'
import { syncMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = syncMessages.lazy

export const syncRoutes: RouteRecordRaw[] = [
  { path: '/sync', name: 'sync', component: page(() => import('./SyncPage.vue')) },
]
