import type { RouteRecordRaw } from 'vue-router'
import { outreachMessages } from './messages.ts'

// Each page loads with this feature's texts (src/app/i18n/index.ts).
const page = outreachMessages.lazy

// Lazy pages: the outreach kinds and zod load only when one of these screens opens.
export const outreachRoutes: RouteRecordRaw[] = [
  { path: '/outreach', name: 'outreach', component: page(() => import('./OutreachPage.vue')) },
  {
    path: '/outreach/classes/new',
    name: 'outreach-class-new',
    component: page(() => import('./TouringClassFormPage.vue')),
  },
  {
    path: '/outreach/studios/new',
    name: 'outreach-studio-new',
    component: page(() => import('./StudioFormPage.vue')),
  },
  {
    path: '/outreach/studios/:id',
    name: 'outreach-studio',
    component: page(() => import('./StudioPage.vue')),
  },
]
