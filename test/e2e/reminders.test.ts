/**
 * Issue #21.1 and #21.2 in Chromium at 360 px, one server and one phone: a
 * county department's staff member. A matter dispatched to the department
 * from other phones (through the real sync API) appears as a message after
 * the phone syncs; opening it marks it read, and the read state holds
 * offline across reloads; a matter whose department deadline is the next
 * working day is a "due soon" message the day before; the 同步 page shows the
 * sync health (reachable, then no network).
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { addWorkingDays, chinaDate, workingDaysBetween } from '#shared/calendar/working-days.ts'
import { DEFAULT_STAGE_DEADLINES } from '#shared/issue/issue.deadlines.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { zhCN } from '../support/messages.ts'
import { PATHS } from '../support/demo-county.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'
import { SYNC_TIMEOUT } from './support/issue-screens.ts'
import { change, pastIssue, pushAs } from './support/desk-day.ts'
import { expectNoOverflow } from './support/screen.ts'

const T = zhCN.messages
const DISPATCHED = '提醒：县道桥面破损'
const DUE_TOMORROW = '提醒：河堤护栏缺失'
const DAY_MS = 24 * 3_600_000

let env: E2eEnv
let context: BrowserContext
let page: Page
const pageErrors: string[] = []

/** The message whose record title is `title`. */
const message = (title: string): Locator =>
  page.getByTestId('messages-list').locator('.van-cell', { hasText: title })

/** Syncs now through the 同步 page and waits until the phone is synced. */
async function syncNow(): Promise<void> {
  await page.goto('/sync')
  await page.getByTestId('sync-now').click()
  await expect
    .poll(() => page.getByTestId('sync-phase').textContent(), SYNC_TIMEOUT)
    .toContain(zhCN.sync.phase.idle)
}

/**
 * How many calendar days ago the department must have been dispatched a
 * matter (15 working days to reply) for its deadline to be the next working
 * day after today.
 */
function dispatchDaysAgoForDueTomorrow(today: string): number {
  for (let days = 1; days < 40; days += 1) {
    const dispatchedOn = chinaDate(new Date(Date.now() - days * DAY_MS).toISOString())
    const due = addWorkingDays(dispatchedOn, DEFAULT_STAGE_DEADLINES.department).date
    if (workingDaysBetween(today, due).days === 1) return days
  }
  throw new Error('no dispatch day gives a deadline on the next working day')
}

beforeAll(async () => {
  env = await startE2e()
  ;({ context, page } = await env.signedInPhone('department'))
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await waitForServiceWorker(page)
})
afterAll(async () => {
  await context?.close()
  await env?.close()
})

describe('messages and sync health on a department phone', () => {
  it('1. a dispatch made on other phones appears as an unread message after sync', async () => {
    const id = uuidv7()
    await pushAs(
      env,
      'gridWorker',
      change('issue', id, 'create', sampleCreatePayload({ title: DISPATCHED })),
    )
    const act = (version: number, action: string, payload = {}) =>
      change('issue', id, 'transition', { ...payload, action }, version)
    await pushAs(
      env,
      'villageCadre',
      act(1, 'accept'),
      act(2, 'escalate', { reason: '涉及县道养护，村里无权处理。' }),
    )
    await pushAs(env, 'township', act(3, 'dispatch', { department: PATHS.dept1, note: '请答复。' }))

    await syncNow()
    await page.goto('/messages')
    await expect.poll(() => message(DISPATCHED).count(), SYNC_TIMEOUT).toBe(1)
    const item = message(DISPATCHED)
    expect(await item.getAttribute('data-test')).toBe('message-assigned')
    expect(await item.getAttribute('data-unread')).toBe('1')
    expect(await item.textContent()).toContain(T.action.dispatch)
    // The desk's tab carries the unread count.
    await expect.poll(() => page.getByTestId('tab-home').locator('.van-badge').count()).toBe(1)
    await expectNoOverflow(page)
    await snapshot(page, 'messages/list')
    expect(pageErrors).toEqual([])
  })

  it('2. opening a message marks it read, and it stays read offline across reloads', async () => {
    await message(DISPATCHED).click()
    await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/)
    await context.setOffline(true)
    for (let reload = 0; reload < 2; reload += 1) {
      await page.goto('/messages')
      await expect.poll(() => message(DISPATCHED).count(), SYNC_TIMEOUT).toBe(1)
      expect(await message(DISPATCHED).getAttribute('data-unread')).toBe('0')
    }
    // The 同步 page says why the server is out of reach, and what the ages are.
    await page.goto('/sync')
    await expect
      .poll(() => page.getByTestId('sync-health-reach').textContent())
      .toBe(zhCN.common.sync.health.reach.noNetwork)
    expect(await page.getByTestId('sync-health-last').textContent()).toContain(
      zhCN.common.sync.health.underAnHour,
    )
    // The page's own cell agrees: a reload offline does not forget the last sync.
    expect(await page.getByTestId('sync-last-success').textContent()).not.toContain(zhCN.sync.never)
    await snapshot(page, 'messages/sync-health-offline')
    await context.setOffline(false)
  })

  it('3. a matter due on the next working day is a due-soon message the day before', async () => {
    await context.setOffline(false)
    const today = chinaDate(new Date().toISOString())
    const dispatchedDaysAgo = dispatchDaysAgoForDueTomorrow(today)
    // Accepted, escalated and dispatched a day apart, the dispatch `dispatchedDaysAgo` ago.
    await pastIssue(env, DUE_TOMORROW, dispatchedDaysAgo + 3, [
      ['villageCadre', 'accept', {}],
      ['villageCadre', 'escalate', { reason: '需县级部门处理。' }],
      ['township', 'dispatch', { department: PATHS.dept1 }],
    ])
    await syncNow()
    expect(await page.getByTestId('sync-health-reach').textContent()).toBe(
      zhCN.common.sync.health.reach.ok,
    )
    await page.goto('/messages')
    await expect
      .poll(
        () => page.getByTestId('message-dueSoon').filter({ hasText: DUE_TOMORROW }).count(),
        SYNC_TIMEOUT,
      )
      .toBe(1)
    // And the desk's daily summary counts it.
    await page.goto('/')
    await expect
      .poll(() => page.getByTestId('desk-messages').textContent(), SYNC_TIMEOUT)
      .toMatch(/\d+ 件即将到期/)
    await expectNoOverflow(page)
    await snapshot(page, 'messages/desk')
    expect(pageErrors).toEqual([])
  })
})
