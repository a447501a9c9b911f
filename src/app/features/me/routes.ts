import type { RouteRecordRaw } from 'vue-router'
import { meMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = meMessages.lazy

export const meRoutes: RouteRecordRaw[] = [
  { path: '/me', name: 'me', component: page(() => import('./MePage.vue')) },
  {
    path: '/me/password',
    name: 'password',
    component: page(() => import('./ChangePasswordPage.vue')),
  },
]
