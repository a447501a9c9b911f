import { defineAsyncComponent } from 'vue'

export { issueRoutes } from './routes.ts'

/** The photo field of the capture form, for other features' forms (loaded with them, lazily). */
export const IssuePhotoField = defineAsyncComponent(() => import('./IssuePhotoField.vue'))

/** A labelled choice of radio buttons, for other features' forms (loaded with them, lazily). */
export const IssueChoiceField = defineAsyncComponent(() => import('./IssueChoiceField.vue'))
