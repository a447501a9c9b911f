/**
 * Issue #12, the meeting stream's items, walked in Chromium at 360 px: what
 * each user must now see. The days are planned, minuted and signed off
 * through the API (the meeting screens are walked in meeting-offline.test.ts);
 * each step opens the screen the field report was about.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { PATHS } from '../../support/demo-county.ts'
import { memoMutation, newRecordId } from '../../support/memo-kind.ts'
import { loginAll, pushApplied } from '../../support/sync-client.ts'
import { snapshot, waitForServiceWorker, type E2eEnv } from '../support/e2e-env.ts'
import { UPKEEP_POLICY, upkeepPolicyPayload } from '../../support/assessment-fixtures.ts'

const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }
const TODAY = chinaDate(new Date().toISOString())
const LATER = chinaDate(new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString())
/** A day that has passed. */
const PAST = '2026-11-05'
const POLICY = UPKEEP_POLICY.title

let env: E2eEnv
let as: Awaited<ReturnType<typeof loginAll>>
let policyId = ''
/** Signed off, with its decision: what the grid worker must see (#12.5). */
let signedDay = ''
/** Planned for a later date, with the registered policy to interpret (#12.8). */
let laterDay = ''
/** Held today, the policy still to interpret (#12.8). */
let todayDay = ''

const topic = (issueId: string, title: string) => ({
  issueId,
  title,
  tags: ['infrastructure'],
  isPrivate: false,
  verdict: 'discussable',
  status: 'accepted',
  orgPath: PATHS.g1,
})

/** A collective day of village v1 planned by its cadre; its id and its one topic's report id. */
async function plan(
  date: string,
  title: string,
  policies: object[],
): Promise<{ id: string; issueId: string }> {
  const id = newRecordId()
  const issueId = newRecordId()
  await pushApplied(
    env.app,
    as('villageCadre'),
    memoMutation(
      id,
      'create',
      {
        date,
        place: '柳河村说事站',
        form: 'collective',
        topics: [topic(issueId, title)],
        policies,
        mediators: [],
        notices: [],
        orgPath: PATHS.v1,
      },
      { kind: 'meeting' },
    ),
  )
  return { id, issueId }
}

