import { fileURLToPath, URL } from 'node:url'
import { readFileSync } from 'node:fs'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import { VitePWA } from 'vite-plugin-pwa'
import { vantIconFont } from './build/vant-icon-font.ts'
import { precompress } from './build/precompress.ts'
import { PUBLIC_ENTRY_HTML, publicEntry } from './build/public-entry.ts'
import { PUBLIC_ENTRY_PREFIXES } from './src/shared/public/public-entry.ts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  resolve: {
    alias: {
      '#shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
      '#app': fileURLToPath(new URL('./src/app', import.meta.url)),
    },
  },
  plugins: [
    vue(),
    vantIconFont(),
    publicEntry(),
    Components({ resolvers: [VantResolver()], dts: 'src/components.d.ts' }),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: '说事',
        short_name: '说事',
        description: '三级说事平台 · 网格说事点、村说事站、乡镇说事处、县说事中心',
        lang: 'zh-CN',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        theme_color: '#b8141b',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,woff2}'],
        navigateFallback: '/index.html',
        // The API is never served from the cache: data comes through the sync engine.
        // Nor are the public pages (public.html): they need the network anyway.
        navigateFallbackDenylist: [
          /^\/api\//,
          ...PUBLIC_ENTRY_PREFIXES.map((prefix) => new RegExp(`^${prefix}`)),
        ],
        cleanupOutdatedCaches: true,
        // A tap on a message's system notification opens its record (issue #21.1).
        importScripts: ['sw-notifications.js'],
      },
    }),
    // Last: it compresses what the plugins above wrote, the service worker included.
    precompress(),
  ],
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    target: 'es2020',
    reportCompressedSize: true,
    // dist/.vite/manifest.json: which chunks each entry and lazy page loads (scripts/size.mjs).
    manifest: true,
    rollupOptions: {
      // The signed-in PWA, and the public pages' own small bundle (src/app/public/).
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        public: fileURLToPath(new URL(`./${PUBLIC_ENTRY_HTML}`, import.meta.url)),
      },
    },
  },
})
