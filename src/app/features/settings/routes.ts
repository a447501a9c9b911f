import type { RouteRecordRaw } from 'vue-router'
import { settingsMessages } from './messages.ts'

// The page loads with this feature's texts (src/app/i18n/index.ts).
const page = settingsMessages.lazy

export const settingsRoutes: RouteRecordRaw[] = [
  {
    path: '/settings',
    name: 'county-settings',
    component: page(() => import('./SettingsPage.vue')),
  },
]
