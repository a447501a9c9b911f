import type { RouteRecordRaw } from 'vue-router'

export const meRoutes: RouteRecordRaw[] = [
  { path: '/me', name: 'me', component: () => import('./MePage.vue') },
  { path: '/me/password', name: 'password', component: () => import('./ChangePasswordPage.vue') },
]
