/**
 * Around the livelihood item in Chromium at 360 px (issue #16.2/.5/.6): the
 * residents rank the candidates at a discussion day and the minutes record
 * it; the source report's page shows its item and progress, the returned
 * item's reports show the reason; the public page shows the progress in
 * elder mode. One server and one browser; the steps before and between are
 * pushed through the real server as the demo people.
 */
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { samplePlan, sampleTopic } from '#shared/meeting/meeting.fixtures.ts'
import { PATHS } from '../support/demo-county.ts'
import { change, poolMemberOf, pushAs } from './support/desk-day.ts'
import { SYNC_TIMEOUT } from './support/issue-screens.ts'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'

const TODAY = chinaDate(new Date().toISOString())
const YEAR = Number(TODAY.slice(0, 4))
const REASON = '该路段已列入县交通局明年计划，请勿重复申报'
const KIND = 'livelihood_item'

let env: E2eEnv
const road = [uuidv7(), uuidv7()]
const light = uuidv7()
const roadItem = uuidv7()
const lightItem = uuidv7()
const meetingId = uuidv7()

async function storedItem(id: string): Promise<{ ranking: { position: number } | null }> {
  const row = await env.database.db
    .selectFrom('sync_record')
    .select('data')
    .where('key', '=', `${KIND}:${id}`)
    .executeTakeFirstOrThrow()
  return JSON.parse(row.data) as { ranking: { position: number } | null }
}

beforeAll(async () => {
  env = await startE2e()
  const titles = ['村东土路雨天泥泞', '通组道路坑洼', '村西路灯不亮']
  await pushAs(
    env,
    'gridWorker',
    ...[...road, light].map((id, i) =>
      change(
        'issue',
        id,
        'create',
        sampleCreatePayload({ photos: [], category: 'public_interest', title: titles[i] }),
      ),
    ),
  )
  await pushAs(env, 'villageCadre', change('issue', light, 'transition', { action: 'accept' }, 1))
  const mediator = await poolMemberOf(env, 'villageMediator')
  const proposal = (name: string, sourceIssueIds: string[]) => ({
    name,
    description: '群众反映强烈，拟于年内解决。',
    place: '柳河村',
    year: YEAR,
    sourceIssueIds,
  })
  await pushAs(
    env,
    'villageCadre',
    change(
      'meeting',
      meetingId,
      'create',
      samplePlan({
        date: TODAY,
        mediators: [mediator],
        topics: [sampleTopic({ issueId: light, title: titles[2], orgPath: PATHS.g1 })],
      }),
    ),
    change(KIND, roadItem, 'create', proposal('柳河村通组道路硬化', road)),
    change(KIND, lightItem, 'create', proposal('柳河村路灯改造', [light])),
  )
})
afterAll(async () => {
  await env?.close()
})

