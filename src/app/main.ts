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

async function bootstrap() {
  const app = createApp(App).use(createPinia()).use(i18n)
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
