import type { PublicRoute } from '../router.ts'
import { residentReportTexts } from './messages.ts'

// Each page loads with its texts (src/app/public/i18n.ts).
const page = residentReportTexts.lazy

/**
 * Residents' own reports (prefix /r/ in src/shared/public): the form for a
 * unit (from the wall or a grid worker's link) and the lookup, whose code
 * arrives in the fragment (a receipt's QR code: /r/track#ABCD…).
 */
export const residentReportRoutes: PublicRoute[] = [
  {
    path: '/r/new/:unitId',
    name: 'resident-report',
    component: page(() => import('./ReportFormPage.vue')),
  },
  {
    path: '/r/track',
    name: 'resident-track',
    component: page(() => import('./TrackPage.vue')),
  },
]
