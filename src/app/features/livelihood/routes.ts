import type { RouteRecordRaw } from 'vue-router'
import { livelihoodMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = livelihoodMessages.lazy

export const livelihoodRoutes: RouteRecordRaw[] = [
  {
    path: '/livelihood',
    name: 'livelihood',
    component: page(() => import('./LivelihoodListPage.vue')),
  },
  {
    path: '/livelihood/new',
    name: 'livelihood-new',
    component: page(() => import('./LivelihoodProposePage.vue')),
  },
  {
    path: '/livelihood/:id',
    name: 'livelihood-item',
    component: page(() => import('./LivelihoodDetailPage.vue')),
  },
  {
    path: '/livelihood/:id/plan',
    name: 'livelihood-plan',
    component: page(() => import('./LivelihoodPlanPage.vue')),
  },
  // Residents' rankings of the village (开单排序), for its cadre.
  {
    path: '/livelihood/rankings',
    name: 'livelihood-rankings',
    component: page(() => import('./RankingPage.vue')),
  },
  // A ranking's code sheet as slips to cut out: no tab bar, on screen or on paper.
  {
    path: '/livelihood/sheets/:batchId',
    name: 'livelihood-slips',
    component: page(() => import('./RankingSlipsPage.vue')),
    meta: { isPrint: true },
  },
  // The public progress page's QR poster for the station's notice board.
  {
    path: '/livelihood/poster',
    name: 'livelihood-poster',
    component: page(() => import('./PublicProgressPosterPage.vue')),
    meta: { isPrint: true },
  },
  // A resident's own phone, from a code slip: no account.
  {
    path: '/k/:rankingId',
    name: 'livelihood-ranking-ballot',
    component: page(() => import('./PublicRankingPage.vue')),
    meta: { isPublic: true },
  },
  // The public progress of a township's or the county's list (公示), from the notice board's QR code.
  {
    path: '/gs/:unitId',
    name: 'livelihood-public',
    component: page(() => import('./PublicProgressPage.vue')),
    meta: { isPublic: true },
  },
]
