/**
 * Issue #14.1: every role's work desk (首页) after a scripted day, at 360 px.
 * Six phones sign in and note their desk; then the day happens through the
 * real sync API (a grid worker logs four reports, the village cadre accepts,
 * escalates, resolves one and plans a discussion day inviting the mediator,
 * the township dispatches to a department) on top of two older matters now
 * overdue. Each desk then shows the right counts — as differences from what
 * it showed before, so seeded demo history cannot skew them — a count opens
 * the list filtered to the same records, and the desk reads the same with
 * the phone offline.
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { upcomingFixedDays } from '#shared/meeting/meeting.rules.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { DeskCountKey } from '#shared/desk/desk.types.ts'
import { zhCN } from '../support/messages.ts'
import type { Person } from '../support/demo-county.ts'
import { PATHS } from '../support/demo-county.ts'
import {
  loginAs,
  snapshot,
  startE2e,
  waitForServiceWorker,
  type E2eEnv,
} from './support/e2e-env.ts'
import { SYNC_TIMEOUT } from './support/issue-screens.ts'
import { change, pastIssue, poolMemberOf, pushAs } from './support/desk-day.ts'
import { expectNoOverflow } from './support/screen.ts'

const ROLES = [
  'gridWorker',
  'villageCadre',
  'villageMediator',
  'township',
  'department',
  'county',
] as const satisfies readonly Person[]
type Who = (typeof ROLES)[number]

/** A desk line's test id: its count key, and the stage for the per-stage overdue lines. */
type LineId =
  DeskCountKey | `overdueByStage-${'accept' | 'village' | 'township' | 'department' | 'feedback'}`

/** What the scripted day adds to each desk (lines not named stay as they were). */
const DELTA: Readonly<Record<Who, Partial<Record<LineId, number>>>> = {
  gridWorker: { feedbackDue: 1 },
  villageCadre: { toAccept: 2, overdueAtVillage: 1 },
  villageMediator: { invitedDays: 1 },
  township: {
    escalatedToUs: 2,
    toDispatch: 1,
    'overdueByStage-accept': 1,
    'overdueByStage-township': 1,
  },
  department: { dispatchedToUs: 1 },
  county: { dispatchQueue: 1, overdueInCounty: 2 },
}
/** Every line the day changes on some desk (read on every desk, so none changes unnoticed). */
const LINES: readonly LineId[] = [
  'feedbackDue',
  'toAccept',
  'overdueAtVillage',
  'invitedDays',
  'escalatedToUs',
  'toDispatch',
  'overdueByStage-accept',
  'overdueByStage-township',
  'dispatchedToUs',
  'dispatchQueue',
  'overdueInCounty',
]

let env: E2eEnv
const phones = new Map<Who, { context: BrowserContext; page: Page }>()
const before = new Map<Who, Partial<Record<LineId, number>>>()
const pageErrors: string[] = []
/** The day the cadre plans: the next month's fixed day, so this month's still waits to be planned. */
const today = chinaDate(new Date().toISOString())
const dayDate = upcomingFixedDays(`${today.slice(0, 8)}28`, 1)[0]!
const PLACE = '柳河村说事站'

const phoneOf = (who: Who) => {
  const phone = phones.get(who)
  if (!phone) throw new Error(`${who} has no phone`)
  return phone
}

/** The amount a desk line shows ("3 件" → 3), 0 when the line is not shown. */
async function amount(page: Page, line: LineId): Promise<number> {
  const link = page.getByTestId(`desk-${line}`)
  if ((await link.count()) === 0) return 0
  return Number.parseInt((await link.getByTestId('desk-amount').textContent()) ?? '', 10)
}

async function deskCounts(page: Page): Promise<Partial<Record<LineId, number>>> {
  const counts: Partial<Record<LineId, number>> = {}
  for (const line of LINES) counts[line] = await amount(page, line)
  return counts
}

/** Each line the day changed shows what it showed before plus the day's share. */
function expected(who: Who): Partial<Record<LineId, number>> {
  const was = before.get(who) ?? {}
  return Object.fromEntries(LINES.map((line) => [line, (was[line] ?? 0) + (DELTA[who][line] ?? 0)]))
}

/**
 * Runs `step` for every role, three phones at a time: the phones are
 * independent browser contexts, and while one waits for the server (sign-in,
 * service worker, first pull) another can work; more at once only queue for
 * the CPU of a 2-core CI machine.
 */
async function forEachPhone(step: (who: Who) => Promise<void>): Promise<void> {
  const queue = [...ROLES]
  const worker = async () => {
    for (let who = queue.shift(); who; who = queue.shift()) await step(who)
  }
  await Promise.all([worker(), worker(), worker()])
}

/** Waits until the desk has synced once (its "as of" line names a time). */
async function waitForSyncedDesk(page: Page): Promise<void> {
  await page.getByTestId('work-desk').waitFor()
  await expect
    .poll(() => page.getByTestId('desk-as-of').textContent(), SYNC_TIMEOUT)
    .not.toContain(zhCN.desk.neverSynced)
}

