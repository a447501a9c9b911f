/**
 * Paper (issue #19.2, docs/print.md): the discussion day's minutes with the
 * sign-in list and signature lines, a campaign's blank 群众评议表, the
 * post-evaluation report's annex with the form results and the resident's
 * receipt, each printed to PDF in Chromium; the test counts the A4 pages and
 * reads the key text back out of the PDF (test/support/pdf-text.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { FORM_KIND, POST_EVALUATION_KIND } from '#shared/assessment/assessment.kind.ts'
import { formData, postEvaluationData, writeRecord } from '#server/supervision/record-builders.ts'
import { campaignPayload, DIBAO_POLICY, policyPayload } from '../support/assessment-fixtures.ts'
import { PATHS } from '../support/demo-county.ts'
import { memoMutation, newRecordId } from '../support/memo-kind.ts'
import { pdfPageCount, pdfText } from '../support/pdf-text.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { startE2e, type E2eEnv } from './support/e2e-env.ts'
import { planDayToday } from './support/meeting-day.ts'

const SYNC = { timeout: 30_000 }
const TODAY = chinaDate(new Date().toISOString())
const TOPIC = '村口路灯不亮'
const SUGGESTION = '申请材料太多，建议精简'
/** A receipt's tracking code as the capturing phone keeps it (src/app/features/issue/receipt-code.ts). */
const RECEIPT_CODE = 'ABCDEFGHJKMN'

let env: E2eEnv
const ids = { meeting: newRecordId(), campaign: newRecordId(), issue: newRecordId() }

beforeAll(async () => {
  env = await startE2e()
  const as = await loginAll(env, ['gridWorker', 'villageCadre', 'department', 'county'])
  await planDayToday(env, as, { issueId: ids.issue, meetingId: ids.meeting, title: TOPIC })
  const policyId = newRecordId()
  await pushApplied(
    env.app,
    as('department'),
    memoMutation(policyId, 'create', policyPayload(), { kind: 'policy' }),
  )
  await pushApplied(
    env.app,
    as('county'),
    memoMutation(ids.campaign, 'create', campaignPayload(policyId), {
      kind: 'assessment_campaign',
    }),
  )
  // The case the campaign's forms opened, as the server's trigger writes it (its id is the campaign's).
  const formIds = [newRecordId(), newRecordId(), newRecordId()]
  for (const [index, formId] of formIds.entries()) {
    const facts = { id: formId, department: PATHS.dept1, on: TODAY, satisfaction: index + 1 }
    await writeRecord(env.database.db, FORM_KIND, formId, {
      ...formData({ ...facts, villagePath: PATHS.v1, campaignId: ids.campaign }),
      suggestions: index === 0 ? SUGGESTION : '',
    })
  }
  const opened = { id: ids.campaign, department: PATHS.dept1, openedOn: TODAY, concluded: true }
  await writeRecord(env.database.db, POST_EVALUATION_KIND, ids.campaign, {
    ...postEvaluationData({ ...opened, title: DIBAO_POLICY.title }),
    villages: [PATHS.v1, PATHS.v2],
    formIds,
  })
})
afterAll(async () => {
  await env?.close()
})

async function printed(page: Page, url: string, sheet: string): Promise<Buffer> {
  await page.goto(url)
  await page.getByTestId(sheet).waitFor(SYNC)
  await page.emulateMedia({ media: 'print' })
  return page.pdf({ format: 'A4', printBackground: true })
}

describe('paper', () => {
  it('prints the minutes with the sign-in list and signature lines, and the blank form, on A4', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')

    const minutes = await printed(page, `/meetings/${ids.meeting}/paper`, 'minutes-sheet')
    expect(pdfPageCount(minutes)).toBe(1)
    const minutesText = pdfText(minutes)
    for (const key of ['议事日记录', TOPIC, '签到表', '主持人（签名）', '记录人（签名）']) {
      expect(minutesText).toContain(key)
    }
    // No app chrome on paper: neither the tab bar nor the print button.
    expect(minutesText).not.toContain('首页')
    expect(minutesText).not.toContain('打印')

    const form = await printed(
      page,
      `/assessments/campaigns/${ids.campaign}/paper`,
      'blank-form-sheet',
    )
    expect(pdfPageCount(form)).toBe(1)
    const formText = pdfText(form)
    for (const key of ['群众评议表', DIBAO_POLICY.title, '实施效果', '很满意', '改进建议']) {
      expect(formText).toContain(key)
    }
    await context.close()
  })

  it('prints the post-evaluation annex with the form results on A4', async () => {
    const { context, page } = await env.signedInPhone('department')
    const annex = await printed(page, `/assessments/cases/${ids.campaign}/annex`, 'annex-sheet')
    expect(pdfPageCount(annex)).toBe(1)
    const text = pdfText(annex)
    for (const key of [
      '政策实施后评估报告附件',
      DIBAO_POLICY.title,
      '计入评估的评议表 3 份',
      '各村社评议情况',
      SUGGESTION,
      '部门评估结论：调整修改',
      '起草部门（盖章）',
    ]) {
      expect(text).toContain(key)
    }
    expect(text).not.toContain('打印')
    await context.close()
  })

  it("prints the resident's receipt with its tracking code", async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    // The code is made and kept by the capturing phone only: put it where that phone keeps it.
    await page.evaluate(
      ([key, value]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('shuoshi')
          open.onerror = () => reject(new Error('no database'))
          open.onsuccess = () => {
            const put = open.result.transaction('settings', 'readwrite')
            put.objectStore('settings').put({ key, value })
            put.oncomplete = () => resolve()
            put.onerror = () => reject(new Error('not stored'))
          }
        }),
      [`receipt:${ids.issue}`, RECEIPT_CODE] as const,
    )
    const receipt = await printed(page, `/issues/${ids.issue}/receipt`, 'receipt')
    expect(pdfPageCount(receipt)).toBe(1)
    const text = pdfText(receipt)
    for (const key of ['群众说事回执', TOPIC, '查询码', 'ABCD-EFGH-JKMN']) {
      expect(text).toContain(key)
    }
    expect(text).not.toContain('打印')
    await context.close()
  })
})
