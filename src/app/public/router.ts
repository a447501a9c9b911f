/**
 * The public bundle's router. Each group of public pages has a `routes.ts`
 * under src/app/public/<group>/ whose paths start with its prefix in
 * src/shared/public/public-entry.ts (the server sends public.html only for
 * those); add the group's routes here.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { residentReportRoutes } from './report/routes.ts'
import { wallRoutes } from './wall/routes.ts'

const routes: RouteRecordRaw[] = [
  ...wallRoutes,
  ...residentReportRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'public-not-found',
    component: () => import('./NotFoundPage.vue'),
  },
]

export const publicRouter = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})
