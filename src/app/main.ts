// First: configures zod before any of its chunks load (see the file).
import './zod-jitless.ts'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'vant/es/style/base.css'
import './ui/base.css'
import App from './App.vue'
import { i18n } from './i18n/index.ts'
import { router } from './router.ts'
import { useAuthStore } from './features/auth/index.ts'
import { useSettingsStore } from './features/me/index.ts'

/**
 * A start on a lazy page (说事, a deep link): its chunks load while the
 * device database is read below, not after it and the router's own
 * resolution. A lazy route component is a loader function (vue-router's own
 * test); the router calls it again later and gets the loaded module.
 */
function preloadStartPage(): void {
  const start = router.resolve(location.pathname + location.search)
  if (start.meta.isPublic) return
  for (const record of start.matched) {
    const component: unknown = record.components?.default
    const isLoader =
      typeof component === 'function' &&
      !('__vccOpts' in component || 'props' in component || 'displayName' in component)
    if (isLoader) {
      void (component as () => Promise<unknown>)().catch(() => undefined)
    }
  }
}

async function bootstrap() {
  const app = createApp(App).use(createPinia()).use(i18n)
  preloadStartPage()
  // Settings and the cached user come from IndexedDB before the first render,
  // so elder mode never flashes and the app opens offline already signed in.
  await Promise.all([useSettingsStore().load(), useAuthStore().restore()])
  app.use(router)
  await router.isReady()
  app.mount('#app')
}

// Any touchstart listener enables :active feedback on iOS (Vant FAQ); an
// inline ontouchstart="" attribute would violate the CSP (script-src-attr).
document.body.addEventListener('touchstart', () => undefined, { passive: true })

void bootstrap()
