/**
 * Residents' own reports in Chromium at 360 px, one server and one browser
 * for every step: a resident raises a matter from the public form with a
 * photo and gets a tracking code; the grid worker sees it in the inbox;
 * after the cadre resolves it, the resident's lookup shows the answer and
 * records 满意. Then a grid worker's own capture prints a receipt whose QR
 * code opens the lookup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportPlaces } from '#shared/issue/issue.public.ts'
import { formTokenKeyLoader, issueFormToken } from '#server/public/form-token.ts'
import { PHONES } from '../support/demo-county.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { pushApplied } from '../support/sync-client.ts'
import { pngOf } from '../support/png.ts'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'
import {
  expectSynced,
  fillCapture,
  inboxTab,
  openIssues,
  SYNC_TIMEOUT,
} from './support/issue-screens.ts'

const MATTER = '村口路灯坏了半个月，晚上看不清路，孩子放学不安全。'

let env: E2eEnv
let trackingCode = ''

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

describe("residents' own reports in Chromium at 360 px", () => {
  it('lets a resident raise a matter with a photo from a grid link and get a tracking code', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    // The server drops a form sent sooner than a person could after its token
    // was issued (MIN_FILL_MS): the page gets a token signed a minute ago
    // instead of the test waiting.
    await page.route('**/api/public/report-places?*', async (route) => {
      const places = (await (await route.fetch()).json()) as ReportPlaces
      const earlier = new Date(Date.now() - 60_000)
      const formToken = issueFormToken(formTokenKeyLoader(env.app.config)(), earlier)
      await route.fulfill({ json: { ...places, formToken } })
    })
    await page.goto('/r/new/demo-t1-v1-g1')
    await page.getByTestId('report-form').locator('form').waitFor()
    await page.getByTestId('topic-facilities').check()
    await page.getByTestId('report-description').fill(MATTER)
    await page.getByTestId('report-photo').setInputFiles({
      name: 'light.png',
      mimeType: 'image/png',
      buffer: pngOf(200, 120, 40),
    })
    await page.getByTestId('report-photo-preview').waitFor()
    await page.getByTestId('report-name').fill('王大爷')
    await page.getByTestId('report-consent').check()
    await snapshot(page, 'resident-report/form')
    await page.getByTestId('report-submit').click()
    await page.getByTestId('report-sent').waitFor()
    trackingCode = (await page.getByTestId('report-code').textContent())?.trim() ?? ''
    expect(trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    await snapshot(page, 'resident-report/sent')
    await context.close()
  })

  it("puts it in the grid worker's inbox; the lookup shows the answer and takes the resident's 满意", async () => {
    const worker = await env.signedInPhone('gridWorker')
    await openIssues(worker.page)
    await inboxTab(worker.page, 'online').click()
    await expect
      .poll(
        () => worker.page.getByTestId('issue-card').filter({ hasText: '村口路灯坏了' }).count(),
        SYNC_TIMEOUT,
      )
      .toBe(1)
    await worker.context.close()

    const [row] = await env.database.db
      .selectFrom('sync_record')
      .select('id')
      .where('kind', '=', 'issue')
      .where('data', 'like', `%${MATTER}%`)
      .execute()
    const cadre = await env.login(PHONES.villageCadre)
    const id = row?.id ?? ''
    await pushApplied(env.app, cadre, mutation('issue', id, 'transition', { action: 'accept' }, 1))
    await pushApplied(
      env.app,
      cadre,
      mutation(
        'issue',
        id,
        'transition',
        { action: 'resolve_locally', resolution: '已换上新路灯。' },
        2,
      ),
    )

    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto(`/r/track#${trackingCode}`)
    await page.getByTestId('track-answer').waitFor()
    expect(await page.getByTestId('track-answer').textContent()).toContain('已换上新路灯')
    expect(await page.getByTestId('track-page').textContent()).not.toContain('王大爷')
    await snapshot(page, 'resident-report/track')
    await page.getByTestId('feedback-satisfied').check()
    await page.getByTestId('feedback-send').click()
    await page.getByTestId('feedback-thanks').waitFor()
    expect(await page.getByTestId('track-status').textContent()).toContain('已办结')
    await context.close()
  })

  it("prints a receipt for a grid worker's own capture, whose QR code opens the lookup", async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await openIssues(page)
    await fillCapture(page, {
      title: '水渠堵塞',
      description: '三组水渠被垃圾堵住，雨天会漫进农田。',
      category: 'public_interest',
      tag: 'infrastructure',
    })
    await page.getByTestId('capture-save').click()
    await expectSynced(page)
    await page.getByTestId('receipt-open').click()
    await page.getByTestId('receipt').waitFor()
    await page.getByTestId('qr-code').waitFor()
    const code = (await page.getByTestId('receipt-code').textContent())?.trim() ?? ''
    const url = (await page.getByTestId('receipt-code').getAttribute('data-url')) ?? ''
    expect(url).toBe(`${env.baseUrl}/r/track#${code}`)
    await snapshot(page, 'resident-report/receipt')
    // Once synced, the code the server never saw finds the report (by its hash).
    await expect
      .poll(async () => {
        const rows = await env.database.db
          .selectFrom('issue_tracking')
          .select('code_hash')
          .execute()
        return rows.length
      }, SYNC_TIMEOUT)
      .toBe(2)
    await context.close()

    const resident = await env.newPhone()
    const lookup = await resident.newPage()
    await lookup.goto(url)
    await lookup.getByTestId('track-status').waitFor()
    expect(await lookup.getByTestId('track-status').textContent()).toContain('待受理')
    await resident.close()
  })
})
