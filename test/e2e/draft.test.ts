/**
 * Form drafts in Chromium: a reload right after the last keystroke — well
 * within the draft's debounce, as a killed app or a locked phone would cut
 * it — keeps every field that was typed (src/app/ui/use-draft.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startE2e, type E2eEnv } from './support/e2e-env.ts'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

it('keeps what was typed when the page reloads right after the last keystroke', async () => {
  const { context: phone, page } = await env.signedInPhone('gridWorker')
  await page.goto('/issues/new')
  const title = page.getByTestId('capture-title').locator('input')
  const description = page.getByTestId('capture-description').locator('textarea')
  // Several rounds, each reloading at once: the field being typed in is still
  // inside the debounce every time.
  for (const round of ['一', '二', '三']) {
    await title.fill(`路灯不亮（第${round}次）`)
    await description.fill(`村口路灯坏了一个月（第${round}次）`)
    await page.reload()
    await expect.poll(() => title.inputValue()).toBe(`路灯不亮（第${round}次）`)
    expect(await description.inputValue()).toBe(`村口路灯坏了一个月（第${round}次）`)
  }
  await phone.close()
})
