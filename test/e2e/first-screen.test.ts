import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONES } from '../support/demo-county.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { loginAs, PHONE_SIZE, startE2e, type E2eEnv } from './support/e2e-env.ts'

let env: E2eEnv

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

/** Chunks of the device database (Dexie), the sync engine and form validation (zod). */
const HEAVY_CHUNK = /\/assets\/(app-db|sync\.store|form-errors)-[\w-]+\.js$/

describe("a signed-out phone's first screen (Lighthouse, #13.6)", () => {
  it('shows the login form without Dexie, zod or the sync engine, and loads them when needed', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
    })
    await page.goto('/login')
    await page.getByTestId('login-phone').waitFor()
    await page.waitForLoadState('networkidle')
    expect(scripts.filter((path) => HEAVY_CHUNK.test(path))).toEqual([])

    // Starting on the form brings the checks (zod); signing in brings the sync engine.
    await page.getByTestId('login-phone').locator('input').fill(PHONES.villageCadre)
    await expect.poll(() => scripts.some((path) => /\/form-errors-/.test(path))).toBe(true)
    await page.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('home-greeting').waitFor()
    // The engine waits until the first screen has settled (after-first-screen.ts).
    await expect
      .poll(() => scripts.some((path) => /\/sync\.store-/.test(path)), { timeout: 30_000 })
      .toBe(true)
    expect(scripts.some((path) => /\/app-db-/.test(path))).toBe(true)
    await context.close()
  })

  it('refuses a malformed phone number with a Chinese reason before asking the server', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    let logins = 0
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) logins += 1
    })
    await page.goto('/login')
    await page.getByTestId('login-phone').locator('input').fill('123')
    await page.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD)
    await page.getByTestId('login-submit').click()
    const reason = page.getByTestId('login-phone').locator('.van-field__error-message')
    await expect.poll(() => reason.textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(logins).toBe(0)
    await context.close()
  })
})

describe("a signed-in phone's first screen of 说事 (Lighthouse, #13.6)", () => {
  it('shows the inbox without the sync engine, which starts after it', async () => {
    // No service worker: its fetches would pass by the page's routes below.
    const context = await env.browser.newContext({
      baseURL: env.baseUrl,
      viewport: PHONE_SIZE,
      locale: 'zh-CN',
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    await loginAs(page, 'villageCadre')
    // The inbox has rendered its rows (or, when they are read, that it is empty).
    const inbox = page.locator('[data-test="issue-card"], [data-test="issue-empty"]').first()
    await page.goto('/issues')
    await inbox.waitFor()

    // A reload that cannot load the sync store: the inbox's first render
    // must not wait for it (it holds every record kind and their schemas).
    let syncStoreAsked = false
    await page.route(/\/assets\/sync\.store-[\w-]+\.js$/, async (route) => {
      syncStoreAsked = true
      await route.abort()
    })
    await page.reload()
    await inbox.waitFor()
    // The engine still starts once the screen has settled.
    await expect.poll(() => syncStoreAsked, { timeout: 30_000 }).toBe(true)
    await context.close()
  })
})
