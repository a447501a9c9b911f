import { defineAsyncComponent } from 'vue'
import { outreachMessages } from './messages.ts'

export { outreachRoutes } from './routes.ts'
export type { OutreachMessages } from './messages.zh-CN.ts'

/** A pool member's classes and studio sessions, for the pool's cards (loads with its texts). */
export const MediatorOutreach = defineAsyncComponent(
  outreachMessages.lazy(() => import('./MediatorOutreach.vue')),
)
