import { defineAsyncComponent } from 'vue'
import { loadMessages } from '#app/i18n/index.ts'

export { meetingRoutes } from './routes.ts'

/**
 * On a policy's page: the discussion days planned to interpret it and why no
 * session is recorded yet (#12.8). Async: it loads the meeting schema (zod)
 * and the meeting texts, which stay off the first screen.
 */
export const PolicyPlannedInterpretations = defineAsyncComponent(async () => {
  const [component] = await Promise.all([
    import('./PolicyPlannedInterpretations.vue'),
    loadMessages(() => import('./messages.zh-CN.ts')),
  ])
  return component
})
export type { MeetingMessages } from './messages.zh-CN.ts'
