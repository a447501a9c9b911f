import type { RouteRecordRaw } from 'vue-router'
import { consultationPublicTexts } from './public-messages.ts'

// Each page loads with these texts (src/app/i18n/index.ts).
const page = consultationPublicTexts.lazy

/**
 * The yearly catalogue's staff screens, and the public pages under /c/ (no
 * account: opened from a QR code or a link, WeChat's browser included).
 */
export const consultationPublicRoutes: RouteRecordRaw[] = [
  {
    path: '/catalogues',
    name: 'catalogues',
    component: page(() => import('./CatalogueListPage.vue')),
  },
  {
    path: '/catalogues/:id',
    name: 'catalogue',
    component: page(() => import('./CataloguePage.vue')),
  },
  {
    path: '/catalogues/:id/entries/:entryId',
    name: 'catalogue-entry',
    component: page(() => import('./CatalogueEntryPage.vue')),
  },
  {
    path: '/c/track',
    name: 'public-tracking',
    component: page(() => import('./PublicTrackingPage.vue')),
    meta: { isPublic: true },
  },
  {
    path: '/c/catalogue/:year?',
    name: 'public-catalogue',
    component: page(() => import('./PublicCataloguePage.vue')),
    meta: { isPublic: true },
  },
  {
    path: '/c/:id',
    name: 'public-consultation',
    component: page(() => import('./PublicConsultationPage.vue')),
    meta: { isPublic: true },
  },
]
