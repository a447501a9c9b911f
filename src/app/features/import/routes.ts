import type { RouteRecordRaw } from 'vue-router'
import { importMessages } from './messages.ts'

const page = importMessages.lazy

export const importRoutes: RouteRecordRaw[] = [
  {
    path: '/import',
    name: 'import',
    component: page(() => import('./ImportPage.vue')),
  },
]
