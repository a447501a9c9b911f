/**
 * Issue #18.1 in Chromium at 360 px: a deputy linked to two villages sees
 * both overdue, records a visit offline with two opinions, turns one into an
 * issue report offline, and once online follows it; the county sees the
 * village still overdue. Then (issue #18.4) a village cadre records a
 * mediators' touring class and opens a studio with a session, and the pool
 * counts both for the mediator.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { DEPUTY_PLAN_KIND } from '#shared/deputy/deputy.schema.ts'
import { PATHS } from '../support/demo-county.ts'
import { change, pushAs } from './support/desk-day.ts'
import { snapshot, startE2e, waitForServiceWorker, type E2eEnv } from './support/e2e-env.ts'
import { expectSynced, SYNC_TIMEOUT } from './support/issue-screens.ts'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
  const grids = (village: string, id: string) =>
    [1, 2].map((g) => ({ path: `${village}${id}-g${g}/`, name: `第${g}网格说事点` }))
  await pushAs(
    env,
    'county',
    change(DEPUTY_PLAN_KIND, uuidv7(), 'create', {
      deputyPath: PATHS.deputy,
      deputyName: '王建国',
      body: 'npc',
      villages: [
        { path: PATHS.v1, name: '柳河村', grids: grids(PATHS.v1, 'demo-t1-v1') },
        { path: PATHS.v2, name: '杏花村', grids: grids(PATHS.v2, 'demo-t1-v2') },
      ],
      visitsPerPeriod: 1,
      periodMonths: 3,
      startsOn: '2026-01-01',
    }),
  )
})
afterAll(async () => {
  await env?.close()
})

it('lets a deputy record a visit offline and follow an opinion raised as a report', async () => {
  const { context: phone, page } = await env.signedInPhone('deputy')
  await waitForServiceWorker(page)
  await page.goto('/deputies')
  await expect.poll(() => page.getByTestId('deputy-village-overdue').count(), SYNC_TIMEOUT).toBe(2)
  await snapshot(page, 'deputy/plan-overdue')

  await phone.setOffline(true)
  await page.getByTestId('deputy-visit-new').click()
  await page.getByTestId('deputy-visit-village').selectOption(PATHS.v1)
  await page.getByTestId('deputy-visit-met').locator('input').fill('村民代表五人')
  await page
    .getByTestId('deputy-visit-opinions')
    .locator('textarea')
    .fill('村口路灯坏了两个月\n希望多开一班到县城的公交')
  await snapshot(page, 'deputy/visit-form')
  await page.getByTestId('deputy-visit-save').click()
  await expect.poll(() => page.getByTestId('deputy-opinion').count()).toBe(2)

  await page.getByTestId('deputy-opinion-raise').first().click()
  await page.getByTestId('deputy-raise-tag-infrastructure').click()
  await snapshot(page, 'deputy/raise-opinion')
  await page.getByTestId('deputy-raise-save').click()
  await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/)

  await phone.setOffline(false)
  await expectSynced(page)
  await page.goto('/deputies')
  await expect.poll(() => page.getByTestId('deputy-village-done').count(), SYNC_TIMEOUT).toBe(1)
  await page.getByTestId('deputy-visit-row').first().click()
  await page.getByTestId('deputy-opinion-issue').click()
  await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/)
  await phone.close()

  const { context: county, page: desk } = await env.signedInPhone('county')
  await desk.goto('/deputies')
  await expect
    .poll(() => desk.getByTestId('deputy-overdue').textContent(), SYNC_TIMEOUT)
    .toContain('1 个村社走访逾期')
  await snapshot(desk, 'deputy/county-plans')
  // The county drops the overdue village from the plan: nothing is overdue then.
  await desk.getByTestId('deputy-plan-edit').click()
  await desk.getByTestId('deputy-plan-village-demo-t1-v2').click()
  await snapshot(desk, 'deputy/plan-edit')
  await desk.getByTestId('deputy-plan-save').click()
  await desk.waitForURL(/\/deputies$/)
  await expect.poll(() => desk.getByTestId('deputy-village-done').count()).toBe(1)
  expect(await desk.getByTestId('deputy-overdue').count()).toBe(0)
  await county.close()
})

it('records a touring class and a studio session that count for the mediator', async () => {
  const mediator = '柳河村·解事员（演示）'
  const { context: phone, page } = await env.signedInPhone('villageCadre')
  await page.goto('/outreach')
  await page.getByTestId('outreach-class-new').click()
  await page.getByTestId('outreach-topic').locator('input').fill('土地承包法律知识进村')
  await page.getByTestId('outreach-basis').locator('input').fill('《农村土地承包法》')
  await page.getByTestId('outreach-attendance').locator('input').fill('42')
  const choice = page.locator('[data-test^="outreach-mediator-"]').filter({ hasText: mediator })
  await choice.click()
  await snapshot(page, 'outreach/class-form')
  await page.getByTestId('outreach-class-save').click()
  await expect.poll(() => page.getByTestId('outreach-class').count()).toBe(1)

  await page.getByRole('tab', { name: '解事员工作室' }).click()
  await page.getByTestId('outreach-studio-new').click()
  await page.getByTestId('outreach-studio-name').locator('input').fill('老刘调解工作室')
  const leader = page.getByTestId('outreach-studio-leader')
  await leader.selectOption({ label: mediator })
  await page.getByTestId('outreach-studio-save').click()
  await page.waitForURL(/\/outreach\/studios\/[0-9a-f-]{36}$/)
  await page.getByTestId('outreach-session-topic').locator('input').fill('接待群众、调解邻里纠纷')
  await page.getByTestId('outreach-session-attendance').locator('input').fill('6')
  await page.getByTestId('outreach-session-save').click()
  await expect.poll(() => page.getByTestId('outreach-session').count()).toBe(1)
  await snapshot(page, 'outreach/studio')

  await page.goto('/mediators')
  const card = page.getByTestId('mediator-card').filter({ hasText: mediator })
  await expect
    .poll(() => card.getByTestId('mediator-outreach').textContent())
    .toContain('巡讲 1 次 · 工作室活动 1 场')
  await expectSynced(page)
  await phone.close()
})
