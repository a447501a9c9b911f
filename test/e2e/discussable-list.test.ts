/**
 * The township's discussable-items list in Chromium: the township adds an
 * item online; a grid worker's capture suggests the list's verdict as they
 * type — also offline, from the cached list — and shows when their choice
 * differs from it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

it('lets the township add an item that capture then suggests, online and offline', async () => {
  const { context: township, page } = await env.signedInPhone('township')
  await page.getByTestId('tab-me').click()
  await page.getByTestId('me-discussable-list').click()
  await page.getByTestId('list-item-not_discussable').first().waitFor()
  await page.getByTestId('list-add').click()
  await page.getByTestId('list-title').locator('input').fill('村级文化广场的使用安排')
  await page.getByTestId('list-keywords').locator('input').fill('文化广场 广场舞')
  await page.getByTestId('list-save').click()
  await expect
    .poll(() => page.getByText('村级文化广场的使用安排').count(), { timeout: 10_000 })
    .toBeGreaterThan(0)
  await page.getByTestId('list-form').waitFor({ state: 'hidden' })
  await snapshot(page, 'discussable-list-township')
  await township.close()

  const { context: phone, page: grid } = await env.signedInPhone('gridWorker')
  await grid.goto('/issues/new')
  const suggestion = grid.getByTestId('capture-list-suggestion')
  await grid.getByTestId('capture-title').locator('input').fill('广场舞音响太吵')
  await grid
    .getByTestId('capture-description')
    .locator('textarea')
    .fill('晚上十点后文化广场还在放音乐')
  await expect.poll(() => suggestion.textContent()).toContain('村级文化广场的使用安排')
  const isChecked = (verdict: string) =>
    grid.getByTestId(`verdict-${verdict}`).getAttribute('aria-checked')
  await expect.poll(() => isChecked('discussable')).toBe('true')

  // Offline, from the cached list: a matter the law settles is marked not discussable.
  await waitForServiceWorker(grid)
  await phone.setOffline(true)
  await grid.reload()
  // What was typed came back from the draft after the reload.
  await expect
    .poll(() => grid.getByTestId('capture-title').locator('input').inputValue())
    .toBe('广场舞音响太吵')
  expect(await grid.getByTestId('capture-description').locator('textarea').inputValue()).toBe(
    '晚上十点后文化广场还在放音乐',
  )
  await grid.getByTestId('capture-title').locator('input').fill('征地补偿标准太低')
  await grid
    .getByTestId('capture-description')
    .locator('textarea')
    .fill('群众希望村里议一议征地补偿')
  await expect.poll(() => suggestion.textContent()).toContain('土地征收补偿标准')
  await expect.poll(() => suggestion.textContent()).toContain('法律法规已有明文规定')
  await expect.poll(() => isChecked('not_discussable')).toBe('true')
  // Choosing otherwise is allowed and flagged.
  await grid.getByTestId('verdict-discussable').click()
  await expect.poll(() => suggestion.textContent()).toContain('与议事清单不一致')
  await snapshot(grid, 'capture-list-suggestion')
  await phone.close()
})
