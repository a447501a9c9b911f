/**
 * Issue #5: one report's whole life, each role on its own phone (a browser
 * context at 360×740). A grid worker captures it offline with a photo and the
 * resident's name and phone; the village cadre accepts and escalates it; the
 * township dispatches it to a county department, which replies; the grid
 * worker records the resident's feedback and the matter is closed. The cadre
 * of the sibling village never sees it; the county centre sees it with the
 * resident masked. Every label asserted comes from the app's own zh-CN texts.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { zhCN } from '../support/messages.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { maskName, maskPhone } from '#shared/issue/issue.kind.ts'
import type { Person } from '../support/demo-county.ts'
import {
  loginAs,
  PHONE_SIZE,
  snapshot,
  startE2e,
  waitForServiceWorker,
  type E2eEnv,
} from './support/e2e-env.ts'
import {
  expectStatus,
  expectSynced,
  fillCapture,
  inboxTab,
  issueCard,
  openIssueCard,
  ISSUE_ID,
  meBadge,
  openIssues,
  radio,
  SYNC_TIMEOUT,
  takeAction,
  text,
} from './support/issue-screens.ts'
import { gradientPng } from './support/persistent-phone.ts'
import { expectNoOverflow } from './support/screen.ts'

const T = zhCN.issue
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]))

const REPORT = {
  title: '三组水渠垮塌堵水',
  description: '三组灌溉水渠塌了一段，上游积水漫进两户人家的院子，需要尽快修复。',
  category: 'public_interest',
  tag: 'infrastructure',
  residentName: '王秀英',
  residentPhone: '13812341234',
  escalateReason: '修复水渠需要专项资金和施工队，村里无力承担。',
  dispatchNote: '请民政局会同水利站评估受灾两户的临时救助。',
  reply: '已为受灾两户发放临时救助金，水渠修复列入下月农田水利计划。',
  feedbackComment: '救助及时，群众表示满意。',
} as const
const DEPARTMENT = demoCounty().units.find((unit) => unit.id === 'demo-dept-1')!.name

let env: E2eEnv
/** The grid worker's phone stays on from the capture to the feedback visit. */
let gridPhone: BrowserContext
let gridPage: Page
let issueId = ''

/** Uncaught errors in any phone's page: none are expected. */
const pageErrors: string[] = []

beforeAll(async () => {
  env = await startE2e()
})
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([])
})
afterAll(async () => {
  await gridPhone?.close()
  await env?.close()
})

