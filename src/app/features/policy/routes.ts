import type { RouteRecordRaw } from 'vue-router'
import { policyMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = policyMessages.lazy

// Lazy pages: the assessment kinds, zod and the QR code load only when one opens.
export const policyRoutes: RouteRecordRaw[] = [
  {
    path: '/assessments',
    name: 'assessments',
    component: page(() => import('./AssessmentListPage.vue')),
  },
  {
    path: '/assessments/policies/new',
    name: 'policy-new',
    component: page(() => import('./PolicyFormPage.vue')),
  },
  {
    path: '/assessments/policies/:id',
    name: 'policy',
    component: page(() => import('./PolicyDetailPage.vue')),
  },
  {
    path: '/assessments/campaigns/:id',
    name: 'campaign',
    component: page(() => import('./CampaignPage.vue')),
  },
  {
    path: '/assessments/campaigns/:id/transcribe',
    name: 'campaign-transcribe',
    component: page(() => import('./FormTranscribePage.vue')),
  },
  // The blank 群众评议表 on A4 for villagers who prefer paper (docs/print.md).
  {
    path: '/assessments/campaigns/:id/paper',
    name: 'campaign-paper',
    component: page(() => import('./BlankFormPrintPage.vue')),
    meta: { isPrint: true },
  },
  // A code sheet as slips to cut out: no tab bar, on screen or on paper.
  {
    path: '/assessments/sheets/:batchId',
    name: 'ballot-slips',
    component: page(() => import('./BallotSlipsPage.vue')),
    meta: { isPrint: true },
  },
  {
    path: '/assessments/cases/:id',
    name: 'post-evaluation',
    component: page(() => import('./PostEvaluationPage.vue')),
  },
  // The post-evaluation report's annex with the form results on A4 (docs/print.md).
  {
    path: '/assessments/cases/:id/annex',
    name: 'post-evaluation-annex',
    component: page(() => import('./PostEvaluationAnnexPrintPage.vue')),
    meta: { isPrint: true },
  },
  // The villager's own phone, from the station's QR code: no account.
  {
    path: '/p/:campaignId',
    name: 'ballot',
    component: page(() => import('./PublicBallotPage.vue')),
    meta: { isPublic: true },
  },
]
