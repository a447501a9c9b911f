import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'

const VILLAGE = 'demo-t1-v1'
const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }
/** Five paper forms: mostly dissatisfied, so the county's rule (5 forms, < 60 %) is crossed. */
const PAPER_FORMS = [
  { satisfaction: 1, risks: '材料太多，老人跑好几趟' },
  { satisfaction: 2, risks: '' },
  { satisfaction: 2, risks: '复核时间太短' },
  { satisfaction: 1, risks: '' },
  { satisfaction: 4, risks: '' },
] as const

let env: E2eEnv
let campaignPath = ''
let ballotCode = ''

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  await env?.close()
})

/** The questions and answers of the policy's first interpretation session, as the server holds them. */
async function storedQa(): Promise<unknown> {
  const row = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('kind', '=', 'policy')
    .where('data', 'like', '%农村低保动态管理办法%')
    .executeTakeFirst()
  const data: unknown = JSON.parse(row?.data ?? 'null')
  return (data as { interpretations?: { qa?: unknown }[] } | undefined)?.interpretations?.[0]?.qa
}

async function countRecords(kind: string): Promise<number> {
  const rows = await env.database.db
    .selectFrom('sync_record')
    .select('key')
    .where('kind', '=', kind)
    .execute()
  return rows.length
}

async function rate(page: Page, question: string, point: number): Promise<void> {
  await page.getByTestId(`scale-${question}-${point}`).click()
}