async function newPage(context: BrowserContext, who: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`))
  return page
}

async function signedInPhone(person: Person): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.newPhone()
  const page = await newPage(context, person)
  await loginAs(page, person)
  return { context, page }
}

const card = (page: Page) => issueCard(page, REPORT.title)
/** Opens the report's card: the one captured in step 1. */
const openCard = async (page: Page) => expect(await openIssueCard(page, REPORT.title)).toBe(issueId)

describe('an issue report from capture to closure, across five roles at 360 px', () => {
  it('1. the grid worker captures it offline with a photo and the resident, and it syncs once online', async () => {
    gridPhone = await env.newPhone()
    gridPage = await newPage(gridPhone, 'gridWorker')
    const page = gridPage
    expect(page.viewportSize()).toEqual(PHONE_SIZE)
    await loginAs(page, 'gridWorker')
    await waitForServiceWorker(page)
    await openIssues(page)
    await gridPhone.setOffline(true)

    await fillCapture(page, REPORT)
    const photos = page.getByTestId('capture-photos')
    await photos
      .locator('input[type="file"]')
      .setInputFiles({ name: 'canal.png', mimeType: 'image/png', buffer: gradientPng() })
    await photos.locator('.van-uploader__preview-image img').waitFor()
    await expect.poll(() => photos.locator('.van-uploader__mask').count(), SYNC_TIMEOUT).toBe(0)
    await page.getByTestId('capture-save').click()
    await page.waitForURL(ISSUE_ID)
    issueId = ISSUE_ID.exec(page.url())![1]!

    // Saved on the phone only: marked unsynced, counted on 我的.
    await expect.poll(() => page.getByTestId('issue-title').textContent()).toBe(REPORT.title)
    await expectStatus(page, 'registered')
    expect(await page.getByTestId('issue-pending').count()).toBe(1)
    expect(await page.getByTestId('issue-resident').textContent()).toContain(
      `${REPORT.residentName} · ${REPORT.residentPhone}`,
    )
    // The report and its photo: both still to go up.
    await expect.poll(() => meBadge(page)).toBe('2')
    const records = () =>
      env.database.db.selectFrom('sync_record').selectAll().where('id', '=', issueId).execute()
    expect(await records()).toHaveLength(0)

    // Back online: the device syncs by itself.
    await gridPhone.setOffline(false)
    await expectSynced(page)
    await expect.poll(() => meBadge(page), SYNC_TIMEOUT).toBeNull()
    await page.goto('/sync')
    await expect
      .poll(() => page.getByTestId('sync-pending').textContent(), SYNC_TIMEOUT)
      .toContain(fill(zhCN.common.sync.pendingCount, { count: 0 }))
    await expect
      .poll(() => page.getByTestId('sync-photos').textContent(), SYNC_TIMEOUT)
      .toContain(fill(zhCN.sync.photosCount, { count: 0 }))
    await expect
      .poll(() => page.getByTestId('sync-phase').textContent(), SYNC_TIMEOUT)
      .toContain(zhCN.common.sync.idle)
    expect(await page.locator('[data-test="sync-rejected"]').count()).toBe(0)

    // The server has the report, and the photo it refers to.
    await expect.poll(async () => (await records()).length, SYNC_TIMEOUT).toBe(1)
    const [stored] = await records()
    const data = JSON.parse(stored!.data) as { photos: string[]; resident: unknown }
    expect(data.resident).toEqual({ name: REPORT.residentName, phone: REPORT.residentPhone })
    expect(data.photos).toHaveLength(1)
    const blobs = () =>
      env.database.db
        .selectFrom('blob')
        .select('sha256')
        .where('sha256', '=', data.photos[0]!)
        .execute()
    await expect.poll(async () => (await blobs()).length, SYNC_TIMEOUT).toBe(1)
  })

  it('2. the village cadre finds it in 待受理, accepts it, then escalates it with a reason', async () => {
    const { context, page } = await signedInPhone('villageCadre')
    await openIssues(page)
    expect(await inboxTab(page, 'toAccept').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => card(page).count(), SYNC_TIMEOUT).toBe(1)
    await openCard(page)
    await expectStatus(page, 'registered')
    // Their own village: the resident in full.
    expect(await page.getByTestId('issue-resident').textContent()).toContain(
      `${REPORT.residentName} · ${REPORT.residentPhone}`,
    )

    await takeAction(page, 'accept', async () => {})
    await expectStatus(page, 'accepted')
    await expectSynced(page)

    await takeAction(page, 'escalate', (form) => text(form, 'reason', REPORT.escalateReason))
    await expectStatus(page, 'escalated')
    await expectSynced(page)
    expect(await page.getByTestId('issue-facts').textContent()).toContain(T.fields.escalatedTo)
    expect(await page.getByTestId('issue-timeline').textContent()).toContain(REPORT.escalateReason)
    // Once escalated, nothing is left for the village to do but withdraw.
    const actions = page.getByTestId('issue-actions')
    expect(await actions.locator(`[data-test="action-escalate-open"]`).count()).toBe(0)
    await context.close()
  })

  it('3. the township sees it escalated to them with the resident unmasked, and dispatches it to 县民政局', async () => {
    const { context, page } = await signedInPhone('township')
    await openIssues(page)
    expect(await inboxTab(page, 'escalated').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => card(page).count(), SYNC_TIMEOUT).toBe(1)
    expect(await card(page).textContent()).toContain(T.status.escalated)
    await inboxTab(page, 'toDispatch').click()
    await expect.poll(() => card(page).count()).toBe(1)
    await inboxTab(page, 'escalated').click()
    await expect.poll(() => card(page).count()).toBe(1)
    await expectNoOverflow(page)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await snapshot(page, 'issue-inbox-township')

    await openCard(page)
    await expectStatus(page, 'escalated')
    // The township handles it now: name and phone in full.
    expect(await page.getByTestId('issue-resident').textContent()).toContain(
      `${REPORT.residentName} · ${REPORT.residentPhone}`,
    )
    // The photo synced from the grid worker's phone reaches the township too.
    await page.getByTestId('issue-photos').scrollIntoViewIfNeeded()
    await page.getByTestId('issue-photo').locator('img').waitFor({ timeout: 30_000 })

    await takeAction(
      page,
      'dispatch',
      async (form) => {
        const department = radio(form, 'department', DEPARTMENT)
        await department.click()
        expect(await department.getAttribute('aria-checked')).toBe('true')
        await text(form, 'note', REPORT.dispatchNote)
      },
      'issue-action-dispatch',
    )
    await expectStatus(page, 'dispatched')
    await expectSynced(page)
    expect(await page.getByTestId('issue-facts').textContent()).toContain(DEPARTMENT)
    await context.close()
  })

  it('4. the department finds it in 交办给我 and replies', async () => {
    const { context, page } = await signedInPhone('department')
    await openIssues(page)
    expect(await inboxTab(page, 'assigned').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => card(page).count(), SYNC_TIMEOUT).toBe(1)
    await openCard(page)
    await expectStatus(page, 'dispatched')
    // Dispatched to this department: it may contact the resident.
    expect(await page.getByTestId('issue-resident').textContent()).toContain(
      `${REPORT.residentName} · ${REPORT.residentPhone}`,
    )
    expect(await page.getByTestId('issue-timeline').textContent()).toContain(REPORT.dispatchNote)

    await takeAction(
      page,
      'reply',
      (form) => text(form, 'reply', REPORT.reply),
      'issue-action-reply',
    )
    await expectStatus(page, 'awaiting_feedback')
    await expectSynced(page)
    expect(await page.getByTestId('issue-facts').textContent()).toContain(REPORT.reply)
    await context.close()
  })

  it('5. the grid worker sees it in 待回访 and records 满意 with a comment', async () => {
    const page = gridPage
    // The phone that captured it, still online: a sync brings the news.
    await page.goto('/sync')
    await page.getByTestId('sync-now').click()
    await openIssues(page)
    await inboxTab(page, 'feedbackDue').click()
    await expect.poll(() => card(page).count(), SYNC_TIMEOUT).toBe(1)
    expect(await card(page).textContent()).toContain(T.status.awaiting_feedback)
    await openCard(page)
    await expectStatus(page, 'awaiting_feedback')

    await takeAction(page, 'feedback', async (form) => {
      await radio(form, 'satisfaction', T.satisfaction.satisfied).click()
      await text(form, 'comment', REPORT.feedbackComment)
    })
    await expectStatus(page, 'closed')
    await expectSynced(page)
  })

  it('6. the closed report shows every step in its ledger', async () => {
    const page = gridPage
    expect(await page.getByTestId('issue-actions').count()).toBe(0)
    const steps = page.getByTestId('issue-event')
    await expect.poll(() => steps.count()).toBe(6)
    const labels = await steps.locator('.timeline__action').allTextContents()
    expect(labels.map((label) => label.trim())).toEqual([
      T.action.register,
      T.action.accept,
      T.action.escalate,
      T.action.dispatch,
      T.action.reply,
      T.action.feedback,
    ])
    const ledger = await steps.allTextContents()
    expect(ledger[2]).toContain(REPORT.escalateReason)
    expect(ledger[3]).toContain(`${T.fields.department}：${DEPARTMENT}`)
    expect(ledger[3]).toContain(REPORT.dispatchNote)
    expect(ledger[4]).toContain(REPORT.reply)
    expect(ledger[5]).toContain(T.satisfaction.satisfied)
    expect(ledger[5]).toContain(REPORT.feedbackComment)
    const facts = await page.getByTestId('issue-facts').textContent()
    expect(facts).toContain(T.fields.feedback)
    expect(facts).toContain(T.satisfaction.satisfied)
    // A closed matter has no deadline left.
    expect(await page.getByTestId('issue-deadline').count()).toBe(0)

    // And the server agrees.
    const stored = await env.database.db
      .selectFrom('sync_record')
      .select('data')
      .where('id', '=', issueId)
      .executeTakeFirstOrThrow()
    const data = JSON.parse(stored.data) as { status: string; events: { action: string }[] }
    expect(data.status).toBe('closed')
    expect(data.events.map((event) => event.action)).toEqual([
      'register',
      'accept',
      'escalate',
      'dispatch',
      'reply',
      'feedback',
    ])

    await expectNoOverflow(page)
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    // Scrolled to the end, the last step clears the tab bar.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const clearance = await page.evaluate(() => {
      const steps = document.querySelectorAll('[data-test="issue-event"]')
      const last = steps[steps.length - 1]!.getBoundingClientRect()
      const tabbar = document.querySelector('.van-tabbar')!.getBoundingClientRect()
      return tabbar.top - last.bottom
    })
    expect(clearance).toBeGreaterThanOrEqual(0)
    await snapshot(page, 'issue-detail-closed')
    // Six steps are taller than one screen: the whole page too, 360 px wide.
    if (process.env.SCREENSHOTS === '1') {
      await page.screenshot({
        path: fileURLToPath(
          new URL('../../docs/screenshots/issue-detail-closed-full.png', import.meta.url),
        ),
        fullPage: true,
      })
    }
  })

  it('7. the cadre of the sibling village sees none of it, not even by its address', async () => {
    const { context, page } = await signedInPhone('siblingVillageCadre')
    // A completed first sync, so "none" is the server's answer, not an empty device.
    await page.goto('/sync')
    await expect
      .poll(() => page.getByTestId('sync-last-success').textContent(), SYNC_TIMEOUT)
      .not.toContain(zhCN.sync.never)
    await openIssues(page)
    for (const inbox of ['toAccept', 'inProgress', 'all'] as const) {
      await inboxTab(page, inbox).click()
      await page.getByTestId('issue-empty').waitFor()
      expect(await page.getByTestId('issue-card').count()).toBe(0)
    }

    await page.goto(`/issues/${issueId}`)
    const notFound = page.getByTestId('issue-not-found')
    await notFound.waitFor()
    expect(await notFound.textContent()).toContain(T.notFound)
    expect(await page.getByTestId('issue-title').count()).toBe(0)
    expect(await page.getByText(REPORT.residentName).count()).toBe(0)

    // Nor may it fetch the photo.
    const stored = await env.database.db
      .selectFrom('sync_record')
      .select('data')
      .where('id', '=', issueId)
      .executeTakeFirstOrThrow()
    const [photo] = (JSON.parse(stored.data) as { photos: string[] }).photos
    const response = await context.request.get(`/api/blobs/${photo}`)
    expect(response.status()).toBe(404)
    await context.close()
  })

  it("8. the county centre sees it with the resident's name and phone masked", async () => {
    const { context, page } = await signedInPhone('county')
    await openIssues(page)
    expect(await inboxTab(page, 'all').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => card(page).count(), SYNC_TIMEOUT).toBe(1)
    await openCard(page)
    await expectStatus(page, 'closed')
    // viewIssue: county oversight works on statistics, not on residents.
    const resident = await page.getByTestId('issue-resident').textContent()
    expect(resident).toContain(
      `${maskName(REPORT.residentName)} · ${maskPhone(REPORT.residentPhone)}`,
    )
    expect(resident).toContain('王** · 138****1234')
    expect(resident).not.toContain(REPORT.residentPhone)
    expect(resident).not.toContain(REPORT.residentName)
    // The ledger is still whole.
    await expect.poll(() => page.getByTestId('issue-event').count()).toBe(6)
    expect(await page.getByTestId('issue-actions').count()).toBe(0)
    await context.close()
  })
})
