/**
 * Issue #12, the issue report's field fixes (items 1, 6, 7, 10a), each as the
 * user meets it on a 360 px phone. The matters are brought to the step in
 * question through the sync API (the screens before it are tested in
 * issue-lifecycle.test.ts); each step then asserts what the user must see.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { zhCN } from '../../support/messages.ts'
import { demoCounty } from '#server/org/demo-county.seed.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import type { IssueAction } from '#shared/issue/issue.schema.ts'
import type { Person } from '../../support/demo-county.ts'
import { memoMutation, newRecordId } from '../../support/memo-kind.ts'
import { loginAll, push, pushApplied } from '../../support/sync-client.ts'
import { PHONE_SIZE, type E2eEnv } from '../support/e2e-env.ts'
import { expectSynced } from '../support/issue-screens.ts'

const SYNC_TIMEOUT = { timeout: 30_000, interval: 250 }
const T = zhCN.issue
const TODAY = chinaDate(new Date().toISOString())
const UNIT_NAMES = new Map(demoCounty().units.map((unit) => [unit.id, unit.name]))
const nameOf = (id: string) => UNIT_NAMES.get(id) ?? id

let env: E2eEnv
let as: (person: Person) => string

/** Registers this stream's steps of the #12 walk on the file's shared server and browser (../field-fixes.test.ts). */
export function issueFieldFixes(sharedEnv: () => E2eEnv): void {
  beforeAll(async () => {
    env = sharedEnv()
    as = await loginAll(env, [
      'gridWorker',
      'villageCadre',
      'township',
      'department',
      'county',
      'villageMediator',
    ])
  })

  /** Saves a screenshot of a fixed screen for docs/screenshots/field-fixes/ when SCREENSHOTS=1. */
  async function shot(page: Page, name: string): Promise<void> {
    if (process.env.SCREENSHOTS !== '1') return
    const dir = join(import.meta.dirname, '../../../docs/screenshots/field-fixes')
    await mkdir(dir, { recursive: true })
    await page.screenshot({ path: join(dir, `${name}.png`) })
  }

  /** One matter of the demo grid, moved along by the API as `steps` say; returns its id. */
  async function matter(
    title: string,
    steps: readonly [Person, Record<string, unknown>][],
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    const id = newRecordId()
    let record = await pushApplied(
      env.app,
      as('gridWorker'),
      memoMutation(id, 'create', sampleCreatePayload({ title, photos: [], ...overrides }), {
        kind: 'issue',
      }),
    )
    for (const [person, payload] of steps) {
      record = await pushApplied(
        env.app,
        as(person),
        memoMutation(id, 'transition', payload, { kind: 'issue', baseVersion: record.version }),
      )
    }
    return id
  }

  const TO_DEPARTMENT: readonly [Person, Record<string, unknown>][] = [
    ['villageCadre', { action: 'accept' }],
    ['villageCadre', { action: 'escalate', reason: '村里无力解决，请乡镇协调。' }],
    [
      'township',
      { action: 'dispatch', department: '/demo-county/demo-dept-1/', note: '请部门答复。' },
    ],
  ]

  /** The value of the fact row titled `title` on the detail page. */
  function fact(page: Page, title: string): Locator {
    return page
      .getByTestId('issue-facts')
      .locator('.van-cell')
      .filter({ has: page.getByText(title, { exact: true }) })
      .locator('.van-cell__value')
  }

  async function openIssue(page: Page, id: string, title: string): Promise<void> {
    await page.goto(`/issues/${id}`)
    await expect.poll(() => page.getByTestId('issue-title').textContent(), SYNC_TIMEOUT).toBe(title)
  }

  /** Opens the form of `action` on the detail page, fills it with `fillIn` and submits it. */
  async function takeAction(
    page: Page,
    action: IssueAction,
    fillIn: (form: Locator) => Promise<void>,
    screenshot?: string,
  ): Promise<void> {
    await page.getByTestId(`action-${action}-open`).click()
    const form = page.getByTestId('action-form')
    await form.waitFor()
    await fillIn(form)
    if (screenshot) {
      // Let the popup finish sliding in.
      await page.waitForTimeout(400)
      await shot(page, screenshot)
    }
    await form.getByTestId('action-submit').click()
    await form.waitFor({ state: 'detached' })
  }

  /** The choice labelled `label` in the action form's field `field`. */
  function radio(form: Locator, field: string, label: string): Locator {
    return form
      .getByTestId(`action-${field}`)
      .getByRole('radio')
      .filter({ has: form.page().getByText(label, { exact: true }) })
  }

  async function expectStatus(page: Page, status: keyof typeof T.status): Promise<void> {
    await expect
      .poll(() => page.getByTestId('issue-status').textContent(), SYNC_TIMEOUT)
      .toBe(T.status[status])
  }

  /** The card of the matter titled `title` in the open inbox. */
  function cardOf(page: Page, title: string): Locator {
    return page.getByTestId('issue-card').filter({ hasText: title })
  }

  describe('#12 field fixes of the issue report, at 360 px', () => {
    it('#12.1 a department sees unit names, never codes, in 所属网格, 上报乡镇, the ledger and its inbox', async () => {
      const title = '灌溉水渠漏水'
      const id = await matter(title, TO_DEPARTMENT)
      const { context, page } = await env.signedInPhone('department')
      try {
        expect(page.viewportSize()).toEqual(PHONE_SIZE)
        await page.getByTestId('tab-issues').click()
        const card = page.getByTestId('issue-card').filter({ hasText: title })
        await expect
          .poll(() => card.locator('.issue-card__unit').textContent(), SYNC_TIMEOUT)
          .toBe(nameOf('demo-t1-v1-g1'))

        await openIssue(page, id, title)
        await expect
          .poll(() => fact(page, T.fields.grid).textContent(), SYNC_TIMEOUT)
          .toBe(nameOf('demo-t1-v1-g1'))
        expect(await fact(page, T.fields.escalatedTo).textContent()).toBe(nameOf('demo-t1'))
        expect(await fact(page, T.fields.department).textContent()).toBe(nameOf('demo-dept-1'))
        const ledger = await page.getByTestId('issue-timeline').innerText()
        for (const unit of ['demo-t1-v1-g1', 'demo-t1-v1', 'demo-t1']) {
          expect(ledger).toContain(nameOf(unit))
        }
        // No unit code anywhere on the screen.
        expect(await page.locator('main').innerText()).not.toMatch(/demo-(t\d|dept|county)/)
        await page.getByTestId('issue-timeline').scrollIntoViewIfNeeded()
        await shot(page, '1-unit-names-department')
      } finally {
        await context.close()
      }
    })

    it('#12.7 tapping the 涉及个人隐私 row toggles its switch, which is a labelled switch', async () => {
      const { context, page } = await env.signedInPhone('gridWorker')
      try {
        await page.goto('/issues/new')
        const row = page.getByTestId('capture-private')
        const toggle = row.getByRole('switch', { name: T.fields.isPrivate })
        await toggle.waitFor()
        expect(await toggle.getAttribute('aria-checked')).toBe('false')
        // The words, not the switch: where a thumb lands.
        await row.getByText(T.fields.isPrivate, { exact: true }).click()
        expect(await toggle.getAttribute('aria-checked')).toBe('true')
        await row.getByText(T.fields.privateHint).click()
        expect(await toggle.getAttribute('aria-checked')).toBe('false')
        // The switch itself toggles once, not twice.
        await toggle.click()
        expect(await toggle.getAttribute('aria-checked')).toBe('true')
        await toggle.focus()
        await page.keyboard.press('Space')
        expect(await toggle.getAttribute('aria-checked')).toBe('false')
        await row.click()
        await row.scrollIntoViewIfNeeded()
        await shot(page, '7-privacy-row')
      } finally {
        await context.close()
      }
    })

    it('#12.6 a 不满意 goes back to the department that answered, marked 重办 in its inbox and the village’s', async () => {
      const title = '自来水浑浊'
      const id = await matter(title, [
        ...TO_DEPARTMENT,
        ['department', { action: 'reply', reply: '已冲洗管网，水质检测合格。' }],
      ])
      const grid = await env.signedInPhone('gridWorker')
      try {
        await openIssue(grid.page, id, title)
        await takeAction(grid.page, 'feedback', async (form) => {
          await radio(form, 'satisfaction', T.satisfaction.dissatisfied).click()
          await form.getByTestId('action-comment').locator('textarea').fill('水还是黄的')
        })
        await expectStatus(grid.page, 'dispatched')
        // Pushed before the phone is put away, or the department never hears of it.
        await expectSynced(grid.page)
      } finally {
        await grid.context.close()
      }
      for (const person of ['department', 'villageCadre'] as const) {
        const { context, page } = await env.signedInPhone(person)
        try {
          await page.getByTestId('tab-issues').click()
          if (person === 'villageCadre') {
            await page.getByRole('tab', { name: T.inbox.inProgress, exact: true }).click()
          }
          const card = cardOf(page, title)
          await expect
            .poll(() => card.getByTestId('issue-reopened').textContent(), SYNC_TIMEOUT)
            .toContain(T.card.reopened)
          expect(await card.locator('.issue-card__status').textContent()).toContain(
            T.status.dispatched,
          )
          if (person === 'department') {
            await shot(page, '6-reopened-department-inbox')
            await card.click()
            await expectStatus(page, 'dispatched')
            // The department may answer again.
            await page.getByTestId('action-reply-open').waitFor()
          }
        } finally {
          await context.close()
        }
      }
    })

    it('#12.7 the village cadre makes a matter private later, with a reason shown in the ledger', async () => {
      const title = '赡养老人纠纷'
      const id = await matter(title, [['villageCadre', { action: 'accept' }]])
      const { context, page } = await env.signedInPhone('villageCadre')
      try {
        await openIssue(page, id, title)
        expect(await fact(page, T.fields.isPrivate).textContent()).toBe(zhCN.common.no)
        await takeAction(
          page,
          'set_private',
          async (form) => {
            await radio(form, 'isPrivate', zhCN.common.yes).click()
            await form.getByTestId('action-reason').locator('textarea').fill('当事人要求不公开')
          },
          '7-privacy-change-form',
        )
        await expect
          .poll(() => fact(page, T.fields.isPrivate).textContent(), SYNC_TIMEOUT)
          .toBe(zhCN.common.yes)
        await expect.poll(() => page.getByTestId('issue-pending').count(), SYNC_TIMEOUT).toBe(0)
        const last = page.getByTestId('issue-event').last()
        expect(await last.innerText()).toContain(T.action.set_private)
        expect(await last.innerText()).toContain('当事人要求不公开')
        await last.scrollIntoViewIfNeeded()
        await shot(page, '7-privacy-ledger')
      } finally {
        await context.close()
      }
    })

    it('#12.10a after a day records 达成共识 the matter no longer reads 待议事', async () => {
      const title = '广场舞噪音扰民'
      const id = await matter(title, [['villageCadre', { action: 'accept' }]])
      const meetingId = newRecordId()
      const results = await push(env.app, as('villageCadre'), [
        memoMutation(
          meetingId,
          'create',
          {
            date: TODAY,
            place: '柳河村说事站',
            form: 'collective',
            topics: [
              {
                issueId: id,
                title,
                tags: ['infrastructure'],
                isPrivate: false,
                verdict: 'discussable',
                status: 'accepted',
                orgPath: '/demo-county/demo-t1/demo-t1-v1/demo-t1-v1-g1/',
              },
            ],
            policies: [],
            mediators: [],
            notices: [],
            orgPath: '/demo-county/demo-t1/demo-t1-v1/',
          },
          { kind: 'meeting' },
        ),
        memoMutation(
          id,
          'transition',
          { action: 'schedule_meeting', meetingId, meetingDate: TODAY },
          { kind: 'issue', baseVersion: 2 },
        ),
      ])
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
      const { context, page } = await env.signedInPhone('villageCadre')
      try {
        await openIssue(page, id, title)
        await expectStatus(page, 'scheduled_for_meeting')
        await page.goto(`/meetings/${meetingId}/record`)
        const topic = page.getByTestId('record-topic-0')
        await topic.getByTestId('outcome-agreed').click()
        await topic.getByTestId('record-minutes').locator('textarea').fill('晚八点后停止广场舞')
        await page.getByTestId('record-save').click()
        await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/)

        await openIssue(page, id, title)
        await expectStatus(page, 'accepted')
        const last = page.getByTestId('issue-event').last()
        await expect.poll(() => last.innerText(), SYNC_TIMEOUT).toContain(T.action.agree)
        expect(await last.innerText()).toContain('晚八点后停止广场舞')
        await last.scrollIntoViewIfNeeded()
        await shot(page, '10a-agreed-issue')
      } finally {
        await context.close()
      }
    })
  })
}
