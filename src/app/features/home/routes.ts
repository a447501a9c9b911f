import type { RouteRecordRaw } from 'vue-router'
import HomePage from './HomePage.vue'

// The first screen is bundled eagerly: it is what every start shows.
export const homeRoutes: RouteRecordRaw[] = [{ path: '/', name: 'home', component: HomePage }]