describe('policy assessment in Chromium at 360 px', () => {
  it('lets the county register a policy, open a campaign with its rule and print ballot codes', async () => {
    const { context, page } = await env.signedInPhone('county')
    await page.goto('/assessments')
    await page.getByTestId('policy-create').click()
    await page.getByTestId('policy-title').locator('input').fill('农村低保动态管理办法')
    await page.getByTestId('policy-number').locator('input').fill('清民发〔2026〕3号')
    await page.getByTestId('department-demo-dept-1').click()
    await page.getByTestId('policy-summary').locator('textarea').fill('规范低保申请、复核和退出。')
    await page.getByTestId('domain-social_security').click()
    await page.getByTestId(`concern-${VILLAGE}`).click()
    await page.getByTestId('policy-save').click()
    await page.waitForURL(/\/assessments\/policies\/[0-9a-f-]{36}$/)
    expect(await page.getByTestId('policy-detail-status').textContent()).toContain('待解读')
    expect(await page.getByTestId('policy-deadline').textContent()).toContain('印发后20个工作日')

    // 谁起草谁解读: the interpretation session is recorded and the flag clears.
    await page.getByTestId('interpretation-add').click()
    await page.getByTestId('interpretation-place').locator('input').fill('柳河村说事站')
    await page.getByTestId('interpretation-interpreter').locator('input').fill('县民政局 王科长')
    await page.getByTestId('interpretation-attendance').locator('input').fill('42')
    // 简明问答: what residents asked, for the station's 双公开 wall; an empty second row is dropped.
    await page
      .getByTestId('interpretation-qa-question-0')
      .locator('input')
      .fill('低保多久复核一次？')
    await page.getByTestId('interpretation-qa-answer-0').locator('textarea').fill('每年至少一次。')
    await page.getByTestId('interpretation-qa-add').click()
    await page.getByTestId('interpretation-save').click()
    await expect
      .poll(() => page.getByTestId('policy-detail-status').textContent(), SYNC_TIMEOUT)
      .toContain('已按时解读')
    expect(await page.getByTestId('interpretations').textContent()).toContain('42人参加')
    expect(await page.getByTestId('interpretations').textContent()).toContain('简明问答1条')
    await expect
      .poll(storedQa, SYNC_TIMEOUT)
      .toEqual([{ question: '低保多久复核一次？', answer: '每年至少一次。' }])
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'assessment-policy')

    await page.getByTestId('campaign-new').click()
    await page.getByTestId(`campaign-village-${VILLAGE}`).click()
    await page.getByTestId('rule-min').locator('input').fill('5')
    await page.getByTestId('campaign-open').click()
    await page.waitForURL(/\/assessments\/campaigns\/[0-9a-f-]{36}$/)
    campaignPath = new URL(page.url()).pathname
    await expect.poll(() => countRecords('assessment_campaign'), SYNC_TIMEOUT).toBe(1)

    await page.getByTestId('campaign-qr').waitFor()
    await page.getByTestId('code-count').locator('input').fill('10')
    await page.getByTestId('code-make').click()
    await expect.poll(() => page.getByTestId('code').count(), SYNC_TIMEOUT).toBe(10)
    ballotCode = (await page.getByTestId('code').first().textContent()) ?? ''
    expect(ballotCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    await context.close()
  })

  it('lets a villager fill the form on their own phone, in large text, without an account', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    const campaignId = campaignPath.split('/').at(-1) ?? ''
    const started = Date.now()
    await page.goto(`/p/${campaignId}`)
    await page.getByTestId('ballot-policy').waitFor()
    // Elder mode by default: 18 px root text; zoom is never blocked.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      '18px',
    )
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).not.toMatch(
      /user-scalable=no|maximum-scale=1(\D|$)/,
    )
    await page.getByTestId('ballot-code').locator('input').fill(ballotCode.toLowerCase())
    await rate(page, 'effect', 4)
    await rate(page, 'satisfaction', 5)
    await rate(page, 'operability', 4)
    await rate(page, 'reasonableness', 5)
    await page.getByTestId('form-suggestions').locator('textarea').fill('希望多开几次解读会')
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.evaluate(() => window.scrollTo(0, 0))
    await snapshot(page, 'assessment-public-form')
    await page.getByTestId('ballot-submit').click()
    await page.getByTestId('ballot-done').waitFor()
    // A scripted villager; a person reads and taps for far longer, but well under two minutes.
    expect(Date.now() - started).toBeLessThan(120_000)
    expect(await countRecords('assessment_form')).toBe(1)

    // The same code a second time is refused.
    await page.goto(`/p/${campaignId}`)
    await page.getByTestId('ballot-code').locator('input').fill(ballotCode)
    for (const question of ['effect', 'satisfaction', 'operability', 'reasonableness'])
      await rate(page, question, 3)
    await page.getByTestId('ballot-submit').click()
    await expect
      .poll(() => page.getByTestId('ballot-code').textContent(), SYNC_TIMEOUT)
      .toContain('评议码无效或已使用')
    expect(await countRecords('assessment_form')).toBe(1)
    await context.close()
  })

  it('lets a grid worker transcribe five paper forms offline and sync them once back online', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await waitForServiceWorker(page)
    await page.goto(campaignPath)
    await page.getByTestId('transcribe').click()
    await page.getByTestId('transcribe-form').waitFor()
    await context.setOffline(true)
    for (const [index, paper] of PAPER_FORMS.entries()) {
      await rate(page, 'effect', 2)
      await rate(page, 'satisfaction', paper.satisfaction)
      await rate(page, 'operability', 2)
      await rate(page, 'reasonableness', 3)
      if (paper.risks) await page.getByTestId('form-risks').locator('textarea').fill(paper.risks)
      if (index === 0) await snapshot(page, 'assessment-transcribe')
      await page.getByTestId('transcribe-save').click()
      await expect
        .poll(() => page.getByTestId('transcribe-count').textContent(), SYNC_TIMEOUT)
        .toContain(`+${index + 1}`)
    }
    expect(await countRecords('assessment_form')).toBe(1)
    await context.setOffline(false)
    await expect.poll(() => countRecords('assessment_form'), SYNC_TIMEOUT).toBe(6)
    // 1 of 6 satisfied (the villager): the rule opens one post-evaluation.
    await expect.poll(() => countRecords('post_evaluation'), SYNC_TIMEOUT).toBe(1)
    await context.close()
  })

  it('shows the county the aggregated result within one sync', async () => {
    const { context, page } = await env.signedInPhone('county')
    await page.goto(campaignPath)
    await expect
      .poll(() => page.getByTestId('results-county').textContent(), SYNC_TIMEOUT)
      .toContain('6 份')
    const county = (await page.getByTestId('results-county').textContent()) ?? ''
    expect(county).toContain('满意率 33%')
    expect(await page.getByTestId('dist-satisfaction-1').textContent()).toContain('2')
    expect(await page.getByTestId('text-risks').count()).toBe(2)
    await page.getByTestId('campaign-case').waitFor()
    await page.getByTestId('campaign-results').scrollIntoViewIfNeeded()
    await snapshot(page, 'assessment-results')

    // A form entered twice is withdrawn with a reason: it stays in the ledger, uncounted.
    await page.getByTestId('ledger-toggle').click()
    await expect.poll(() => page.getByTestId('ledger-form').count()).toBe(6)
    await page.getByTestId('ledger-withdraw').first().click()
    await page.getByTestId('ledger-reason').locator('input').fill('同一张纸质表录入了两次')
    await page.getByTestId('ledger-confirm').click()
    await expect
      .poll(() => page.getByTestId('results-county').textContent(), SYNC_TIMEOUT)
      .toContain('5 份')
    expect(await page.getByTestId('campaign-results').textContent()).toContain('已撤回 1 份')
    expect(await page.getByTestId('ledger-form').count()).toBe(6)
    await expect
      .poll(async () => {
        const rows = await env.database.db
          .selectFrom('sync_record')
          .select('data')
          .where('kind', '=', 'assessment_form')
          .execute()
        return rows.filter((row) => row.data.includes('"status":"withdrawn"')).length
      }, SYNC_TIMEOUT)
      .toBe(1)
    await context.close()
  })

  it('lets the department conclude the post-evaluation with "adjust" and a reason', async () => {
    const { context, page } = await env.signedInPhone('department')
    await page.goto('/assessments')
    await page.getByRole('tab', { name: '后评估' }).click()
    await expect.poll(() => page.getByTestId('case-card').count(), SYNC_TIMEOUT).toBe(1)
    await page.getByTestId('case-card').click()
    // The case keeps the figures that opened it, whatever was withdrawn since.
    expect(await page.getByTestId('case-finding').textContent()).toContain('6 份评议表')
    await page.getByTestId('decision-adjust').click()
    await page
      .getByTestId('case-reasons')
      .locator('textarea')
      .fill('简化复核证明材料，下月修订办法。')
    await snapshot(page, 'assessment-post-evaluation')
    await page.getByTestId('case-conclude').click()
    await expect
      .poll(() => page.getByTestId('case-conclusion').textContent(), SYNC_TIMEOUT)
      .toContain('调整修改')
    await expect
      .poll(async () => {
        const row = await env.database.db
          .selectFrom('sync_record')
          .select('data')
          .where('kind', '=', 'post_evaluation')
          .executeTakeFirst()
        return row ? (JSON.parse(row.data) as { status: string }).status : null
      }, SYNC_TIMEOUT)
      .toBe('concluded')
    await context.close()
  })
})
