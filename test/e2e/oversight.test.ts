/**
 * Issue #18.2 and #18.3 in Chromium at 360 px: an enforcement complaint
 * escalated and dispatched to a department opens a self-correction case; the
 * department walks the five steps to a result; the county's supervision body
 * (县司法局) adds a file review; a village station takes a review application
 * offline, sees the 60-day deadline and prints the applicant's receipt.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import type { Locator, Page } from 'playwright-core'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { reviewApplicationDue, reviewDaysLeft } from '#shared/oversight/review.deadline.ts'
import { REVIEW_KIND } from '#shared/oversight/review.schema.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { PATHS } from '../support/demo-county.ts'
import { change, pushAs } from './support/desk-day.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'
import {
  expectStatus,
  expectSynced,
  radio,
  SYNC_TIMEOUT,
  takeAction,
  text,
} from './support/issue-screens.ts'

const TITLE = '对占道经营罚款有异议'
const DEPARTMENT = demoCounty().units.find((unit) => unit.id === 'demo-dept-1')!.name
let env: E2eEnv
let caseId: string

beforeAll(async () => {
  env = await startE2e()
  // The report's way to the township goes through the real sync API.
  caseId = uuidv7()
  const act = (action: string, fields: Record<string, unknown> = {}) =>
    change('issue', caseId, 'transition', { action, ...fields })
  await pushAs(
    env,
    'gridWorker',
    change('issue', caseId, 'create', {
      ...sampleCapture(),
      photos: [],
      title: TITLE,
      gridId: 'demo-t1-v1-g1',
      orgPath: PATHS.g1,
    }),
  )
  await pushAs(env, 'villageCadre', act('accept'))
  await pushAs(env, 'villageCadre', act('escalate', { reason: '涉及县级执法' }))
})
afterAll(async () => {
  await env?.close()
})

/** The form's field labelled `label` (a Vant field's input or textarea). */
const field = (form: Locator, label: string) => form.getByLabel(label, { exact: true })

async function recordStep(page: Page, findings: string, last = false): Promise<void> {
  const form = page.getByTestId('case-step-form')
  const before = await page.getByTestId('case-step').count()
  await field(form, '情况说明').fill(findings)
  if (last) {
    await form.getByTestId('outcome-corrected').click()
    await field(form, '结果理由').fill('罚款依据适用错误，已撤销并退还')
    await snapshot(page, 'oversight/case-feedback-form')
  }
  await form.getByTestId('case-step-save').click()
  await expect.poll(() => page.getByTestId('case-step').count(), SYNC_TIMEOUT).toBe(before + 1)
}

