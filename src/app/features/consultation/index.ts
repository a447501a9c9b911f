import { defineAsyncComponent } from 'vue'
import { consultationMessages } from './messages.ts'

export { consultationRoutes } from './routes.ts'
export { consultationMessages }

/**
 * On a discussion day's page: the consultations it takes up, each with a
 * link to record the opinions heard (先解读再议事). Async: it loads the
 * consultation texts, which stay off the first screen.
 */
export const MeetingConsultations = defineAsyncComponent(
  consultationMessages.lazy(() => import('./MeetingConsultations.vue')),
)
export type { ConsultationMessages } from './messages.zh-CN.ts'
export { consultationPublicRoutes } from './public-routes.ts'
export type { ConsultationPublicMessages } from './public-messages.zh-CN.ts'
