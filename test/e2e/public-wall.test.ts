/**
 * The 双公开 wall in Chromium at 360 px (issue #17.1, .2, .5): a village
 * cadre drafts and publishes a finance disclosure offline and it syncs;
 * a resident opens the wall from its QR URL in WeChat's browser on an
 * emulated 3G link, in large text by default, reads the table, and finds
 * the poster; county staff add, rename and retire a county category on its
 * screen. One server and one browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYNC_TIMEOUT } from './support/issue-screens.ts'
import { pngOf } from '../support/png.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230405 MicroMessenger/8.0.35.2360(0x2800235D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
const TITLE = '第三季度村级财务收支公开'
/** Regular 3G as Chrome DevTools defines it. */
const REGULAR_3G = {
  latency: 300,
  downloadThroughput: (750 * 1024) / 8,
  uploadThroughput: (250 * 1024) / 8,
}

let env: E2eEnv

async function storedStatus(): Promise<string[]> {
  const rows = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('kind', '=', 'disclosure')
    .execute()
  return rows
    .map((row) => JSON.parse(row.data) as { title: string; status: string })
    .filter((data) => data.title === TITLE)
    .map((data) => data.status)
}

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

describe('the 双公开 wall in Chromium at 360 px', () => {
  it('1. a village cadre drafts and publishes a finance disclosure offline, and it syncs', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto('/disclosures/new')
    await waitForServiceWorker(page)
    await page.getByTestId('disclosure-form').waitFor()
    // A photo through the issue capture's pipeline: compressed and stored on the phone.
    const photos = page.getByTestId('disclosure-photos')
    await photos
      .locator('input[type="file"]')
      .setInputFiles({ name: 'notice.png', mimeType: 'image/png', buffer: pngOf(240, 160, 90) })
    await photos.locator('.van-uploader__preview-image img').waitFor()
    await expect.poll(() => photos.locator('.van-uploader__mask').count(), SYNC_TIMEOUT).toBe(0)
    await context.setOffline(true)
    await page.getByTestId('disclosure-category-village_finance').click()
    await page.getByTestId('disclosure-title').locator('input').fill(TITLE)
    await page.getByTestId('disclosure-body').locator('textarea').fill('本季度收支如下，欢迎监督。')
    await page
      .getByTestId('disclosure-table')
      .locator('textarea')
      .fill('项目,收入（元）,支出（元）\n村道维修,,46800')
    await page.getByTestId('disclosure-period-from').locator('input').fill('2026-07-01')
    await page.getByTestId('disclosure-period-to').locator('input').fill('2026-09-30')
    await snapshot(page, 'disclosure/form')
    await page.getByTestId('disclosure-save').click()
    await page.getByTestId('disclosure-publish').click()
    await expect.poll(() => page.getByTestId('disclosure-status').textContent()).toContain('已发布')
    expect(await storedStatus()).toEqual([])
    await context.setOffline(false)
    await expect.poll(storedStatus, SYNC_TIMEOUT).toEqual(['published'])
    // The photo travels with the record: uploaded to the blob store when synced.
    const [stored] = await env.database.db
      .selectFrom('sync_record')
      .select('data')
      .where('kind', '=', 'disclosure')
      .where('data', 'like', `%${TITLE}%`)
      .execute()
    const [sha] = (JSON.parse(stored?.data ?? '{}') as { photos?: string[] }).photos ?? []
    expect(sha).toMatch(/^[0-9a-f]{64}$/)
    await expect
      .poll(
        async () =>
          (
            await env.database.db
              .selectFrom('blob')
              .select('sha256')
              .where('sha256', '=', sha ?? '')
              .execute()
          ).length,
        SYNC_TIMEOUT,
      )
      .toBe(1)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'disclosure/detail')
    await context.close()
  })

  it('2. a resident reads it from the QR URL in WeChat on 3G, in large text, and finds the poster', async () => {
    const context = await env.newPhone({ userAgent: WECHAT_UA })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...REGULAR_3G })
    await page.goto('/w/demo-t1-v1-g1')
    await page.getByTestId('wall-disclosure').waitFor()
    expect(await page.getByTestId('wall-title').textContent()).toContain('柳河村')
    expect(await page.getByTestId('wall-disclosure').textContent()).toContain(TITLE)
    expect(await page.getByTestId('wall-table').textContent()).toContain('46800')
    const photo = page.getByTestId('wall-disclosure').locator('img')
    await photo.scrollIntoViewIfNeeded()
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth), SYNC_TIMEOUT)
      .toBeGreaterThan(0)
    // Large text by default; no WeChat guide, no app shell.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      '20px',
    )
    expect(await page.getByTestId('public-large-text').getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('.van-tabbar').count()).toBe(0)
    expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(360)
    await snapshot(page, 'public/wall')
    await page.getByTestId('wall-poster').click()
    await page.getByTestId('qr-code').waitFor()
    expect(await page.getByTestId('poster-url').textContent()).toMatch(/\/w\/demo-t1-v1$/)
    await snapshot(page, 'public/poster')
    await context.close()
  })

  it('3. county staff add a disclosure category, rename it and retire it on its screen', async () => {
    const stored = async () => {
      const rows = await env.database.db
        .selectFrom('sync_record')
        .select('data')
        .where('kind', '=', 'disclosure_category')
        .execute()
      return rows.map((row) => {
        const data = JSON.parse(row.data) as {
          name: string
          periodMonths: number
          isActive: boolean
        }
        return [data.name, data.periodMonths, data.isActive]
      })
    }
    const { context, page } = await env.signedInPhone('county')
    await page.goto('/disclosures')
    await page.getByTestId('disclosure-categories-link').click()
    await page.getByTestId('category-form').waitFor()
    await page.getByTestId('category-name').locator('input').fill('村务监督')
    await page.getByTestId('category-period').locator('button.van-stepper__plus').click()
    await page.getByTestId('category-save').click()
    await expect.poll(stored, SYNC_TIMEOUT).toEqual([['村务监督', 4, true]])
    await page.getByTestId('category-edit').click()
    await page.getByTestId('category-name').locator('input').fill('村务监督公开')
    await page.getByTestId('category-save').click()
    await expect.poll(stored, SYNC_TIMEOUT).toEqual([['村务监督公开', 4, true]])
    await page.getByTestId('category-retire').click()
    await page.getByTestId('category-retired').waitFor()
    await expect.poll(stored, SYNC_TIMEOUT).toEqual([['村务监督公开', 4, false]])
    await snapshot(page, 'disclosure/categories')
    await context.close()
  })
})
