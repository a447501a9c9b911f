import { defineAsyncComponent } from 'vue'
import { loadMessages } from '#app/i18n/index.ts'

export { issueRoutes } from './routes.ts'

/**
 * The photo field of the capture form, for other features' forms (loaded with
 * them, lazily, together with the issue texts it shows).
 */
export const IssuePhotoField = defineAsyncComponent(async () => {
  const [field] = await Promise.all([
    import('./IssuePhotoField.vue'),
    loadMessages(() => import('./messages.zh-CN.ts')),
  ])
  return field
})
export type { IssueMessages } from './messages.zh-CN.ts'
