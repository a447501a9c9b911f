import type { RouteRecordRaw } from 'vue-router'

// Lazy pages: the assessment kinds, zod and the QR code load only when one opens.
export const policyRoutes: RouteRecordRaw[] = [
  {
    path: '/assessments',
    name: 'assessments',
    component: () => import('./AssessmentListPage.vue'),
  },
  {
    path: '/assessments/policies/new',
    name: 'policy-new',
    component: () => import('./PolicyFormPage.vue'),
  },
  {
    path: '/assessments/policies/:id',
    name: 'policy',
    component: () => import('./PolicyDetailPage.vue'),
  },
  {
    path: '/assessments/campaigns/:id',
    name: 'campaign',
    component: () => import('./CampaignPage.vue'),
  },
  {
    path: '/assessments/campaigns/:id/transcribe',
    name: 'campaign-transcribe',
    component: () => import('./FormTranscribePage.vue'),
  },
  // A code sheet as slips to cut out: no tab bar, on screen or on paper.
  {
    path: '/assessments/sheets/:batchId',
    name: 'ballot-slips',
    component: () => import('./BallotSlipsPage.vue'),
    meta: { isPrint: true },
  },
  {
    path: '/assessments/cases/:id',
    name: 'post-evaluation',
    component: () => import('./PostEvaluationPage.vue'),
  },
  // The villager's own phone, from the station's QR code: no account.
  {
    path: '/p/:campaignId',
    name: 'ballot',
    component: () => import('./PublicBallotPage.vue'),
    meta: { isPublic: true },
  },
]
