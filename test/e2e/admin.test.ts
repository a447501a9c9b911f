/**
 * Issue #20.1–20.3 in Chromium at 360 px, one server and one browser: an
 * admin imports 3 units and 10 accounts from the template; a new grid
 * worker signs in with the slip's temporary password and must change it;
 * the admin hands a grid over to them and their phone then holds the
 * grid's open matter.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { ACCOUNT_COLUMNS, IMPORT_SHEETS, UNIT_COLUMNS } from '#shared/admin/user-import.ts'
import { sampleCapture } from '#shared/issue/issue.fixtures.ts'
import { PATHS, PHONES } from '../support/demo-county.ts'
import { change, pushAs } from './support/desk-day.ts'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'
import { inboxTab, issueCard, openIssues, SYNC_TIMEOUT } from './support/issue-screens.ts'

/** The new grid worker's phone (one of the ten imported accounts). */
const NEW_WORKER = '13720000013'
const MATTER = '交接前未办结的路灯维修'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
  await pushAs(
    env,
    'gridWorker',
    change('issue', uuidv7(), 'create', {
      ...sampleCapture(),
      photos: [],
      title: MATTER,
      gridId: 'demo-t1-v1-g1',
      orgPath: PATHS.g1,
    }),
  )
})
afterAll(async () => {
  await env?.close()
})

/** A filled template: a township, a village and a grid, and ten accounts. */
async function onboardingFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook
    .addWorksheet(IMPORT_SHEETS.units)
    .addRows([
      Object.values(UNIT_COLUMNS),
      ['e2e-t', '新建镇', '乡镇', 'demo-county'],
      ['e2e-t-v', '新建村', '村社', 'e2e-t'],
      ['e2e-t-v-g', '新建网格', '网格', 'e2e-t-v'],
    ])
  workbook
    .addWorksheet(IMPORT_SHEETS.accounts)
    .addRows([
      Object.values(ACCOUNT_COLUMNS),
      ['13720000001', '新镇干部', '乡镇工作人员', 'e2e-t'],
      ['13720000002', '新村干部', '村社干部', 'e2e-t-v'],
      ...Array.from({ length: 8 }, (_, index) => [
        `1372000001${index}`,
        `新网格员${index}`,
        '网格员',
        'e2e-t-v-g',
      ]),
    ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

it('onboards from the template, forces the slip password change, and hands a grid over', async () => {
  const { context: adminPhone, page: admin } = await env.signedInPhone('admin')
  await admin.getByTestId('tab-me').click()
  await admin.getByTestId('me-admin').click()
  await admin.getByTestId('admin-import').click()
  await admin.getByTestId('admin-import-file').setInputFiles({
    name: 'onboarding.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await onboardingFile(),
  })
  await admin.getByTestId('admin-import-check').click()
  await expect
    .poll(() => admin.getByTestId('admin-import-ok').textContent())
    .toContain('单位 3 个，账号 10 个')
  await snapshot(admin, 'admin/import-preview')
  await admin.getByTestId('admin-import-commit').click()
  await admin.getByTestId('admin-import-done').waitFor()
  await admin.getByTestId('admin-import-slips').click()
  const slip = (await admin.getByTestId(`admin-slip-${NEW_WORKER}`).textContent()) ?? ''
  const temporary = /([a-z2-9]{10})/.exec(slip)?.[1] ?? ''
  expect(temporary).toHaveLength(10)
  await snapshot(admin, 'admin/slips')

  // The new worker signs in with the slip and cannot go anywhere before choosing a password.
  const worker = await env.newPhone()
  const page = await worker.newPage()
  await page.goto('/login')
  await page.getByTestId('login-phone').locator('input').fill(NEW_WORKER)
  await page.getByTestId('login-password').locator('input').fill(temporary)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('password-temporary').waitFor()
  await page.goto('/issues')
  await page.getByTestId('password-temporary').waitFor()
  await snapshot(page, 'admin/temporary-password')
  await page.getByTestId('password-current').locator('input').fill(temporary)
  await page.getByTestId('password-new').locator('input').fill('Xinwang2026')
  await page.getByTestId('password-confirm').locator('input').fill('Xinwang2026')
  await page.getByTestId('password-submit').click()
  await page.getByTestId('home-greeting').waitFor()

  // The admin hands demo grid 1 from its worker to the new one.
  await admin.goto('/admin/handover')
  await admin.getByTestId('handover-grid').locator('input').fill('demo-t1-v1-g1')
  await admin.getByTestId('handover-from').locator('input').fill(PHONES.gridWorker)
  await admin.getByTestId('handover-to').locator('input').fill(NEW_WORKER)
  await admin.getByTestId('handover-submit').click()
  await expect
    .poll(() => admin.getByTestId('handover-done').textContent())
    .toContain('未办结事项 1 件')
  await expect.poll(() => admin.getByTestId('handover-ledger').textContent()).toContain('新网格员3')
  await snapshot(admin, 'admin/handover')
  await adminPhone.close()

  // The new worker's phone starts over in the grid and shows its open matter.
  await page.reload()
  await openIssues(page)
  await inboxTab(page, 'all').click()
  await expect.poll(() => issueCard(page, MATTER).count(), SYNC_TIMEOUT).toBe(1)
  await worker.close()

  // The password now is the worker's own (login throws unless 200).
  await env.login(NEW_WORKER, 'Xinwang2026')
})
