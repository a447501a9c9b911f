import type { RouteRecordRaw } from 'vue-router'
import { withMessages } from '#app/i18n/index.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = withMessages(() => import('./messages.zh-CN.ts'))

export const meRoutes: RouteRecordRaw[] = [
  { path: '/me', name: 'me', component: page(() => import('./MePage.vue')) },
  {
    path: '/me/password',
    name: 'password',
    component: page(() => import('./ChangePasswordPage.vue')),
  },
]
