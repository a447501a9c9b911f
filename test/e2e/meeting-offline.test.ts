/**
 * A discussion day end to end in Chromium at 360 px: the village cadre plans
 * it with two reports and one policy, the invited mediator records it fully
 * offline (with a photo of the sign-in sheet), goes online; one report is
 * resolved locally with the day in its ledger, the other is escalated to the
 * township, the cadre signs the record off and the township sees it. The
 * policy is a registered policy record (issue #7) picked at planning; signing
 * the day off records the interpretation given that day on the policy.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
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
import { firstPage, gradientPng, newPersistentPhone } from './support/persistent-phone.ts'
import { expectNoOverflow } from './support/screen.ts'
import { UPKEEP_POLICY, upkeepPolicyPayload } from '../support/assessment-fixtures.ts'

const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }
const REPORTS = [
  { title: '村口路灯不亮', tags: ['infrastructure'] },
  { title: '村道排水沟堵塞', tags: ['infrastructure', 'environment'] },
]
const POLICY = UPKEEP_POLICY.title
const TODAY = chinaDate(new Date().toISOString())
let policyId = ''

let env: E2eEnv
let userDataDir: string
const issueIds: string[] = []

beforeAll(async () => {
  env = await startE2e()
  userDataDir = await mkdtemp(join(tmpdir(), 'shuoshi-mediator-'))
  // Two reports of the first grid, accepted by the village (the issue screens are tested elsewhere).
  const as = await loginAll(env, ['gridWorker', 'villageCadre', 'thirdDepartment'])
  for (const report of REPORTS) {
    const id = newRecordId()
    await pushApplied(
      env.app,
      as('gridWorker'),
      memoMutation(id, 'create', sampleCreatePayload(report), { kind: 'issue' }),
    )
    await pushApplied(
      env.app,
      as('villageCadre'),
      memoMutation(id, 'transition', { action: 'accept' }, { kind: 'issue', baseVersion: 1 }),
    )
    issueIds.push(id)
  }
  // The drafting department registers the policy the day will interpret first.
  policyId = newRecordId()
  await pushApplied(
    env.app,
    as('thirdDepartment'),
    memoMutation(policyId, 'create', upkeepPolicyPayload(TODAY), { kind: 'policy' }),
  )
})

async function policyData(): Promise<{ interpretations: Array<Record<string, unknown>> }> {
  const row = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('key', '=', `policy:${policyId}`)
    .executeTakeFirstOrThrow()
  return JSON.parse(row.data) as { interpretations: Array<Record<string, unknown>> }
}
afterAll(async () => {
  await env?.close()
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

async function issueData(id: string): Promise<Record<string, unknown>> {
  const row = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('key', '=', `issue:${id}`)
    .executeTakeFirstOrThrow()
  return JSON.parse(row.data) as Record<string, unknown>
}

describe('a discussion day planned, recorded offline and signed off in Chromium at 360 px', () => {
  let meetingUrl = ''

  it('lets the village cadre plan a day with two reports, one policy and a suggested mediator', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.getByTestId('tab-meetings').click()
    await page.getByTestId('meeting-plan').click()
    await expect.poll(() => page.getByTestId('plan-topic').count(), SYNC_TIMEOUT).toBe(2)
    await page.getByTestId('plan-place').locator('input').fill('柳河村说事站院坝')
    for (const report of REPORTS)
      await page.getByTestId('plan-topic').filter({ hasText: report.title }).click()
    // Held today, so that signing it off can record today's interpretation on the policy.
    await page.getByTestId('plan-date').locator('input').fill(TODAY)
    // The registered policy reached the village's phone (a downward audience) and is picked.
    await page.getByTestId(`policy-pick-${policyId}`).click()
    expect(await page.getByTestId('policy-title-0').locator('input').inputValue()).toBe(POLICY)
    const mediators = page.getByTestId('plan-mediator')
    // Expertise in the topics' tags first (the township's infrastructure and environment
    // mediator matches both), then the nearer level; nobody from a sibling village.
    await expect.poll(() => mediators.first().textContent()).toContain('柳河镇·解事员（演示）')
    expect(await mediators.first().textContent()).toContain('按议题推荐')
    expect(await mediators.filter({ hasText: '杏花村' }).count()).toBe(0)
    const own = mediators.filter({ hasText: '柳河村·解事员（演示）' })
    expect(await own.textContent()).toContain('按议题推荐')
    await own.click()
    await expectNoOverflow(page)
    await page.getByTestId('plan-topics').scrollIntoViewIfNeeded()
    await snapshot(page, 'meeting-plan')
    await page.getByTestId('plan-save').click()
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/)
    meetingUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByTestId('meeting-status').textContent()).toContain('待召开')
    await expect.poll(() => page.getByTestId('meeting-pending').count(), SYNC_TIMEOUT).toBe(0)
    for (const id of issueIds) {
      await expect
        .poll(async () => (await issueData(id)).status, SYNC_TIMEOUT)
        .toBe('scheduled_for_meeting')
    }
    await context.close()
  })

  it('lets the mediator record the day fully offline and syncs it with the photo once online', async () => {
    const context = await newPersistentPhone(env.baseUrl, userDataDir)
    const page = await firstPage(context)
    await loginAs(page, 'villageMediator')
    await waitForServiceWorker(page)
    await page.goto(meetingUrl)
    await expect.poll(() => page.getByTestId('meeting-record-open').count(), SYNC_TIMEOUT).toBe(1)
    // Reports synced too: their transitions are checked on this device first.
    await page.goto('/issues')
    await expect
      .poll(() => page.getByTestId('issue-card').count(), SYNC_TIMEOUT)
      .toBeGreaterThanOrEqual(2)

    await context.setOffline(true)
    await page.goto(meetingUrl)
    await page.getByTestId('meeting-record-open').click()
    await page.getByTestId('record-count').locator('input').fill('27')
    await page.getByTestId('record-representatives').locator('textarea').fill('李大爷\n王嬢嬢')
    const sheet = page.getByTestId('record-sheet-photos')
    await sheet
      .locator('input[type="file"]')
      .setInputFiles({ name: 'sheet.png', mimeType: 'image/png', buffer: gradientPng() })
    await sheet.locator('.van-uploader__preview-image img').waitFor()
    await page.getByTestId('record-interpreted-by-0').locator('input').fill('县住建局·王科长')
    const [first, second] = [page.getByTestId('record-topic-0'), page.getByTestId('record-topic-1')]
    await first.getByTestId('record-views').locator('textarea').fill('群众同意由村集体出资修复')
    await first.getByTestId('outcome-resolved').click()
    await first
      .getByTestId('record-minutes')
      .locator('textarea')
      .fill('村集体出资，一周内修复三盏路灯')
    await second
      .getByTestId('record-views')
      .locator('textarea')
      .fill('排水沟涉及村道改造，村里无力解决')
    await second.getByTestId('outcome-escalated').click()
    await second.getByTestId('record-minutes').locator('textarea').fill('需镇里协调村道改造资金')
    await expectNoOverflow(page)
    await first.scrollIntoViewIfNeeded()
    await snapshot(page, 'meeting-record')
    await page.getByTestId('record-save').click()
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/)
    await expect.poll(() => page.getByTestId('meeting-status').textContent()).toContain('记录中')
    expect(await page.getByTestId('meeting-pending').count()).toBe(1)
    expect(await page.getByTestId('meeting-topics').textContent()).toContain('就地化解')

    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('meeting-pending').count(), SYNC_TIMEOUT).toBe(0)
    const [resolvedId = '', escalatedId = ''] = issueIds
    await expect
      .poll(async () => (await issueData(resolvedId)).status, SYNC_TIMEOUT)
      .toBe('awaiting_feedback')
    await expect
      .poll(async () => (await issueData(escalatedId)).status, SYNC_TIMEOUT)
      .toBe('escalated')
    const countBlobs = async () =>
      (await env.database.db.selectFrom('blob').select('sha256').execute()).length
    await expect.poll(countBlobs, SYNC_TIMEOUT).toBe(1)
    await context.close()
  })

  it('shows the report resolved locally with the day in its ledger, and lets the cadre sign the record off', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto(`/issues/${issueIds[0] ?? ''}`)
    await expect
      .poll(() => page.getByTestId('issue-status').textContent(), SYNC_TIMEOUT)
      .toBe('待回访')
    const timeline = await page.getByTestId('issue-timeline').textContent()
    expect(timeline).toContain('就地化解')
    expect(timeline).toMatch(/议事日：\d{4}-\d{2}-\d{2}/)

    await page.goto(meetingUrl)
    await page.getByTestId('meeting-sign-off').click()
    await page.locator('.van-dialog__confirm').click()
    await expect
      .poll(() => page.getByTestId('meeting-status').textContent())
      .toContain('已签字确认')
    await expect.poll(() => page.getByTestId('meeting-pending').count(), SYNC_TIMEOUT).toBe(0)
    expect(await page.getByTestId('meeting-record-open').count()).toBe(0)
    // The sign-off recorded the day's interpretation on the policy record, on the server.
    const meetingId = meetingUrl.split('/').at(-1)
    await expect
      .poll(async () => (await policyData()).interpretations, SYNC_TIMEOUT)
      .toEqual([
        expect.objectContaining({
          meetingId,
          heldOn: TODAY,
          place: '柳河村说事站院坝',
          interpreter: '县住建局·王科长',
        }),
      ])
    await page
      .getByTestId('meeting-amend-text')
      .locator('textarea')
      .fill('到会人数应为28人（补签一人）')
    await page.getByTestId('meeting-amend').click()
    await expect.poll(() => page.getByTestId('meeting-amendment').count()).toBe(1)
    // Pushed before the phone is put away, or the township never sees it.
    await expect.poll(() => page.getByTestId('meeting-pending').count(), SYNC_TIMEOUT).toBe(0)
    await context.close()
  })

  it('shows the township the signed-off record, its outcomes and the escalated report', async () => {
    const { context, page } = await env.signedInPhone('township')
    await page.getByTestId('tab-meetings').click()
    await expect.poll(() => page.getByTestId('meeting-card').count(), SYNC_TIMEOUT).toBe(1)
    expect(await page.getByTestId('meeting-card').textContent()).toContain('已签字确认')
    await page.getByTestId('meeting-card').click()
    const topics = page.getByTestId('meeting-topics')
    await expect.poll(() => topics.textContent(), SYNC_TIMEOUT).toContain('吹哨上报')
    expect(await topics.textContent()).toContain('就地化解')
    expect(await page.getByTestId('meeting-policies').textContent()).toContain('县住建局·王科长')
    await expect.poll(() => page.getByTestId('meeting-amendment').count(), SYNC_TIMEOUT).toBe(1)
    await expectNoOverflow(page)
    await page.evaluate(() => window.scrollTo(0, 0))
    await snapshot(page, 'meeting-ledger')

    await page.getByTestId('mediator-pool-open').count()
    await page.goto('/mediators')
    await expect.poll(() => page.getByTestId('mediator-card').count(), SYNC_TIMEOUT).toBe(9)
    const mine = page.getByTestId('mediator-card').filter({ hasText: '柳河村·解事员（演示）' })
    expect(await mine.getByTestId('mediator-participation').textContent()).toContain(
      '参与议事 1 次',
    )
    await snapshot(page, 'meeting-pool')

    // The township keeps its pool: names the best mediator, adds a member.
    await mine.getByTestId('mediator-honour').click()
    await page.getByTestId('mediator-entry-save').click()
    await expect.poll(() => mine.textContent()).toContain('优秀解事员')
    await expect.poll(() => mine.textContent()).toContain(`${new Date().getFullYear()} 优秀解事员`)
    await page.getByTestId('mediator-add').click()
    await page.getByTestId('mediator-name').locator('input').fill('周律师（演示）')
    await page.getByTestId('mediator-types').getByText('村居法律顾问').click()
    await page.getByTestId('mediator-expertise').getByText('土地').click()
    await page.getByTestId('mediator-save').click()
    await page.waitForURL(/\/mediators$/)
    await expect.poll(() => page.getByTestId('mediator-card').count()).toBe(10)

    await page.goto(`/issues/${issueIds[1] ?? ''}`)
    await expect
      .poll(() => page.getByTestId('issue-status').textContent(), SYNC_TIMEOUT)
      .toBe('已上报乡镇')

    // Elder mode: larger text, still no sideways scrolling at 360 px.
    await page.goto('/me')
    await page.getByTestId('elder-toggle').click()
    // Back to the day inside the app (a reload could race the setting's save).
    await page.getByTestId('tab-meetings').click()
    await page.getByTestId('meeting-card').first().click()
    await page.getByTestId('meeting-topic').first().waitFor()
    const topicSize = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector('.minutes__text')!).fontSize),
    )
    expect(topicSize).toBeGreaterThanOrEqual(18)
    await expectNoOverflow(page)
    await page.getByTestId('meeting-topics').scrollIntoViewIfNeeded()
    await snapshot(page, 'meeting-ledger-elder')
    await context.close()
  })
})
