import { defineAsyncComponent } from 'vue'
import { livelihoodMessages } from './messages.ts'
export type { LivelihoodMessages } from './messages.zh-CN.ts'
export { livelihoodMessages }
export { livelihoodRoutes } from './routes.ts'

/**
 * Residents' ranking (开单排序) in a discussion day's minutes, for the
 * meeting's detail page (loaded lazily with this feature's texts).
 */
export const MeetingRanking = defineAsyncComponent(
  livelihoodMessages.lazy(() => import('./RankingMinutes.vue')),
)

/**
 * The livelihood item an issue report backs, its progress or the reason it
 * was returned, for the report's page (issue #16.5).
 */
export const SourceReportListing = defineAsyncComponent(
  livelihoodMessages.lazy(() => import('./SourceReportListing.vue')),
)

export { useIssueListing } from './use-issue-listing.ts'
