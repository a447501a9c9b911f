import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const alias = {
  '#shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
  '#app': fileURLToPath(new URL('./src/app', import.meta.url)),
  '#server': fileURLToPath(new URL('./src/server', import.meta.url)),
}

export default defineConfig({
  plugins: [vue()],
  define: { __APP_VERSION__: JSON.stringify('test') },
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.mjs'],
          // Property-based tests run hundreds of cases; a busy 2-core CI box needs room.
          testTimeout: 30_000,
          server: { deps: { inline: ['vant'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/postgres.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One file at a time. Files on PostgreSQL share one cluster, and a pull
          // withholds changes behind the cluster-wide oldest open transaction, so
          // a transaction in another file's database could hold a pull back
          // (sync-pull and sync-poison failed that way when run two at a time).
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Fails any test whose pages violated the enforced CSP.
          setupFiles: ['test/e2e/support/csp-guard.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // `expect.poll` waits 1 s by default, which a loaded 2-core machine can
          // miss for a page that is merely slow (a 1-s clock tick, a render after a
          // sync). A poll returns as soon as it holds, so a longer default costs a
          // passing test nothing; polls that wait for a sync still pass their own.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
})
