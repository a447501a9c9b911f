/**
 * A public consultation end to end in Chromium at 360 px (issue #15): the
 * department drafts and opens it; a grid worker transcribes three opinions
 * from a 恳谈会 offline and syncs them; a village's discussion day takes the
 * consultation up and its minutes record one more; the department closes
 * it, is refused review while opinions are unanswered, answers one 不予采纳
 * with its reason and the rest 采纳, passes the gate, prints and exports
 * (CSV for Excel/WPS) the adoption report, and records the decision, which
 * appears as a registered policy with its interpretation deadline. One server, one browser.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { addCalendarDays } from '#shared/consultation/consultation.rules.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { memoMutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import {
  loginAs,
  snapshot,
  startE2e,
  waitForServiceWorker,
  type E2eEnv,
} from './support/e2e-env.ts'
import { firstPage, newPersistentPhone } from './support/persistent-phone.ts'
import { expectNoOverflow } from './support/screen.ts'

const SYNC = { timeout: 30_000, interval: 250 }
const TODAY = chinaDate(new Date().toISOString())
const YESTERDAY = addCalendarDays(TODAY, -1)
const TITLE = '农村老年助餐补贴办法（征求意见稿）'
const HEARD = ['补贴年龄降到65岁', '行动不便的老人送餐上门', '补贴按月发到卡上']
const REASON = '县级财力暂不能覆盖65岁以上老人，三年后评估再议'

let env: E2eEnv
let userDataDir: string
let consultationUrl = ''
let consultationId = ''

beforeAll(async () => {
  env = await startE2e()
  userDataDir = await mkdtemp(join(tmpdir(), 'shuoshi-consultation-'))
  // An accepted report of the first grid: a discussion day needs one topic besides the consultation.
  const as = await loginAll(env, ['gridWorker', 'villageCadre'])
  const issueId = newRecordId()
  await pushApplied(
    env.app,
    as('gridWorker'),
    memoMutation(issueId, 'create', sampleCreatePayload({ title: '村口路灯不亮' }), {
      kind: 'issue',
    }),
  )
  await pushApplied(
    env.app,
    as('villageCadre'),
    memoMutation(issueId, 'transition', { action: 'accept' }, { kind: 'issue', baseVersion: 1 }),
  )
})
afterAll(async () => {
  await env?.close()
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

async function stored(kind: string): Promise<Record<string, unknown>[]> {
  const rows = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('kind', '=', kind)
    .execute()
  return rows.map((row) => JSON.parse(row.data) as Record<string, unknown>)
}

async function consultationStatus(): Promise<unknown> {
  return (await stored('consultation')).find((data) => data.title === TITLE)?.status
}

async function fill(page: Page, test: string, value: string): Promise<void> {
  await page.getByTestId(test).locator('input, textarea').first().fill(value)
}

describe('a consultation opened, heard offline, answered through the gate and decided', () => {
  it('lets the department draft the consultation and open it to a township', async () => {
    const { context, page } = await env.signedInPhone('department')
    await page.goto('/consultations')
    await page.getByTestId('consultation-create').click()
    await fill(page, 'c-title', TITLE)
    await page.getByTestId('c-type-normative_document').click()
    await page.getByTestId('c-domain-elderly_care').click()
    // Registered late: the period began before today and ended yesterday (docs/consultation.md).
    await fill(page, 'c-opens', addCalendarDays(TODAY, -40))
    await fill(page, 'c-closes', YESTERDAY)
    await fill(page, 'c-background', '农村留守老人吃饭难，需统一老年食堂补贴。')
    await fill(page, 'c-basis', '《中华人民共和国老年人权益保障法》')
    await fill(page, 'c-draft', '第一条 年满70周岁的农村老人在村老年食堂就餐，每餐补贴3元。')
    await page.getByTestId('c-concern-demo-t1').click()
    await expectNoOverflow(page)
    await page.getByTestId('consultation-save').click()
    await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/)
    consultationUrl = new URL(page.url()).pathname
    consultationId = consultationUrl.split('/').at(-1) ?? ''
    await page.getByTestId('consultation-open').click()
    await page.locator('.van-dialog__confirm').click()
    await expect
      .poll(() => page.getByTestId('consultation-state').textContent())
      .toContain('征求中')
    await expect.poll(consultationStatus, SYNC).toBe('open')
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'consultation/department-open')
    await context.close()
  })

  it('lets a grid worker transcribe three opinions of a 恳谈会 offline and sync them', async () => {
    const context = await newPersistentPhone(env.baseUrl, userDataDir)
    const page = await firstPage(context)
    await loginAs(page, 'gridWorker')
    await waitForServiceWorker(page)
    await page.goto(consultationUrl)
    await page.getByTestId('opinion-transcribe').waitFor({ timeout: SYNC.timeout })
    await context.setOffline(true)
    for (const [index, text] of HEARD.entries()) {
      await page.getByTestId('opinion-transcribe').click()
      await fill(page, 'opinion-date', YESTERDAY)
      await fill(page, 'opinion-text', text)
      if (index === 0) {
        await fill(page, 'opinion-name', '李大娘')
        await fill(page, 'opinion-phone', '13812341234')
        await expectNoOverflow(page)
        await snapshot(page, 'consultation/grid-transcribe')
      }
      await page.getByTestId('opinion-save').click()
      await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/)
    }
    await expect.poll(() => page.getByTestId('opinion-card').count()).toBe(3)
    expect(await stored('opinion')).toHaveLength(0)
    await context.setOffline(false)
    await expect.poll(async () => (await stored('opinion')).length, SYNC).toBe(3)
    const [first] = await stored('opinion')
    expect(first).toMatchObject({
      channel: 'hearing',
      villagePath: '/demo-county/demo-t1/demo-t1-v1/',
    })
    await context.close()
  })

  it('lets a discussion day take the consultation up and minute an opinion', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto('/meetings/new')
    await page.getByTestId(`consultation-pick-${consultationId}`).waitFor({ timeout: SYNC.timeout })
    await page.getByTestId('plan-place').locator('input').fill('柳河村说事站')
    await page.getByTestId('plan-date').locator('input').fill(TODAY)
    await page.getByTestId('plan-topic').first().click()
    await page.getByTestId(`consultation-pick-${consultationId}`).click()
    await page.getByTestId('plan-save').click()
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/)
    await page.getByTestId(`meeting-consultation-${consultationId}`).click()
    await fill(page, 'opinion-date', YESTERDAY)
    await fill(page, 'opinion-text', '议事日群众建议由村集体补贴一部分')
    await page.getByTestId('opinion-save').click()
    await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/)
    await expect
      .poll(
        async () => (await stored('opinion')).filter((o) => o.channel === 'discussion_day'),
        SYNC,
      )
      .toHaveLength(1)
    await context.close()
  })

  it('refuses review until every opinion is answered, then lets it through', async () => {
    const { context, page } = await env.signedInPhone('department')
    await page.goto(consultationUrl)
    await expect.poll(() => page.getByTestId('summary-total').textContent(), SYNC).toBe('4')
    await page.getByTestId('consultation-close').click()
    await expect
      .poll(() => page.getByTestId('consultation-state').textContent())
      .toContain('已截止')
    await page.getByTestId('consultation-submit_for_review').click()
    await expect.poll(() => page.locator('.van-toast').textContent()).toContain('还有4条意见未答复')
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    const card = (text: string) => page.getByTestId('opinion-card').filter({ hasText: text })
    await card(HEARD[0] ?? '')
      .getByTestId('opinion-answer-open')
      .click()
    await page.getByTestId('verdict-not_adopted').click()
    await page.getByTestId('answer-themes').locator('input').fill('补贴标准')
    await page.getByTestId('answer-save').click()
    // No reason: refused on the device, in Chinese.
    await expect.poll(() => page.getByTestId('answer-form').textContent()).toContain('须说明理由')
    await page.getByTestId('answer-reason').locator('textarea').fill(REASON)
    await snapshot(page, 'consultation/department-answer')
    await page.getByTestId('answer-save').click()
    await expect
      .poll(() =>
        card(HEARD[0] ?? '')
          .getByTestId('opinion-answer')
          .textContent(),
      )
      .toContain(REASON)
    const unanswered = page
      .getByTestId('opinion-card')
      .filter({ hasNot: page.getByTestId('opinion-answer') })
    for (let left = 3; left > 0; left -= 1) {
      await unanswered.first().getByTestId('opinion-answer-open').click()
      await page.getByTestId('verdict-adopted').click()
      await page.getByTestId('answer-save').click()
      await expect.poll(() => unanswered.count()).toBe(left - 1)
    }
    await expect.poll(() => page.getByTestId('summary-rate').textContent()).toBe('75%')
    await page.getByTestId('consultation-submit_for_review').click()
    await expect
      .poll(() => page.getByTestId('consultation-state').textContent())
      .toContain('已提交集体审议')
    await expect.poll(consultationStatus, SYNC).toBe('submitted')
    await page.getByTestId('consultation-summary').scrollIntoViewIfNeeded()
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'consultation/department-summary')

    await page.getByTestId('consultation-report').click()
    await page.getByTestId('report-table').waitFor()
    expect(await page.getByTestId('report-row').count()).toBe(4)
    expect(await page.getByTestId('adoption-report').textContent()).toContain(REASON)
    expect(await page.getByTestId('adoption-report').textContent()).not.toContain('13812341234')
    await expectNoOverflow(page)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'consultation/adoption-report')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^征求意见采纳情况说明-.*\.csv$/)
    const csv = await readFile(await download.path(), 'utf8')
    expect(csv.startsWith('\uFEFF序号,来源,意见内容,采纳情况,理由\r\n')).toBe(true)
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5)
    expect(csv).toContain(REASON)
    expect(csv).not.toContain('13812341234')
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByTestId('report-print').isVisible()).toBe(false)
    expect(await page.getByTestId('report-export').isVisible()).toBe(false)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    await page.emulateMedia({ media: 'screen' })
    await context.close()
  })

  it('records the decision and shows the decided document as a policy with its deadline', async () => {
    const { context, page } = await env.signedInPhone('department')
    await page.goto(consultationUrl)
    await page.getByTestId('consultation-decide').click()
    await fill(page, 'decide-result', '县政府常务会议审议通过')
    await fill(page, 'decide-plan', '自印发之日起施行，县民政局按季度拨付补贴。')
    await fill(page, 'decide-number', '清民发〔2026〕21号')
    await fill(page, 'decide-date', TODAY)
    await page.getByTestId('step-save-decide').click()
    await page.waitForURL(/\/assessments\/policies\/[0-9a-f-]{36}$/)
    await expect.poll(() => page.locator('main').textContent(), SYNC).toContain('解读期限')
    await expect
      .poll(
        async () => (await stored('policy')).find((p) => p.consultationId === consultationId),
        SYNC,
      )
      .toMatchObject({ interpretationDeadline: { date: expect.any(String) } })
    await expect.poll(consultationStatus, SYNC).toBe('decided')
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'consultation/decided-policy')
    await context.close()
  })
})
