/**
 * The public side of consultation in Chromium at 360 px, one server and one
 * browser for every step: a villager sends an opinion from the public page
 * in elder mode without an account and gets a tracking code; the
 * department answers it; the villager later finds the answer by the code;
 * the public catalogue page; county staff's catalogue screen; the
 * department's QR code and link of the public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seedDemoCatalogue } from '#server/consultation/catalogue.seed.ts'
import {
  DEMO_CONSULTATION_ID,
  seedDemoConsultation,
} from '#server/consultation/consultation.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { PHONES } from '../support/demo-county.ts'
import { kindMutation as mutation } from '../support/memo-kind.ts'
import { pushApplied } from '../support/sync-client.ts'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'

const OPINION_TEXT = '助餐点能不能每周六也开门？周末子女不在家。'

let env: E2eEnv
let trackingCode = ''

beforeAll(async () => {
  env = await startE2e()
  await seedDemoConsultation(env.database, defaultKinds)
  await seedDemoCatalogue(env.database, defaultKinds)
})
afterAll(async () => {
  await env?.close()
})

async function noSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
}

describe('the public consultation pages in Chromium at 360 px', () => {
  it('lets a villager send an opinion in elder mode without an account and get a tracking code', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto(`/c/${DEMO_CONSULTATION_ID}`)
    await page.getByTestId('consultation-title').waitFor()
    // Elder mode by default: 18 px root text.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      '18px',
    )
    expect(await page.getByTestId('consultation-state').textContent()).toContain('正在征求意见')
    await noSideScroll(page)
    await snapshot(page, 'consultation/public-page')

    await page.getByTestId('opinion-text').locator('textarea').fill(OPINION_TEXT)
    await page.getByTestId('opinion-village').selectOption({ label: '柳河村说事站（演示）' })
    await page.getByTestId('opinion-name').locator('input').fill('赵奶奶')
    await page.getByTestId('opinion-text').scrollIntoViewIfNeeded()
    await snapshot(page, 'consultation/public-form')
    await page.getByTestId('opinion-submit').click()
    await page.getByTestId('opinion-done').waitFor()
    trackingCode = (await page.getByTestId('opinion-code').textContent())?.trim() ?? ''
    expect(trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    await snapshot(page, 'consultation/public-code')
    await context.close()
  })

  it('shows the villager the department’s answer by the code, and the public page shows it anonymised', async () => {
    const [row] = await env.database.db
      .selectFrom('sync_record')
      .select('id')
      .where('kind', '=', 'opinion')
      .where('data', 'like', `%${OPINION_TEXT}%`)
      .execute()
    await pushApplied(
      env.app,
      await env.login(PHONES.department),
      mutation('opinion', row?.id ?? '', 'answer', {
        verdict: 'partly_adopted',
        reason: '周六由村卫生室轮流供餐，周日暂不开放。',
      }),
    )
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto('/c/track')
    await page.getByTestId('tracking-code').locator('input').fill(trackingCode.toLowerCase())
    await page.getByTestId('tracking-submit').click()
    const result = page.getByTestId('tracking-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('部分采纳')
    expect(await result.textContent()).toContain('周六由村卫生室轮流供餐')
    expect(await result.textContent()).toContain(OPINION_TEXT)
    await noSideScroll(page)
    await snapshot(page, 'consultation/public-tracking')

    await page.goto(`/c/${DEMO_CONSULTATION_ID}`)
    const answers = page.getByTestId('consultation-answers')
    await answers.getByTestId('public-opinion').first().waitFor()
    const shown = (await answers.textContent()) ?? ''
    expect(shown).toContain(OPINION_TEXT)
    expect(shown).toContain('柳河镇')
    expect(shown).not.toContain('赵奶奶')
    expect(shown).not.toContain('柳河村')
    await context.close()
  })

  it('shows the year’s participation catalogue to everyone, and to county staff on their screen', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto('/c/catalogue')
    await page.getByTestId('public-catalogue').waitFor()
    expect(await page.getByTestId('public-catalogue-entry').count()).toBe(3)
    expect(await page.getByTestId('public-catalogue').textContent()).toContain('已启动征求意见')
    await noSideScroll(page)
    await snapshot(page, 'consultation/public-catalogue')
    await context.close()

    const staff = await env.signedInPhone('county')
    await staff.page.goto('/consultations')
    await staff.page.getByTestId('catalogue-link').click()
    await staff.page.getByTestId('catalogue-card').first().click()
    await staff.page.getByTestId('catalogue-entry').first().waitFor()
    expect(await staff.page.getByTestId('catalogue-status').textContent()).toContain('已发布')
    await snapshot(staff.page, 'consultation/catalogue-staff')
    await staff.context.close()
  })

  it('gives the department the public page’s QR code and link on its consultation', async () => {
    const { context, page } = await env.signedInPhone('department')
    await page.goto(`/consultations/${DEMO_CONSULTATION_ID}`)
    const share = page.getByTestId('consultation-share')
    await share.getByTestId('qr-code').waitFor({ timeout: 30_000 })
    expect(await share.getByTestId('consultation-link').getAttribute('href')).toBe(
      `${env.baseUrl}/c/${DEMO_CONSULTATION_ID}`,
    )
    await share.scrollIntoViewIfNeeded()
    await snapshot(page, 'consultation/public-share')
    await context.close()
  })
})
