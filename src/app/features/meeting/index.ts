import { defineAsyncComponent } from 'vue'
import { meetingMessages } from './messages.ts'

export { meetingRoutes } from './routes.ts'

/**
 * On a policy's page: the discussion days planned to interpret it and why no
 * session is recorded yet (#12.8). Async: it loads the meeting schema (zod)
 * and the meeting texts, which stay off the first screen.
 */
export const PolicyPlannedInterpretations = defineAsyncComponent(
  meetingMessages.lazy(() => import('./PolicyPlannedInterpretations.vue')),
)
export type { MeetingMessages } from './messages.zh-CN.ts'
