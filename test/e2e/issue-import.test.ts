/**
 * Import from other channels (issue #19.3) in Chromium at 360 px: township
 * staff reach 导入其他渠道工单 from 我的, map a new source's columns once,
 * choose a CSV export, see the rows that will not be imported with their
 * reasons in Chinese, import the rest, and a second import of the same file
 * creates nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'

const CSV = [
  '工单编号,村社,网格,标题,诉求内容,姓名,电话,地点',
  'RX-01,柳河村,第一网格,路灯不亮,村口路灯坏了一周,张三,13812345678,村口',
  'RX-02,杏花村,,,垃圾清运不及时,,,',
  'RX-03,不存在村,,,有人反映噪音,,,',
].join('\n')

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

it('maps a source once, previews with reasons, imports, and a re-import creates nothing', async () => {
  const { page } = await env.signedInPhone('township')
  await page.getByTestId('tab-me').click()
  await page.getByTestId('me-import').click()
  await page.getByTestId('import-source-form').waitFor()
  await page.getByTestId('import-source-name').locator('input').fill('12345热线')
  await snapshot(page, 'import/source-form')
  await page.getByTestId('import-source-save').click()

  const file = { name: '12345.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }
  await page.getByTestId('import-file').setInputFiles(file)
  await page.getByTestId('import-preview').click()
  const summary = page.getByTestId('import-summary')
  await expect.poll(() => summary.textContent()).toContain('可导入 2 条，已导入过 0 条，有误 1 条')
  expect(await page.getByTestId('import-row').textContent()).toContain(
    '找不到村社“不存在村”（须在本单位范围内）',
  )
  await snapshot(page, 'import/preview')

  await page.getByTestId('import-commit').click()
  await expect.poll(() => summary.textContent()).toContain('已登记 2 条说事')
  await snapshot(page, 'import/done')

  await page.getByTestId('import-preview').click()
  await expect.poll(() => summary.textContent()).toContain('可导入 0 条，已导入过 2 条，有误 1 条')
})
