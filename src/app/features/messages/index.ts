import { defineAsyncComponent } from 'vue'
import { messagesMessages } from './messages.ts'

export { messagesRoutes } from './routes.ts'
export { messagesMessages }
export { useMessagesStore } from './messages.store.ts'
export type { MessagesMessages } from './messages.zh-CN.ts'

/** The desk's line of messages (daily summary), loaded lazily with this feature's texts. */
export const MessagesDeskLine = defineAsyncComponent(
  messagesMessages.lazy(() => import('./MessagesDeskLine.vue')),
)
