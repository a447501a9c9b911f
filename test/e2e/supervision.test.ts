/**
 * Supervision (督导考核, issue #14.2) in Chromium at 360 px: county staff
 * open 2026-Q3 of the fixture county, drill to a village and back, print the
 * A4 report, set a weight and see the ranking change, and read the last
 * view offline with its date.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'
import { writeSupervisionFixture } from '../support/supervision-fixture.ts'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
  await writeSupervisionFixture(env.database.db)
})
afterAll(async () => {
  await env?.close()
})

it('lets the county read the quarter, drill down, print and re-weigh the ranking', async () => {
  const { context, page } = await env.signedInPhone('county')
  // Reached from 我的; then the quarter of the fixture county.
  await page.getByTestId('tab-me').click()
  await page.getByTestId('me-supervision').click()
  await page.getByTestId('supervision-summary').waitFor()
  await page.goto('/supervision?period=quarter&at=2026-Q3')
  const summary = page.getByTestId('summary-received')
  await expect.poll(() => summary.textContent()).toBe('4')
  const firstRanked = () =>
    page.getByTestId('area-table').locator('[data-test="unit-row"]', {
      has: page.locator('[data-test="unit-rank"]', { hasText: /^1$/ }),
    })
  await expect.poll(() => firstRanked().getAttribute('data-unit')).toBe('demo-t1')
  await expect.poll(() => page.getByTestId('ranking-notified').textContent()).toContain('青石乡')
  await snapshot(page, 'supervision/county-quarter')

  // County → township → village, then back up the trail.
  await page.locator('[data-unit="demo-t1"] [data-test="unit-drill"]').click()
  await page.locator('[data-unit="demo-t1-v1"] [data-test="unit-drill"]').click()
  await expect
    .poll(() => page.getByTestId('area-table').locator('[data-test="unit-row"]').count())
    .toBe(2)
  await expect.poll(() => page.getByTestId('supervision-trail').textContent()).toContain('柳河村')
  expect(await summary.textContent()).toBe('2')
  await snapshot(page, 'supervision/village')
  await page.getByTestId('supervision-trail').locator('[data-unit="demo-county"]').click()
  await expect.poll(() => summary.textContent()).toBe('4')

  // The printable report: the toolbar stays off the paper, and it prints on A4.
  await page.getByTestId('supervision-print').click()
  await page.getByTestId('report-meta').waitFor()
  expect(await page.getByTestId('report-meta').textContent()).toContain('2026-07-01 ~ 2026-09-30')
  await page.emulateMedia({ media: 'print' })
  expect(await page.getByTestId('report-print').isVisible()).toBe(false)
  expect(await page.getByTestId('area-table').isVisible()).toBe(true)
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
  await page.setViewportSize({ width: 794, height: 1123 })
  await snapshot(page, 'supervision/report-print')
  await page.setViewportSize({ width: 360, height: 740 })
  await page.emulateMedia({ media: 'screen' })

  // A weight that favours 就地化解: 青石乡 answered its one matter in the village.
  await page.goto('/supervision/standards?period=quarter&at=2026-Q3')
  const weight = page.getByTestId('weight-local_resolution')
  await expect.poll(() => weight.inputValue()).toBe('20')
  await weight.fill('100')
  await page.getByTestId('standards-save').click()
  await expect
    .poll(() => page.getByTestId('standards-message').textContent())
    .toBe('评分标准已保存')
  await snapshot(page, 'supervision/standards')
  await page.goto('/supervision?period=quarter&at=2026-Q3')
  await expect.poll(() => firstRanked().getAttribute('data-unit')).toBe('demo-t2')

  // Offline: the last view, with its date.
  await context.setOffline(true)
  await page.locator('[data-unit="demo-t1"] [data-test="unit-drill"]').click()
  await page.getByTestId('supervision-offline').waitFor()
  expect(await page.getByTestId('supervision-offline').textContent()).toMatch(
    /本机保存的 .+ 的统计/,
  )
  await expect.poll(() => summary.textContent()).toBe('4')
  await snapshot(page, 'supervision/offline')
  await context.close()
})

it('keeps a township inside its own villages', async () => {
  const { context, page } = await env.signedInPhone('township')
  await page.goto('/supervision?period=quarter&at=2026-Q3&unit=demo-t2')
  await expect
    .poll(() => page.getByTestId('supervision-error').textContent())
    .toContain('无权查看或操作该单位的数据')
  await page.goto('/supervision?period=quarter&at=2026-Q3')
  await expect.poll(() => page.getByTestId('summary-received').textContent()).toBe('3')
  expect(await page.getByTestId('supervision-standards').count()).toBe(0)
  await context.close()
  // A grid worker is offered no supervision at all.
  const grid = await env.signedInPhone('gridWorker')
  await grid.page.getByTestId('tab-me').click()
  await grid.page.getByTestId('me-name').waitFor()
  expect(await grid.page.getByTestId('me-supervision').count()).toBe(0)
  await grid.context.close()
})