beforeAll(async () => {
  env = await startE2e()
})
afterAll(async () => {
  for (const { context } of phones.values()) await context.close()
  await env?.close()
})

describe('the work desk of every role after a scripted day, at 360 px', () => {
  it('1. each role signs in on a phone and the desk notes what its device holds', async () => {
    await forEachPhone(async (who) => {
      const context = await env.newPhone()
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`))
      await loginAs(page, who)
      await waitForServiceWorker(page)
      await waitForSyncedDesk(page)
      phones.set(who, { context, page })
      before.set(who, await deskCounts(page))
    })
    expect(pageErrors).toEqual([])
  })

  it('2. the day happens: reports logged, accepted, escalated, dispatched, a day planned', async () => {
    // Two older matters: one never accepted, one escalated weeks ago and never handled.
    await pastIssue(env, '旧：村口路灯不亮', 10)
    await pastIssue(env, '旧：三组水渠堵塞', 30, [
      ['villageCadre', 'accept', {}],
      ['villageCadre', 'escalate', { reason: '需乡镇协调水利站。' }],
    ])
    const [dispatched, resolved, waiting, topic] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()]
    const titles = ['五组道路坑洼', '邻居占道堆物', '卫生室旁垃圾乱堆', '文化广场路灯']
    await pushAs(
      env,
      'gridWorker',
      ...[dispatched, resolved, waiting, topic].map((id, index) =>
        change('issue', id, 'create', sampleCreatePayload({ title: titles[index] })),
      ),
    )
    const act = (id: string, version: number, action: string, payload = {}) =>
      change('issue', id, 'transition', { ...payload, action }, version)
    await pushAs(
      env,
      'villageCadre',
      act(dispatched, 1, 'accept'),
      act(dispatched, 2, 'escalate', { reason: '涉及县道养护，村里无权处理。' }),
      act(resolved, 1, 'accept'),
      act(resolved, 2, 'resolve_locally', { resolution: '院落长协调双方，已清理。' }),
      act(topic, 1, 'accept'),
    )
    await pushAs(
      env,
      'township',
      act(dispatched, 3, 'dispatch', { department: PATHS.dept1, note: '请交通运输局答复。' }),
    )
    const mediator = await poolMemberOf(env, 'villageMediator')
    await pushAs(
      env,
      'villageCadre',
      change(
        'meeting',
        uuidv7(),
        'create',
        samplePlan({
          date: dayDate,
          place: PLACE,
          mediators: [mediator],
          topics: [sampleTopic({ issueId: topic, title: titles[3], orgPath: PATHS.g1 })],
        }),
      ),
    )
  })

  it("3. each role's desk shows the day's counts, the late ones in red with working days", async () => {
    await forEachPhone(async (who) => {
      const { page } = phoneOf(who)
      await page.reload()
      await page.getByTestId('work-desk').waitFor()
      await expect.poll(() => deskCounts(page), SYNC_TIMEOUT).toEqual(expected(who))
      await expectNoOverflow(page)
      await snapshot(page, `work-desk/${who}`)
    })
    const cadre = phoneOf('villageCadre').page
    const late = cadre.getByTestId('desk-overdueAtVillage').getByTestId('desk-overdue')
    expect(await late.textContent()).toMatch(/逾期 \d+ 件，最久 \d+ 个工作日/)
    // Red: the theme's danger colour (checked ≥ 4.5:1 in theme.test.ts).
    expect(await late.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(184, 20, 27)')
    // Each count is one link named by its own text, in the sentence's order
    // ("待受理 N 件 …"): every visible word is in the name (WCAG 2.5.3).
    const toAccept = cadre.getByRole('link', { name: /^待受理 \d+ 件/ })
    expect(await toAccept.getAttribute('data-test')).toBe('desk-toAccept')
    expect(await toAccept.getAttribute('aria-label')).toBeNull()

    const grid = phoneOf('gridWorker').page
    expect(await grid.getByTestId('desk-next-day').textContent()).toContain(`${dayDate}`)
    expect(await grid.getByTestId('desk-next-day').textContent()).toContain(PLACE)
    const invited = phoneOf('villageMediator').page.getByTestId('desk-day')
    expect(await invited.allTextContents()).toContainEqual(expect.stringContaining(PLACE))
    // Nobody is offered what their role cannot do: no plan line for a mediator or a township.
    for (const who of ['villageMediator', 'township', 'county'] as const) {
      expect(await phoneOf(who).page.getByTestId('desk-fixedDayToPlan').count(), who).toBe(0)
    }
    expect(await phoneOf('department').page.getByTestId('desk-captureDraft').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })

  it('4. a count opens the list filtered to the same matters', async () => {
    const opens = [
      ['villageCadre', 'toAccept', 'issue-count'],
      ['villageCadre', 'overdueAtVillage', 'issue-count'],
      ['township', 'overdueByStage-township', 'issue-count'],
      ['township', 'escalatedToUs', 'issue-count'],
      ['department', 'dispatchedToUs', 'issue-count'],
      ['county', 'overdueInCounty', 'issue-count'],
      ['gridWorker', 'feedbackDue', 'issue-count'],
      ['villageMediator', 'invitedDays', 'meeting-count'],
    ] as const
    for (const [who, line, counter] of opens) {
      const { page } = phoneOf(who)
      await page.goto('/')
      const shown = await (async () => {
        await page.getByTestId(`desk-${line}`).waitFor()
        return amount(page, line)
      })()
      await page.getByTestId(`desk-${line}`).click()
      await expect
        .poll(() => page.getByTestId(counter).textContent(), SYNC_TIMEOUT)
        .toMatch(new RegExp(`共 ${shown} (件|次)`))
      if (who === 'township' && line === 'overdueByStage-township') {
        await snapshot(page, 'work-desk/township-overdue-list')
      }
    }
  })

  it('4b. the list shows the stage and reopened filters a count opened it with, and clears them', async () => {
    const { page } = phoneOf('township')
    const count = () => page.getByTestId('issue-count').textContent()
    const more = page.getByRole('button', { name: /^更多/ })
    const total = async () => {
      await page.goto('/issues?inbox=all')
      await expect.poll(count, SYNC_TIMEOUT).toMatch(/共 \d+ 件/)
      return count()
    }
    const all = await total()
    for (const [url, control] of [
      ['/issues?inbox=all&stage=township&stage=department', 'filter-stage-township'],
      ['/issues?inbox=all&reopened=1', 'filter-reopened'],
    ] as const) {
      await page.goto(url)
      await expect.poll(count, SYNC_TIMEOUT).toMatch(/共 \d+ 件/)
      // The narrowed list says so (更多 •) and shows which filter is on.
      expect(await more.textContent()).toContain('更多 •')
      await more.click()
      const on = page.getByTestId(control)
      await expect.poll(() => on.getAttribute('aria-checked')).toBe('true')
      if (control === 'filter-stage-township') {
        await expect
          .poll(() => page.getByTestId('filter-stage-department').getAttribute('aria-checked'))
          .toBe('true')
        expect(await page.getByTestId('filter-stage-village').getAttribute('aria-checked')).toBe(
          'false',
        )
        await snapshot(page, 'work-desk/township-stage-filter')
        await page.getByTestId('filter-stage-department').click()
      }
      await on.click()
      await expect.poll(() => on.getAttribute('aria-checked')).toBe('false')
      await expect.poll(count).toBe(all)
      expect(await more.textContent()).not.toContain('•')
    }
  })

  it('5. in elder mode every desk text is at least 18 px and every line a 60 px target', async () => {
    const { page } = phoneOf('township')
    await page.goto('/me')
    await page.getByTestId('elder-toggle').click()
    const isElder = () => page.evaluate(() => document.documentElement.classList.contains('elder'))
    await expect.poll(isElder).toBe(true)
    // Through the tab bar, not a reload: the setting is being written.
    await page.getByTestId('tab-home').click()
    const line = page.getByTestId('desk-escalatedToUs')
    await line.waitFor()
    const sizes = await page
      .getByTestId('work-desk')
      .evaluate((desk) =>
        [...desk.querySelectorAll('p, span, h2, h3')].map((el) =>
          parseFloat(getComputedStyle(el).fontSize),
        ),
      )
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18)
    expect((await line.boundingBox())?.height).toBeGreaterThanOrEqual(60)
    await snapshot(page, 'work-desk/township-elder')
    await page.getByTestId('tab-me').click()
    await page.getByTestId('elder-toggle').click()
    await expect.poll(isElder).toBe(false)
  })

  it('6. with no signal the desk still shows the same counts and when they were synced', async () => {
    // Each phone loses its own signal, so they are checked side by side.
    await forEachPhone(async (who) => {
      const { context, page } = phoneOf(who)
      await page.goto('/')
      await page.getByTestId('work-desk').waitFor()
      await context.setOffline(true)
      // A pull already in flight when the signal went may still land and move
      // "as of" on; a reload ends it. From then on nothing can sync.
      await page.reload()
      await page.getByTestId('work-desk').waitFor()
      const shown = () => page.getByTestId('desk-as-of').textContent()
      await expect.poll(shown, SYNC_TIMEOUT).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/)
      const asOf = await shown()
      await page.reload()
      await page.getByTestId('work-desk').waitFor()
      await expect.poll(() => deskCounts(page), SYNC_TIMEOUT).toEqual(expected(who))
      await expect.poll(shown).toBe(asOf)
      if (who === 'township') await snapshot(page, 'work-desk/township-offline')
      await context.setOffline(false)
    })
    expect(pageErrors).toEqual([])
  })
})
