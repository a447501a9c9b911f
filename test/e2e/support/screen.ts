/** Checks of any screen at phone size. */
import { expect } from 'vitest'
import type { Page } from 'playwright-core'

/** Nothing wider than the phone. */
export async function expectNoOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
}
