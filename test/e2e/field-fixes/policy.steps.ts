/**
 * Issue #12, the policy loop's field fixes (items 2, 3, 4, 10c, 10e), walked
 * in Chromium at 360 px; villager steps in elder mode. Each step asserts what
 * the user must now see.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { CodeSheet } from '#shared/assessment/assessment.api.ts'
import { seedDemoAssessment } from '#server/assessment/assessment.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { snapshot, type E2eEnv } from '../support/e2e-env.ts'

/** The demo campaign of seedDemoAssessment (open today, villages v1 and v2 of township 1). */
const CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'
const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }

let env: E2eEnv

/** Registers this stream's steps of the #12 walk on the file's shared server and browser (../field-fixes.test.ts). */
export function policyFieldFixes(sharedEnv: () => E2eEnv): void {
  beforeAll(async () => {
    env = sharedEnv()
    await seedDemoAssessment(env.database, defaultKinds)
  })

  /** Whether the element is at least partly inside the 360 × 740 viewport. */
  async function isOnScreen(locator: Locator): Promise<boolean> {
    const box = await locator.boundingBox()
    const viewport = locator.page().viewportSize()
    return Boolean(box && viewport && box.y + box.height > 0 && box.y < viewport.height)
  }

  async function rateAll(page: Page, point: number, except = ''): Promise<void> {
    for (const question of ['effect', 'satisfaction', 'operability', 'reasonableness']) {
      if (question !== except) await page.getByTestId(`scale-${question}-${point}`).click()
    }
  }

  describe('#12 policy field fixes in Chromium at 360 px', () => {
    it('#12.2 shows the villager the first error at its field and announces it', async () => {
      const context = await env.newPhone()
      const page = await context.newPage()
      await page.goto(`/p/${CAMPAIGN_ID}`)
      await page.getByTestId('ballot-policy').waitFor()
      // Elder mode by default on the villager's own phone.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
        '18px',
      )
      const code = page.getByTestId('ballot-code')
      const announce = page.getByTestId('ballot-announce')
      expect(await announce.getAttribute('aria-live')).toBe('assertive')

      // Nothing filled in: tapping 提交评议 at the bottom brings the code field back into view.
      await page.getByTestId('ballot-submit').click()
      await expect.poll(() => announce.textContent()).toContain('请填写说事站发的评议码')
      expect(await code.textContent()).toContain('请填写说事站发的评议码')
      await expect.poll(() => isOnScreen(code)).toBe(true)
      expect(
        await page.evaluate(() =>
          document.activeElement?.closest('[data-test]')?.getAttribute('data-test'),
        ),
      ).toBe('ballot-code')

      // A code, but one answer missing: the unanswered question is scrolled to and named.
      await code.locator('input').fill('ABCD-EFGH')
      await rateAll(page, 4, 'operability')
      await page.getByTestId('village-/demo-county/demo-t1/demo-t1-v1/').click()
      await page.getByTestId('ballot-submit').click()
      const missing = page.getByTestId('scale-operability')
      await expect.poll(() => missing.locator('.scale__error').count()).toBe(1)
      await expect.poll(() => isOnScreen(missing)).toBe(true)
      expect(await announce.textContent()).toContain('还不能提交')

      // Every answer, but a code the station never issued: the server's reason at the code field.
      await page.getByTestId('scale-operability-4').click()
      await page.getByTestId('ballot-submit').click()
      await expect.poll(() => code.textContent(), SYNC_TIMEOUT).toContain('评议码无效或已使用')
      await expect.poll(() => isOnScreen(code)).toBe(true)
      expect(await announce.textContent()).toContain('评议码无效或已使用')
      await snapshot(page, 'field-fixes/2-ballot-code-error')
      await context.close()
    })

    it('#12.3 keeps the cadre’s code sheets after a reload and prints them as A4 cut-out slips', async () => {
      const { context, page } = await env.signedInPhone('villageCadre')
      await page.goto(`/assessments/campaigns/${CAMPAIGN_ID}`)
      await page.getByTestId('campaign-qr').waitFor(SYNC_TIMEOUT)
      await page.getByTestId('code-count').locator('input').fill('6')
      await page.getByTestId('code-make').click()
      await expect.poll(() => page.getByTestId('code').count(), SYNC_TIMEOUT).toBe(6)
      const first = (await page.getByTestId('code').first().textContent())?.trim() ?? ''

      // A villager spends the first code.
      const spent = await env.app.inject({
        method: 'POST',
        url: `/api/public/campaigns/${CAMPAIGN_ID}/ballots`,
        payload: {
          code: first,
          answers: {
            villagePath: '/demo-county/demo-t1/demo-t1-v1/',
            scores: { effect: 4, satisfaction: 4, operability: 4, reasonableness: 4 },
            shortcomings: '',
            risks: '',
            suggestions: '',
          },
        },
      })
      expect(spent.statusCode).toBe(201)

      // After a reload the sheet is still there, with the code spent.
      await page.reload()
      const link = page.getByTestId('sheet-link')
      await expect.poll(() => link.count(), SYNC_TIMEOUT).toBe(1)
      expect(await link.textContent()).toContain('6 个，已用 1 个')
      await link.click()
      await page.waitForURL(/\/assessments\/sheets\//)
      const slips = page.getByTestId('slip')
      await expect.poll(() => slips.count(), SYNC_TIMEOUT).toBe(6)
      expect(await page.getByTestId('slip-used').count()).toBe(1)
      expect(await slips.first().textContent()).toContain(first)
      expect(await slips.first().textContent()).toContain('已使用')
      const url = await slips.nth(1).getAttribute('data-url')
      const second = (await slips.nth(1).getByTestId('slip-code').textContent())?.trim() ?? ''
      expect(url).toBe(`${env.baseUrl}/p/${CAMPAIGN_ID}?code=${second}`)
      expect(await slips.nth(1).textContent()).toContain('此码只能用一次')
      expect(await page.locator('.van-tabbar').count()).toBe(0)
      await snapshot(page, 'field-fixes/3-ballot-slips')

      // On paper: no toolbar, three slips a row, one A4 page for six slips.
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.slips-page__toolbar').isVisible()).toBe(false)
      const rows = new Set<number>()
      for (const box of await Promise.all((await slips.all()).map((slip) => slip.boundingBox()))) {
        rows.add(Math.round(box?.y ?? -1))
      }
      expect(rows.size).toBe(2)
      // What the paper looks like: the page at A4's width in CSS pixels.
      await page.setViewportSize({ width: 794, height: 1123 })
      await snapshot(page, 'field-fixes/3-ballot-slips-print')
      const pdf = await page.pdf({ preferCSSPageSize: true })
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1)
      // A4 is 595.28 × 841.89 pt; Chromium rounds to its own units.
      const box = pdf.toString('latin1').match(/\/MediaBox\s*\[([^\]]*)\]/)?.[1] ?? ''
      const [, , width = 0, height = 0] = box.split(/\s+/).map(Number)
      expect(Math.abs(width - 595.28)).toBeLessThan(1)
      expect(Math.abs(height - 841.89)).toBeLessThan(1)
      await context.close()

      // The same account on another phone opens the same sheet; the QR's link fills the code in.
      const other = await env.signedInPhone('villageCadre')
      const batch = new URL(page.url()).pathname.split('/').at(-1) ?? ''
      await other.page.goto(`/assessments/sheets/${batch}`)
      await expect.poll(() => other.page.getByTestId('slip').count(), SYNC_TIMEOUT).toBe(6)
      await other.page.goto(url ?? '')
      await other.page.getByTestId('ballot-policy').waitFor()
      expect(await other.page.getByTestId('ballot-code').locator('input').inputValue()).toBe(second)
      await other.context.close()
    })

    it('#12.3 refuses the sheet to a cadre of another village', async () => {
      const cookie = await env.login('13900110002')
      const issued = await env.app.inject({
        method: 'POST',
        url: `/api/assessment/campaigns/${CAMPAIGN_ID}/codes`,
        headers: { cookie },
        payload: { count: 2 },
      })
      const { batchId } = issued.json<CodeSheet>()
      const { context, page } = await env.signedInPhone('siblingVillageCadre')
      await page.goto(`/assessments/sheets/${batchId}`)
      await expect
        .poll(() => page.getByTestId('slips-error').textContent(), SYNC_TIMEOUT)
        .toContain('要找的内容不存在')
      expect(await page.getByTestId('slip').count()).toBe(0)
      await context.close()
    })

    it('#12.4 labels each result with the scope it covers, not 全县 below the county', async () => {
      // Two villagers of 柳河村 fill the form themselves: their forms belong to the village.
      const cookie = await env.login('13900110002')
      const sheet = await env.app.inject({
        method: 'POST',
        url: `/api/assessment/campaigns/${CAMPAIGN_ID}/codes`,
        headers: { cookie },
        payload: { count: 2 },
      })
      for (const { code } of sheet.json<CodeSheet>().codes) {
        const answer = await env.app.inject({
          method: 'POST',
          url: `/api/public/campaigns/${CAMPAIGN_ID}/ballots`,
          payload: {
            code,
            answers: {
              villagePath: '/demo-county/demo-t1/demo-t1-v1/',
              scores: { effect: 4, satisfaction: 5, operability: 4, reasonableness: 4 },
              shortcomings: '',
              risks: '',
              suggestions: '',
            },
          },
        })
        expect(answer.statusCode).toBe(201)
      }
      const villageForms = (
        await env.database.db
          .selectFrom('sync_record')
          .select('data')
          .where('kind', '=', 'assessment_form')
          .execute()
      ).filter((row) =>
        row.data.includes('"villagePath":"/demo-county/demo-t1/demo-t1-v1/"'),
      ).length
      expect(villageForms).toBeGreaterThanOrEqual(2)

      // The grid worker's phone holds only what the grid recorded: 本网格, and a note on why.
      const grid = await env.signedInPhone('gridWorker')
      await grid.page.goto(`/assessments/campaigns/${CAMPAIGN_ID}`)
      const gridFigure = grid.page.getByTestId('results-county')
      await expect.poll(() => gridFigure.textContent(), SYNC_TIMEOUT).toContain('本网格')
      expect(await gridFigure.textContent()).not.toContain('全县')
      expect(await grid.page.getByTestId('results-scope-note').textContent()).toContain(
        '只统计本网格的评议表',
      )
      await grid.context.close()

      // The village cadre's phone holds the village's forms: 本村, with their number.
      const village = await env.signedInPhone('villageCadre')
      await village.page.goto(`/assessments/campaigns/${CAMPAIGN_ID}`)
      const figure = village.page.getByTestId('results-county')
      await expect.poll(() => figure.textContent(), SYNC_TIMEOUT).toContain(`${villageForms} 份`)
      expect(await figure.textContent()).toContain('本村')
      expect(await figure.textContent()).not.toContain('全县')
      await village.page.getByTestId('campaign-results').scrollIntoViewIfNeeded()
      await snapshot(village.page, 'field-fixes/4-results-scope')
      await village.context.close()

      // The county holds every form: 全县.
      const county = await env.signedInPhone('county')
      await county.page.goto(`/assessments/campaigns/${CAMPAIGN_ID}`)
      await expect
        .poll(() => county.page.getByTestId('results-county').textContent(), SYNC_TIMEOUT)
        .toContain('全县')
      expect(await county.page.getByTestId('results-scope-note').count()).toBe(0)
      await county.context.close()
    })

    it('#12.10e gives a policy title the card’s width at 360 px, in elder mode too', async () => {
      const { context, page } = await env.signedInPhone('county')
      /** Width of the first card's title as a share of the card's. */
      async function titleShare(): Promise<number> {
        const card = page.getByTestId('policy-card').first()
        await card.waitFor(SYNC_TIMEOUT)
        const [cardBox, titleBox] = await Promise.all([
          card.boundingBox(),
          card.locator('.van-cell__title').boundingBox(),
        ])
        return (titleBox?.width ?? 0) / (cardBox?.width ?? 1)
      }
      await page.goto('/assessments')
      await expect.poll(titleShare, SYNC_TIMEOUT).toBeGreaterThan(0.6)
      expect(await page.getByTestId('policy-status').first().isVisible()).toBe(true)

      await page.goto('/me')
      await page.getByTestId('elder-toggle').click()
      await page.getByTestId('tab-assessments').click()
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
        '18px',
      )
      await expect.poll(titleShare, SYNC_TIMEOUT).toBeGreaterThan(0.6)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      expect(overflow).toBeLessThanOrEqual(0)
      await snapshot(page, 'field-fixes/10e-policy-cards-elder')
      await context.close()
    })

    it('#12.10c refuses a 文号 already registered, naming the policy that has it', async () => {
      // The file's other groups share this server and may register policies of their own.
      const policies = () =>
        env.database.db
          .selectFrom('sync_record')
          .select('key')
          .where('kind', '=', 'policy')
          .execute()
      const registered = (await policies()).length
      const { context, page } = await env.signedInPhone('county')
      await page.goto('/assessments')
      await page.getByTestId('policy-card').first().waitFor(SYNC_TIMEOUT)
      await page.getByTestId('policy-create').click()
      await page.getByTestId('policy-title').locator('input').fill('农村低保动态管理办法')
      // The demo policy's number, typed with plain brackets and a space.
      await page.getByTestId('policy-number').locator('input').fill('清民发[2025] 12号')
      await page.getByTestId('department-demo-dept-1').click()
      await page
        .getByTestId('policy-summary')
        .locator('textarea')
        .fill('规范低保申请、复核和退出。')
      await page.getByTestId('domain-social_security').click()
      await page.getByTestId('concern-demo-t1-v1').click()
      await page.getByTestId('policy-save').click()
      const number = page.getByTestId('policy-number')
      await expect
        .poll(() => number.textContent(), SYNC_TIMEOUT)
        .toContain('该文号已登记为《农村低保动态管理办法（演示）》')
      await expect.poll(() => isOnScreen(number)).toBe(true)
      expect(page.url()).toMatch(/\/assessments\/policies\/new$/)
      expect(await policies()).toHaveLength(registered)
      await snapshot(page, 'field-fixes/10c-duplicate-number')
      await context.close()
    })
  })
}
