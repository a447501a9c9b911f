import type { PublicRoute } from '../router.ts'
import { wallTexts } from './messages.ts'

// Each page loads with its texts (src/app/public/i18n.ts).
const page = wallTexts.lazy

/** The 双公开 wall of a station, from the QR poster: /w/<unit id> (prefix in src/shared/public). */
export const wallRoutes: PublicRoute[] = [
  {
    path: '/w/:unitId',
    name: 'wall',
    component: page(() => import('./WallPage.vue')),
  },
  {
    path: '/w/:unitId/poster',
    name: 'wall-poster',
    component: page(() => import('./PosterPage.vue')),
  },
]
