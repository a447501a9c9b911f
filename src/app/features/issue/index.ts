import { defineAsyncComponent } from 'vue'
import { loadMessages } from '#app/i18n/index.ts'

export { issueRoutes } from './routes.ts'

/**
 * The issue texts, for a feature whose screens show them (the 议事清单 shows
 * the issue verdicts and its list texts): pass to `withMessages`.
 */
export const issueMessagesModule = () => import('./messages.zh-CN.ts')

/**
 * The photo field of the capture form, for other features' forms (loaded with
 * them, lazily, together with the issue texts it shows).
 */
export const IssuePhotoField = defineAsyncComponent(async () => {
  const [field] = await Promise.all([
    import('./IssuePhotoField.vue'),
    loadMessages(issueMessagesModule),
  ])
  return field
})
export type { IssueMessages } from './messages.zh-CN.ts'

/** A labelled choice of radio buttons, for other features' forms (loaded with them, lazily). */
export const IssueChoiceField = defineAsyncComponent(async () => {
  const [field] = await Promise.all([
    import('./IssueChoiceField.vue'),
    loadMessages(issueMessagesModule),
  ])
  return field
})
