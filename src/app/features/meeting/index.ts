import { defineAsyncComponent } from 'vue'

export { meetingRoutes } from './routes.ts'

/**
 * On a policy's page: the discussion days planned to interpret it and why no
 * session is recorded yet (#12.8). Async: it loads the meeting schema (zod),
 * which stays off the first screen.
 */
export const PolicyPlannedInterpretations = defineAsyncComponent(
  () => import('./PolicyPlannedInterpretations.vue'),
)