it('walks a self-correction case and a review application at 360 px', async () => {
  // The township dispatches it as a complaint about the department's enforcement.
  const { context: township, page: inbox } = await env.signedInPhone('township')
  await inbox.goto(`/issues/${caseId}`)
  await expectStatus(inbox, 'escalated')
  await takeAction(
    inbox,
    'dispatch',
    async (form) => {
      await radio(form, 'department', DEPARTMENT).click()
      await radio(form, 'enforcement', '投诉执法行为').click()
      await text(form, 'note', '对城管占道经营罚款的投诉')
    },
    'oversight/dispatch-enforcement',
  )
  await expectStatus(inbox, 'dispatched')
  await expectSynced(inbox)
  await township.close()

  // The department sees the case the dispatch opened and walks its five steps.
  const { context: dept, page } = await env.signedInPhone('department')
  await page.goto('/oversight/cases')
  const card = page.getByTestId('case-card').filter({ hasText: TITLE })
  await expect.poll(() => card.count(), SYNC_TIMEOUT).toBe(1)
  expect(await card.textContent()).toContain('群众投诉')
  await snapshot(page, 'oversight/case-list')
  await card.click()
  await page.waitForURL(/\/oversight\/cases\/[0-9a-f-]{36}$/)
  expect(await page.getByTestId('case-due').textContent()).toContain('下一步：查阅卷宗')
  await snapshot(page, 'oversight/case-open')
  await recordStep(page, '调取处罚卷宗一份')
  await recordStep(page, '走访当事人及周边商户')
  await recordStep(page, '听取当事人陈述申辩')
  await recordStep(page, '处罚依据条款适用错误')
  await recordStep(page, '电话告知当事人纠正结果', true)
  await expect.poll(() => page.getByTestId('case-result').textContent()).toContain('属实已纠正')
  expect(await page.getByTestId('case-step-form').count()).toBe(0)
  await snapshot(page, 'oversight/case-result')
  await dept.close()

  // The county's supervision body reviews the file.
  const { context: body, page: desk } = await env.signedInPhone('justiceBureau')
  await desk.goto(`/oversight/cases/${caseId}`)
  await expect.poll(() => desk.getByTestId('case-result').count(), SYNC_TIMEOUT).toBe(1)
  const check = desk.getByTestId('case-check-form')
  await check.getByTestId('check-file_review').click()
  await field(check, '情况说明').fill('卷宗齐全，纠正及时')
  await check.getByTestId('case-check-save').click()
  await expect.poll(() => desk.getByTestId('case-check').count(), SYNC_TIMEOUT).toBe(1)
  expect(await desk.getByTestId('case-check').textContent()).toContain('案卷评查')
  await snapshot(desk, 'oversight/case-checked')
  // …and opens a correction investigation of its own on another act.
  await desk.goto('/oversight/cases')
  await desk.getByTestId('investigation-new').click()
  await desk.getByTestId('investigation-title').locator('input').fill('违规扣押车辆')
  await desk
    .getByTestId('investigation-act')
    .locator('textarea')
    .fill('未出具扣押决定书即扣押三轮车')
  await snapshot(desk, 'oversight/investigation-form')
  await desk.getByTestId('investigation-save').click()
  await desk.waitForURL(/\/oversight\/cases\/[0-9a-f-]{36}$/)
  await expect.poll(() => desk.getByText('纠错调查').count()).toBeGreaterThan(0)
  await body.close()

  // A village station takes a review application offline.
  const { context: phone, page: station } = await env.signedInPhone('villageCadre')
  await waitForServiceWorker(station)
  await station.goto('/oversight/review')
  await station.getByTestId('review-new').waitFor()
  await phone.setOffline(true)
  await station.getByTestId('review-new').click()
  const form = station.getByTestId('review-form')
  const learnedOn = new Date(Date.now() + 8 * 3600_000 - 10 * 86_400_000).toISOString().slice(0, 10)
  await field(form, '申请人姓名').fill('李秀英')
  await field(form, '联系电话').fill('13800001111')
  await field(form, '被申请人（行政机关）').fill('县城市管理局')
  await field(form, '申请复议的行政行为').fill('对本人摊位作出的罚款决定')
  await field(form, '知道该行为的日期').fill(learnedOn)
  await field(form, '复议请求').fill('请求撤销该罚款决定')
  const due = station.getByTestId('review-due')
  await expect.poll(() => due.textContent()).toContain(reviewApplicationDue(learnedOn))
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  expect(await due.textContent()).toContain(`还剩 ${reviewDaysLeft(learnedOn, today)} 天`)
  // Every label has its text (no raw message key).
  expect(await form.textContent()).not.toContain('oversight.')
  await snapshot(station, 'oversight/review-form')
  await station.getByTestId('review-save').click()
  await station.waitForURL(/\/oversight\/review\/[0-9a-f-]{36}$/)
  await snapshot(station, 'oversight/review-detail')

  // The applicant's receipt, printed at the station while still offline.
  await station.getByTestId('review-receipt').click()
  const sheet = station.getByTestId('review-receipt-sheet')
  await sheet.waitFor()
  expect(await sheet.textContent()).toContain('李秀英')
  expect(await sheet.textContent()).toContain(reviewApplicationDue(learnedOn))
  // The 已登记 toast is gone before the sheet goes to paper.
  await station.locator('.van-toast').waitFor({ state: 'hidden' })
  await snapshot(station, 'oversight/review-receipt')
  await station.emulateMedia({ media: 'print' })
  expect(await station.getByTestId('review-print').isVisible()).toBe(false)
  expect(await sheet.isVisible()).toBe(true)
  const pdf = await station.pdf({ format: 'A4', preferCSSPageSize: true })
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
  await station.setViewportSize({ width: 794, height: 1123 })
  await snapshot(station, 'oversight/review-receipt-print')
  await station.setViewportSize({ width: 360, height: 740 })
  await station.emulateMedia({ media: 'screen' })

  // Back online, the application reaches the server.
  await phone.setOffline(false)
  await expect
    .poll(async () => {
      const rows = await env.database.db
        .selectFrom('sync_record')
        .select('id')
        .where('kind', '=', REVIEW_KIND)
        .execute()
      return rows.length
    }, SYNC_TIMEOUT)
    .toBe(1)
  await phone.close()
})
