/**
 * Issue #12, the policy loop's field fixes (items 2, 3, 4, 10c, 10e), walked
 * in Chromium at 360 px; villager steps in elder mode. Each step asserts what
 * the user must now see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { seedDemoAssessment } from '#server/assessment/assessment.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'

/** The demo campaign of seedDemoAssessment (open today, villages v1 and v2 of township 1). */
const CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'
const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }

let env: E2eEnv

beforeAll(async () => {
  env = await startE2e()
  await seedDemoAssessment(env.database, defaultKinds)
})
afterAll(async () => {
  await env?.close()
})

/** Whether the element is at least partly inside the 360 × 740 viewport. */
async function isOnScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox()
  const viewport = locator.page().viewportSize()
  return Boolean(box && viewport && box.y + box.height > 0 && box.y < viewport.height)
}

async function rateAll(page: Page, point: number, except = ''): Promise<void> {
  for (const question of ['effect', 'satisfaction', 'operability', 'reasonableness']) {
    if (question !== except) await page.getByTestId(`scale-${question}-${point}`).click()
  }
}

describe('#12 policy field fixes in Chromium at 360 px', () => {
  it('#12.2 shows the villager the first error at its field and announces it', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto(`/p/${CAMPAIGN_ID}`)
    await page.getByTestId('ballot-policy').waitFor()
    // Elder mode by default on the villager's own phone.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      '18px',
    )
    const code = page.getByTestId('ballot-code')
    const announce = page.getByTestId('ballot-announce')
    expect(await announce.getAttribute('aria-live')).toBe('assertive')

    // Nothing filled in: tapping 提交评议 at the bottom brings the code field back into view.
    await page.getByTestId('ballot-submit').click()
    await expect.poll(() => announce.textContent()).toContain('请填写说事站发的评议码')
    expect(await code.textContent()).toContain('请填写说事站发的评议码')
    await expect.poll(() => isOnScreen(code)).toBe(true)
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-test]')?.getAttribute('data-test'),
      ),
    ).toBe('ballot-code')

    // A code, but one answer missing: the unanswered question is scrolled to and named.
    await code.locator('input').fill('ABCD-EFGH')
    await rateAll(page, 4, 'operability')
    await page.getByTestId('village-/demo-county/demo-t1/demo-t1-v1/').click()
    await page.getByTestId('ballot-submit').click()
    const missing = page.getByTestId('scale-operability')
    await expect.poll(() => missing.locator('.scale__error').count()).toBe(1)
    await expect.poll(() => isOnScreen(missing)).toBe(true)
    expect(await announce.textContent()).toContain('还不能提交')

    // Every answer, but a code the station never issued: the server's reason at the code field.
    await page.getByTestId('scale-operability-4').click()
    await page.getByTestId('ballot-submit').click()
    await expect.poll(() => code.textContent(), SYNC_TIMEOUT).toContain('评议码无效或已使用')
    await expect.poll(() => isOnScreen(code)).toBe(true)
    expect(await announce.textContent()).toContain('评议码无效或已使用')
    await snapshot(page, 'field-fixes/2-ballot-code-error')
    await context.close()
  })
})
