import type { RouteRecordRaw } from 'vue-router'
import { disclosureMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = disclosureMessages.lazy

export const disclosureRoutes: RouteRecordRaw[] = [
  {
    path: '/disclosures',
    name: 'disclosures',
    component: page(() => import('./DisclosureListPage.vue')),
  },
  {
    path: '/disclosures/new',
    name: 'disclosure-new',
    component: page(() => import('./DisclosureFormPage.vue')),
  },
  {
    path: '/disclosures/gaps',
    name: 'disclosure-gaps',
    component: page(() => import('./DisclosureGapsPage.vue')),
  },
  {
    path: '/disclosures/categories',
    name: 'disclosure-categories',
    component: page(() => import('./DisclosureCategoriesPage.vue')),
  },
  {
    path: '/disclosures/:id',
    name: 'disclosure',
    component: page(() => import('./DisclosureDetailPage.vue')),
  },
]
