/**
 * The public pages' entry (public.html): Vue, its router and vue-i18n, and
 * nothing of the signed-in app (no Vant, Pinia, Dexie, sync engine or
 * service worker), so a resident's phone on 3G loads little. Budget:
 * scripts/size.mjs; how to add a page: docs/public-pages.md.
 */
import { createApp } from 'vue'
import './public.css'
import PublicApp from './PublicApp.vue'
import { publicI18n } from './i18n.ts'
import { publicRouter } from './router.ts'

const app = createApp(PublicApp).use(publicI18n).use(publicRouter)
void publicRouter.isReady().then(() => app.mount('#app'))