/** Registers this stream's steps of the #12 walk on the file's shared server and browser (../field-fixes.test.ts). */
export function meetingFieldFixes(sharedEnv: () => E2eEnv): void {
  beforeAll(async () => {
    env = sharedEnv()
    await mkdir(join(import.meta.dirname, '../../../docs/screenshots/field-fixes'), {
      recursive: true,
    })
    as = await loginAll(env, ['villageCadre', 'villageMediator', 'thirdDepartment'])
    policyId = newRecordId()
    await pushApplied(
      env.app,
      as('thirdDepartment'),
      memoMutation(policyId, 'create', upkeepPolicyPayload(TODAY), { kind: 'policy' }),
    )
    const ref = { title: '清河县农村路灯管护办法', documentNumber: '清府办发〔2026〕12号' }
    const signed = await plan(PAST, '村口路灯不亮', [ref])
    signedDay = signed.id
    await pushApplied(
      env.app,
      as('villageMediator'),
      memoMutation(
        signedDay,
        'record',
        {
          signIn: { count: 31, representatives: ['李大爷'], sheetPhotos: [] },
          policies: [
            { ...ref, interpretedBy: '县住建局·王科长', interpretation: '路灯由村集体管护' },
          ],
          topics: [
            {
              issueId: signed.issueId,
              views: '群众同意由村集体出资修复',
              outcome: 'agreed',
              minutes: '村集体出资，一周内修复三盏路灯',
            },
          ],
        },
        { kind: 'meeting', baseVersion: 1 },
      ),
    )
    await pushApplied(
      env.app,
      as('villageCadre'),
      memoMutation(signedDay, 'sign_off', {}, { kind: 'meeting', baseVersion: 2 }),
    )
    const policyRef = { policyId, title: POLICY, documentNumber: UPKEEP_POLICY.documentNumber }
    laterDay = (await plan(LATER, '晒场占道', [policyRef])).id
    todayDay = (await plan(TODAY, '村道排水沟堵塞', [policyRef])).id
  })

  async function noOverflow(page: Page): Promise<void> {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
  }

  it('#12.5 shows the grid worker the village’s days and what was decided, read-only', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await page.getByTestId('home-entry-meetings').click()
    await page.waitForURL(/\/meetings$/)
    const card = page.getByTestId('meeting-card').filter({ hasText: PAST })
    await expect.poll(() => card.count(), SYNC_TIMEOUT).toBe(1)
    await noOverflow(page)
    await snapshot(page, 'field-fixes/5-grid-worker-meetings')
    await card.click()
    await expect.poll(() => page.getByTestId('meeting-status').textContent()).toContain('已签字')
    const outcome = page.getByTestId('meeting-topic-outcome')
    expect(await outcome.textContent()).toContain('达成共识')
    expect(await page.getByTestId('meeting-topics').textContent()).toContain('村口路灯不亮')
    // Read-only: nothing to record, sign or amend.
    for (const action of ['meeting-record-open', 'meeting-sign-off', 'meeting-amend']) {
      expect(await page.getByTestId(action).count(), action).toBe(0)
    }
    await snapshot(page, 'field-fixes/5-grid-worker-meeting-detail')
    await context.close()
  })

  it('#12.8 waits for the day, interprets first, and tells on the policy why it is not interpreted yet', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    // A day still to come: neither minutes nor sign-off are offered, and the page says why.
    await page.goto(`/meetings/${laterDay}`)
    const notYet = page.getByTestId('meeting-not-yet')
    await expect.poll(() => notYet.textContent(), SYNC_TIMEOUT).toContain(LATER)
    expect(await notYet.textContent()).toContain('当天或之后才能记录')
    expect(await page.getByTestId('meeting-record-open').count()).toBe(0)
    await snapshot(page, 'field-fixes/8-day-not-yet')

    // The day has come: the outcomes wait for the policy's interpreter (先解读，再议事).
    await page.goto(`/meetings/${todayDay}/record`)
    const outcome = page.getByTestId('record-outcome-0')
    await expect.poll(() => outcome.textContent(), SYNC_TIMEOUT).toContain('先解读，再议事')
    const agreed = page.getByTestId('record-topic-0').getByTestId('outcome-agreed')
    const isDisabled = async () => (await agreed.getAttribute('class'))?.includes('disabled')
    expect(await isDisabled()).toBe(true)
    await outcome.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await snapshot(page, 'field-fixes/8-interpret-first')
    await page.getByTestId('record-interpreted-by-0').locator('input').fill('县住建局·王科长')
    await expect.poll(isDisabled).toBe(false)
    expect(await outcome.textContent()).not.toContain('先解读')

    // The policy says which days planned it and why no session is recorded yet.
    await page.goto(`/assessments/policies/${policyId}`)
    const planned = page.getByTestId('policy-planned-interpretation')
    await expect.poll(() => planned.count(), SYNC_TIMEOUT).toBe(2)
    expect(await planned.allTextContents()).toEqual([
      `计划于 ${TODAY} 议事日解读，议事日尚未记录`,
      `计划于 ${LATER} 议事日解读`,
    ])
    await noOverflow(page)
    await page.getByTestId('interpretations').scrollIntoViewIfNeeded()
    await snapshot(page, 'field-fixes/8-policy-planned')
    await context.close()
  })

  it('#12.9 names the refused record, says why, offers only what can help and counts it', async () => {
    const { id: dayId } = await plan(PAST, '垃圾清运不及时', [])
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto(`/meetings/${dayId}`)
    await expect.poll(() => page.getByTestId('meeting-record-open').count(), SYNC_TIMEOUT).toBe(1)
    await page.getByTestId('meeting-record-open').click()
    const count = page.getByTestId('record-count').locator('input')
    await count.waitFor()
    // Another phone of the village cancels the day while this one's minutes
    // are being written out of signal: no pull brings the cancellation first
    // (the sync engine starts when the page settles, which may be just now).
    await context.setOffline(true)
    await pushApplied(
      env.app,
      as('villageCadre'),
      memoMutation(
        dayId,
        'cancel',
        { reason: '村里停电，改期' },
        { kind: 'meeting', baseVersion: 1 },
      ),
    )
    await count.fill('12')
    await page.getByTestId('record-save').click()
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/)
    await context.setOffline(false)

    await page.getByTestId('tab-me').click()
    await page.getByTestId('me-sync').click()
    const card = page.getByTestId('sync-rejected')
    await expect.poll(() => card.count(), SYNC_TIMEOUT).toBe(1)
    await expect.poll(() => page.getByTestId('sync-phase').textContent()).toContain('1 条未能同步')
    expect(await card.getByTestId('sync-rejected-title').textContent()).toContain(
      `议事日${PAST} 柳河村说事站`,
    )
    expect(await card.getByTestId('sync-rejected-reason').textContent()).toContain('该议事日已取消')
    expect(await card.getByTestId('sync-rejected-hint').textContent()).toContain('重试也不会成功')
    // A cancelled day never takes minutes: no 重试, but open it or discard.
    expect(await card.getByTestId('sync-retry').count()).toBe(0)
    expect(await card.getByTestId('sync-discard').count()).toBe(1)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await noOverflow(page)
    await card.scrollIntoViewIfNeeded()
    await snapshot(page, 'field-fixes/9-sync-refused')
    await card.getByTestId('sync-edit').click()
    await page.waitForURL(new RegExp(`/meetings/${dayId}$`))
    await context.close()
  })

  it('#12.10b suggests from the 议事清单 on a phone whose first capture is offline', async () => {
    const { context, page } = await env.signedInPhone('gridWorker')
    await waitForServiceWorker(page)
    // Cached at sign-in, without ever opening the capture form online.
    const isCached = () =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('shuoshi')
            open.onerror = () => resolve(false)
            open.onsuccess = () => {
              const db = open.result
              const read = db.transaction('settings').objectStore('settings').get('discussableList')
              read.onsuccess = () => {
                resolve(read.result !== undefined)
                db.close()
              }
              read.onerror = () => resolve(false)
            }
          }),
      )
    await expect.poll(isCached, SYNC_TIMEOUT).toBe(true)
    await context.setOffline(true)
    await page.goto('/issues/new')
    await page.getByTestId('capture-title').locator('input').fill('征地补偿标准太低')
    await page
      .getByTestId('capture-description')
      .locator('textarea')
      .fill('群众希望村里议一议征地补偿')
    const suggestion = page.getByTestId('capture-list-suggestion')
    await expect.poll(() => suggestion.textContent(), SYNC_TIMEOUT).toContain('土地征收补偿标准')
    await suggestion.scrollIntoViewIfNeeded()
    await snapshot(page, 'field-fixes/10b-offline-first-capture')
    await context.close()
  })

  it('#12.10d shows 添加补正 once on a signed-off day', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto(`/meetings/${signedDay}`)
    await expect.poll(() => page.getByTestId('meeting-amend-text').count(), SYNC_TIMEOUT).toBe(1)
    expect(await page.getByText('添加补正', { exact: true }).count()).toBe(1)
    expect(await page.getByTestId('meeting-amend-text').textContent()).toContain('补正内容')
    await page.getByTestId('meeting-amendments').scrollIntoViewIfNeeded()
    await snapshot(page, 'field-fixes/10d-amend-once')
    await context.close()
  })

  it('#12.10f offers 登记群众说事 only to roles that may log a matter', async () => {
    const { context, page } = await env.signedInPhone('department')
    expect(await page.getByTestId('home-entry-issues').count()).toBe(1)
    expect(await page.getByTestId('home-entry-capture').count()).toBe(0)
    // A department's scope holds no discussion day: no shortcut to an empty page either.
    expect(await page.getByTestId('home-entry-meetings').count()).toBe(0)
    expect(await page.locator('main').textContent()).not.toContain('登记群众说事')
    await snapshot(page, 'field-fixes/10f-home-department')
    await context.close()

    const grid = await env.signedInPhone('gridWorker')
    await grid.page.getByTestId('home-entry-capture').click()
    await grid.page.waitForURL(/\/issues\/new$/)
    await grid.context.close()
  })
}
