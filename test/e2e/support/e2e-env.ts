/**
 * End-to-end environment: the real server (built by `buildApp`, SQLite in a
 * temp folder, demo county seeded) serving the built PWA from dist/, and
 * Debian's Chromium driven by playwright-core. The server sends its real
 * security headers; every phone reports CSP violations (csp-guard.ts).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '#server/app.ts'
import { loadConfig } from '#server/config.ts'
import { openDatabase, type Database } from '#server/db/database.ts'
import { migrateToLatest } from '#server/db/migrate.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { seedDemoCounty } from '#server/db/seed.ts'
import { seedDemoMediatorPool } from '#server/meeting/mediator-pool.seed.ts'
import { CHROMIUM_LAUNCH, watchCsp } from '../../support/chromium.ts'
import { PHONES, type Person } from '../../support/demo-county.ts'
import { loginTo } from '../../support/test-server.ts'

const DIST = join(import.meta.dirname, '../../../dist')

export const PHONE_SIZE = { width: 360, height: 740 }

export interface E2eEnv {
  baseUrl: string
  browser: Browser
  app: FastifyInstance
  database: Database
  /** Logs in through the API (no browser) and returns a `Cookie` header value. */
  login(phone: string, password?: string): Promise<string>
  newPhone(options?: { userAgent?: string }): Promise<BrowserContext>
  /** A new phone with one page, `person` signed in on it (see `loginAs`). */
  signedInPhone(person: Person, password?: string): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

/** `browserArgs`: extra Chromium flags (e.g. a fake microphone for the voice-note test). */
export async function startE2e({
  browserArgs = [],
}: { browserArgs?: string[] } = {}): Promise<E2eEnv> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      'dist/ is missing: run `vite build` before the e2e tests (npm run test:e2e does)',
    )
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'shuoshi-e2e-'))
  const database = openDatabase({ dataDir })
  await migrateToLatest(database.db)
  await seedDemoCounty(database.db)
  await seedDemoMediatorPool(database.db)
  // No load shedding: a busy shared test machine must not delay a test's sync.
  const config = { ...loadConfig({}), dataDir, staticDir: DIST, loadShedLagMs: 0 }
  const app = await buildApp({ config, database, logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  const baseUrl = `http://127.0.0.1:${address.port}`

  // The app marks elements for tests with data-test (see STYLE.md).
  selectors.setTestIdAttribute('data-test')
  const browser = await chromium.launch({
    ...CHROMIUM_LAUNCH,
    args: [...CHROMIUM_LAUNCH.args, ...browserArgs],
  })
  const env: E2eEnv = {
    baseUrl,
    browser,
    app,
    database,
    login: (phone, password) => loginTo(app, phone, password),
    async newPhone(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: PHONE_SIZE,
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      })
      await watchCsp(context)
      return context
    },
    async signedInPhone(person, password) {
      const context = await env.newPhone()
      const page = await context.newPage()
      await loginAs(page, person, password)
      return { context, page }
    },
    async close() {
      await browser.close()
      await app.close()
      await database.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  return env
}

/** Signs `person` in through the login form and waits for the home screen. */
export async function loginAs(page: Page, person: Person, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByTestId('login-phone').locator('input').fill(PHONES[person])
  await page.getByTestId('login-password').locator('input').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home-greeting').waitFor()
}

/** Waits until a service worker controls the page (one reload after the first install). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  const isControlled = await page.evaluate(() => navigator.serviceWorker.controller !== null)
  if (!isControlled) await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/** Saves a screenshot for the docs when SCREENSHOTS=1. */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return
  await page.screenshot({
    path: join(import.meta.dirname, '../../../docs/screenshots', `${name}.png`),
  })
}
