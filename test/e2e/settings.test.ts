/**
 * County settings and shared phones in Chromium at 360 px (issue #20.4, .5):
 * county staff give township demo-t1 its own fixed day (the first Monday)
 * on the settings screen, and the village cadre's next plan offers those
 * dates; a grid worker signs out of a shared phone, which keeps nothing of
 * theirs, and the next user signed in on it sees nothing of the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { upcomingFixedDaysByRule } from '#shared/settings/fixed-day.ts'
import { memoMutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { loginAs, snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'

const SYNC = { timeout: 30_000, interval: 250 }
const FIRST_MONDAY = { type: 'nth_weekday', nth: 1, weekday: 1 } as const
const TITLE = '共用手机上的说事'

let env: E2eEnv
let issueId = ''

beforeAll(async () => {
  env = await startE2e()
  const as = await loginAll(env, ['gridWorker'])
  issueId = newRecordId()
  await pushApplied(
    env.app,
    as('gridWorker'),
    memoMutation(issueId, 'create', sampleCreatePayload({ title: TITLE }), { kind: 'issue' }),
  )
})
afterAll(async () => {
  await env?.close()
})

/** The keys of the device's records (IndexedDB), read in the page. */
function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('shuoshi')
        open.onerror = () => resolve([])
        open.onsuccess = () => {
          const db = open.result
          const read = db.transaction('records').objectStore('records').getAllKeys()
          read.onsuccess = () => {
            resolve(read.result.map(String))
            db.close()
          }
          read.onerror = () => resolve([])
        }
      }),
  )
}

describe('county settings and shared phones', () => {
  it("offers a township's own fixed day in the next plan once the county sets it", async () => {
    const { context, page } = await env.signedInPhone('county')
    await page.goto('/me')
    await page.getByTestId('me-county-settings').click()
    await page.getByTestId('settings-version').waitFor()
    await page.getByTestId('fixed-add-unit').selectOption('demo-t1')
    await page.getByTestId('fixed-add').click()
    await page.getByTestId('fixed-demo-t1-type').selectOption('nth_weekday')
    await snapshot(page, 'settings/county-settings')
    await page.getByTestId('settings-save').click()
    await expect
      .poll(() => page.getByTestId('settings-message').textContent(), SYNC)
      .toContain('第 1 版')
    await context.close()

    const expected = upcomingFixedDaysByRule(chinaDate(new Date().toISOString()), 3, FIRST_MONDAY)
    const cadre = await env.signedInPhone('villageCadre')
    await cadre.page.goto('/meetings/new')
    const chips = () => cadre.page.getByTestId('plan-fixed-day').allTextContents()
    await expect
      .poll(async () => (await chips()).map((text) => text.trim()), SYNC)
      .toEqual(expected)
    await cadre.context.close()
  })

  it('clears a shared phone on sign-out and shows the next user nothing of the first', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await expect.poll(() => storedKeys(page), SYNC).toContain(`issue:${issueId}`)
    await page.goto('/me')
    await page.getByTestId('logout').click()
    await page.locator('.van-dialog__confirm').click()
    await page.waitForURL(/\/login/)
    expect(await storedKeys(page)).toEqual([])

    await loginAs(page, 'otherTownshipGridWorker')
    await page.goto('/issues')
    await page.getByTestId('home-greeting').or(page.locator('main')).first().waitFor()
    expect(await page.locator('body').textContent()).not.toContain(TITLE)
    expect(await storedKeys(page)).not.toContain(`issue:${issueId}`)
    await context.close()
  })
})