describe('the livelihood list around the item in Chromium at 360 px', () => {
  it('1. residents rank the candidates at a discussion day and the minutes record it', async () => {
    const { context, page } = await env.signedInPhone('villageCadre')
    await page.goto(`/meetings/${meetingId}`)
    await page.getByTestId('ranking-open-submit').click()
    const tallies = page.getByTestId('ranking-tally')
    await expect.poll(() => tallies.count(), SYNC_TIMEOUT).toBe(2)
    // The order the cadre listed them in: the road first, then the lights.
    await tallies.nth(0).locator('input').fill('31')
    await tallies.nth(1).locator('input').fill('12')
    await page.getByTestId('ranking-voters').locator('input').fill('35')
    await page.getByTestId('ranking-tally-save').click()
    const rows = page.getByTestId('ranking-row')
    await expect.poll(() => rows.count(), SYNC_TIMEOUT).toBe(2)
    expect(await rows.nth(0).textContent()).toContain('第1名')
    expect(await rows.nth(0).textContent()).toContain('31票')
    await page.locator('.van-toast').waitFor({ state: 'hidden' })
    await page.getByTestId('meeting-ranking').scrollIntoViewIfNeeded()
    await snapshot(page, 'livelihood/ranking-minutes')
    // The ranking is kept with each item.
    await expect
      .poll(async () => (await storedItem(roadItem)).ranking?.position, SYNC_TIMEOUT)
      .toBe(1)
    expect((await storedItem(lightItem)).ranking?.position).toBe(2)
    // The list leads to the rankings and to the public page's notice-board poster.
    await page.goto('/livelihood')
    await page.getByTestId('livelihood-rankings-link').waitFor()
    await page.getByTestId('livelihood-poster-link').click()
    expect(await page.getByTestId('public-poster-url').textContent()).toContain('/gs/demo-t1')
    await snapshot(page, 'livelihood/public-poster')
    await context.close()
  })

  it('2. each source report shows its item and progress, the returned one its reason', async () => {
    const plan = {
      responsibleUnit: PATHS.dept1,
      estimatedCost: 36.5,
      fundingSource: '县级财政衔接资金',
      plannedStart: `${YEAR}-01-05`,
      plannedCompletion: `${YEAR + 1}-05-31`,
      milestones: [],
    }
    for (const id of [roadItem, lightItem]) {
      await pushAs(
        env,
        'township',
        change(KIND, id, 'plan', plan, 2),
        change(KIND, id, 'submit', {}, 3),
      )
    }
    await pushAs(
      env,
      'county',
      change(KIND, roadItem, 'accept', {}, 4),
      change(KIND, lightItem, 'return', { reason: REASON }, 4),
    )
    await pushAs(
      env,
      'department',
      change(
        KIND,
        roadItem,
        'progress',
        { date: TODAY, percent: 40, note: '路基完成四成', photos: [] },
        5,
      ),
    )

    const { context, page } = await env.signedInPhone('gridWorker')
    await page.goto(`/issues/${road[0]}`)
    const listing = page.getByTestId('issue-listing')
    await expect.poll(() => listing.textContent(), SYNC_TIMEOUT).toContain('柳河村通组道路硬化')
    expect(await page.getByTestId('issue-listing-progress').textContent()).toContain('40%')
    await listing.scrollIntoViewIfNeeded()
    await snapshot(page, 'livelihood/report-progress')

    await page.goto(`/issues/${light}`)
    await expect
      .poll(() => page.getByTestId('issue-listing-reason').textContent(), SYNC_TIMEOUT)
      .toContain(REASON)
    await page.getByTestId('issue-listing').scrollIntoViewIfNeeded()
    await snapshot(page, 'livelihood/report-returned')
    // The desk asks for the feedback visit, and leads to that report.
    await page.goto('/')
    const visit = page.getByTestId('desk-listFeedbackDue')
    await expect
      .poll(() => visit.locator('[data-test=desk-amount]').textContent(), SYNC_TIMEOUT)
      .toMatch(/^1\D*$/)
    // The list leads to the township's public page.
    await page.goto('/livelihood')
    await page.getByTestId('livelihood-public-link').click()
    await page.getByTestId('public-progress').waitFor()
    expect(new URL(page.url()).pathname).toBe('/gs/demo-t1')
    await context.close()
  })

  it('3. the public page shows the progress in elder mode, without an account', async () => {
    const context = await env.newPhone()
    const page = await context.newPage()
    await page.goto('/gs/demo-t1')
    const items = page.getByTestId('public-item')
    await expect.poll(() => items.count(), SYNC_TIMEOUT).toBe(1)
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      '18px',
    )
    expect(await items.first().textContent()).toContain('柳河村通组道路硬化')
    expect(await page.getByTestId('public-item-state').textContent()).toContain('按期推进')
    expect(await page.getByTestId('public-item-progress').textContent()).toContain('40%')
    expect(await page.textContent('body')).not.toContain(REASON)
    await snapshot(page, 'livelihood/public-progress')
    await context.close()
  })
})
