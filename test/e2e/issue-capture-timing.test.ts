/**
 * How long a report saved online takes to be confirmed by the server, from
 * the tap on 保存 to the detail page without its 未同步 tag, measured in the
 * page and printed (a figure, not an assertion); each report must be stored
 * once. Split from issue-lifecycle.test.ts, whose story it is not part of.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { fillCapture, ISSUE_ID, openIssues } from './support/issue-screens.ts'
import { startE2e, type E2eEnv } from './support/e2e-env.ts'

let env: E2eEnv
let phone: BrowserContext
let page: Page
/** Uncaught errors in the page: none are expected. */
const pageErrors: string[] = []

beforeAll(async () => {
  env = await startE2e()
  ;({ context: phone, page } = await env.signedInPhone('gridWorker'))
  page.on('pageerror', (error) => pageErrors.push(error.message))
})
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([])
})
afterAll(async () => {
  await phone?.close()
  await env?.close()
})

describe('capture-to-synced of a report saved online, at 360 px', () => {
  it('measures capture-to-synced for a report saved online', async () => {
    for (const round of [1, 2, 3]) {
      await openIssues(page)
      await fillCapture(page, {
        title: `在线登记测速 ${round}`,
        description: '联网时登记，测量从点保存到服务器确认的时间。',
        category: 'public_interest',
        tag: 'infrastructure',
        residentName: '王秀英',
        residentPhone: '13812341234',
      })
      // Timed inside the page: from the tap on 保存 to the detail page showing the
      // report without its 未同步 tag (the outbox entry was accepted by the server).
      await page.evaluate(() => {
        const w = window as unknown as { tappedAt?: number }
        delete w.tappedAt
        document.addEventListener('click', () => (w.tappedAt = performance.now()), {
          capture: true,
          once: true,
        })
      })
      await page.getByTestId('capture-save').click()
      const handle = await page.waitForFunction(
        () => {
          const w = window as unknown as { tappedAt?: number }
          const isDetail = /\/issues\/[0-9a-f-]{36}$/.test(location.pathname)
          const isShown = document.querySelector('[data-test="issue-title"]') !== null
          const isPending = document.querySelector('[data-test="issue-pending"]') !== null
          return w.tappedAt !== undefined && isDetail && isShown && !isPending
            ? performance.now() - w.tappedAt
            : false
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      )
      const elapsed = Math.round((await handle.jsonValue()) as number)
      console.log(`capture-to-synced: ${elapsed} ms`)
      const id = ISSUE_ID.exec(page.url())![1]!
      const stored = await env.database.db
        .selectFrom('sync_record')
        .select('id')
        .where('id', '=', id)
        .execute()
      expect(stored).toHaveLength(1)
    }
  })
})
