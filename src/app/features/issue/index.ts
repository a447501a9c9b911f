import { defineAsyncComponent } from 'vue'
import { issueMessages } from './messages.ts'

export { issueRoutes } from './routes.ts'

/**
 * The issue texts, for a feature whose screens show them (the 议事清单 shows
 * the issue verdicts and its list texts): wrap its pages with `issueMessages.lazy`.
 */
export { issueMessages }

/**
 * The photo field of the capture form, for other features' forms (loaded with
 * them, lazily, together with the issue texts it shows).
 */
export const IssuePhotoField = defineAsyncComponent(
  issueMessages.lazy(() => import('./IssuePhotoField.vue')),
)
/** An issue's photos, shown lazily (other features' records carry photos the same way). */
export const IssuePhotos = defineAsyncComponent(
  issueMessages.lazy(() => import('./IssuePhotos.vue')),
)
export type { IssueMessages } from './messages.zh-CN.ts'
