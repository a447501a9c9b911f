import { defineAsyncComponent } from 'vue'

export { issueRoutes } from './routes.ts'

/** The photo field of the capture form, for other features' forms (loaded with them, lazily). */
export const IssuePhotoField = defineAsyncComponent(() => import('./IssuePhotoField.vue'))
