import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  loginAs,
  snapshot,
  startE2e,
  waitForServiceWorker,
  type E2eEnv,
} from './support/e2e-env.ts'
import { firstPage, gradientPng, newPersistentPhone } from './support/persistent-phone.ts'
import { fillCapture, openIssues, SYNC_TIMEOUT } from './support/issue-screens.ts'

const REPORTS = [
  {
    title: '村口路灯不亮',
    description: '村口到小学的三盏路灯坏了半个月，晚上孩子放学看不清路。',
    category: 'public_interest',
    tag: 'infrastructure',
    hasPhoto: true,
  },
  {
    title: '邻里排水沟堵塞',
    description: '张家和李家之间的排水沟堵了，下雨积水，两家有争执。',
    category: 'personal',
    tag: 'neighbour_dispute',
    hasPhoto: false,
  },
  {
    title: '低保复核咨询',
    description: '群众想了解今年低保复核需要准备哪些材料。',
    category: 'administrative',
    tag: 'social_security',
    hasPhoto: false,
  },
] as const

let env: E2eEnv
let userDataDir: string

beforeAll(async () => {
  env = await startE2e()
  userDataDir = await mkdtemp(join(tmpdir(), 'shuoshi-phone-'))
})
afterAll(async () => {
  await env?.close()
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

async function capture(page: Page, report: (typeof REPORTS)[number]): Promise<void> {
  await fillCapture(page, report)
  if (report.hasPhoto) {
    const photos = page.getByTestId('capture-photos')
    await photos
      .locator('input[type="file"]')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: gradientPng() })
    // Compressed, stored and previewed from the device's blob store.
    await photos.locator('.van-uploader__preview-image img').waitFor()
    await expect.poll(() => photos.locator('.van-uploader__mask').count(), SYNC_TIMEOUT).toBe(0)
    await photos.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await snapshot(page, 'issue-capture')
  }
  await page.getByTestId('capture-save').click()
  await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/)
  await expect.poll(() => page.getByTestId('issue-title').textContent()).toBe(report.title)
  expect(await page.getByTestId('issue-pending').count()).toBe(1)
}

describe('issue reports captured offline in Chromium at 360 px', () => {
  it('keeps three reports made offline across a reload and a browser restart, then syncs them with the photo', async () => {
    let context = await newPersistentPhone(env.baseUrl, userDataDir)
    let page = await firstPage(context)
    await loginAs(page, 'gridWorker')
    await waitForServiceWorker(page)
    await openIssues(page)
    await context.setOffline(true)

    // The form refuses an empty report with Chinese messages next to the fields.
    await page.getByTestId('issue-create').click()
    await page.getByTestId('capture-save').click()
    await expect.poll(() => page.getByTestId('capture-title').textContent()).toContain('请填写标题')
    expect(await page.getByTestId('capture-category').textContent()).toContain('请选择事项分类')
    await page.getByTestId('tab-issues').click()

    for (const report of REPORTS) {
      await openIssues(page)
      await capture(page, report)
    }
    await openIssues(page)
    const cards = page.getByTestId('issue-card')
    await expect.poll(() => cards.count()).toBe(3)
    expect(await page.getByTestId('issue-pending').count()).toBe(3)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'issue-list')

    await page.reload()
    await expect.poll(() => page.getByTestId('issue-card').count(), SYNC_TIMEOUT).toBe(3)
    expect(await page.getByTestId('issue-pending').count()).toBe(3)

    // Close the browser and open it again, back online.
    await context.close()
    context = await newPersistentPhone(env.baseUrl, userDataDir)
    page = await firstPage(context)
    await page.goto('/issues')
    await expect.poll(() => page.getByTestId('issue-card').count(), SYNC_TIMEOUT).toBe(3)
    await expect.poll(() => page.getByTestId('issue-pending').count(), SYNC_TIMEOUT).toBe(0)

    const { db } = env.database
    const countIssues = async () =>
      (await db.selectFrom('sync_record').select('key').where('kind', '=', 'issue').execute())
        .length
    const countBlobs = async () => (await db.selectFrom('blob').select('sha256').execute()).length
    await expect.poll(countIssues, SYNC_TIMEOUT).toBe(3)
    await expect.poll(countBlobs, SYNC_TIMEOUT).toBe(1)
    await context.close()
  })

  it('shows the village cadre the three reports to accept, with the photo, and lets them accept one', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await openIssues(page)
    expect(await page.getByRole('tab', { name: '待受理' }).getAttribute('aria-selected')).toBe(
      'true',
    )
    await expect.poll(() => page.getByTestId('issue-card').count(), SYNC_TIMEOUT).toBe(3)

    await page.getByTestId('issue-card').filter({ hasText: REPORTS[0].title }).click()
    await expect.poll(() => page.getByTestId('issue-title').textContent()).toBe(REPORTS[0].title)
    // Photos load only when their section comes into view.
    await page.getByTestId('issue-photos').scrollIntoViewIfNeeded()
    await page.getByTestId('issue-photo').locator('img').waitFor({ timeout: 30_000 })
    const isDecoded = await page
      .getByTestId('issue-photo')
      .locator('img')
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
    expect(isDecoded).toBe(true)
    const actions = await page.getByTestId('issue-actions').textContent()
    expect(actions).toContain('受理')
    expect(actions).not.toContain('回访反馈')
    expect(await page.getByTestId('issue-timeline').textContent()).toContain('登记')
    await page.evaluate(() => window.scrollTo(0, 0))
    await snapshot(page, 'issue-detail')

    await page.getByTestId('issue-photo').click()
    await page.locator('.van-image-preview').waitFor()
    await page.locator('.van-image-preview').tap()
    await page.locator('.van-image-preview').waitFor({ state: 'hidden' })

    await page.getByTestId('action-accept-open').click()
    await page.getByTestId('action-submit').click()
    await expect
      .poll(() => page.getByTestId('issue-status').textContent(), SYNC_TIMEOUT)
      .toBe('村社办理中')
    await expect.poll(() => page.getByTestId('issue-pending').count(), SYNC_TIMEOUT).toBe(0)
    expect(await page.getByTestId('issue-timeline').textContent()).toContain('受理')
    await context.close()
  })

  it('shows the cadre of the sibling village none of them', async () => {
    const { context, page } = await env.signedInPhone('siblingVillageCadre')
    // Wait for a completed first sync, so "none" is the server's answer, not an empty device.
    await page.goto('/sync')
    await expect
      .poll(() => page.getByTestId('sync-last-success').textContent(), SYNC_TIMEOUT)
      .not.toContain('尚未同步')
    await openIssues(page)
    await page.getByRole('tab', { name: '全部' }).click()
    await page.getByTestId('issue-empty').waitFor()
    expect(await page.getByTestId('issue-card').count()).toBe(0)
    expect(await page.getByTestId('issue-count').textContent()).toContain('共 0 件')
    await context.close()
  })
})
