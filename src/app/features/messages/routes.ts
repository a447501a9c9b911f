import type { RouteRecordRaw } from 'vue-router'
import { messagesMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = messagesMessages.lazy

export const messagesRoutes: RouteRecordRaw[] = [
  { path: '/messages', name: 'messages', component: page(() => import('./MessagesPage.vue')) },
]
