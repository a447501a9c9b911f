/**
 * The ledger screen in Chromium (issue #19.1): county staff export the
 * issue ledger and the file that downloads is a workbook with the matter in
 * it, the resident masked; offline the screen says a connection is needed
 * and offers no export.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PHONES } from '../support/demo-county.ts'
import { kindMutation, newRecordId } from '../support/memo-kind.ts'
import { pushApplied } from '../support/sync-client.ts'
import { snapshot, startE2e, type E2eEnv } from './support/e2e-env.ts'

let env: E2eEnv
beforeAll(async () => {
  env = await startE2e()
  const grid = await env.login(PHONES.gridWorker)
  await pushApplied(
    env.app,
    grid,
    kindMutation('issue', newRecordId(), 'create', sampleCreatePayload({ photos: [] })),
  )
})
afterAll(async () => {
  await env?.close()
})

it('downloads the issue ledger as a masked workbook, and needs a connection', async () => {
  const { context, page } = await env.signedInPhone('county')
  await page.getByTestId('tab-me').click()
  await page.getByTestId('me-ledgers').click()
  await page.getByTestId('ledger-page').waitFor()
  await page.getByTestId('ledger-period').selectOption('all')
  await page.getByTestId('ledger-split').selectOption('township')
  await snapshot(page, 'ledger/ledger-page')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('ledger-export').click(),
  ])
  expect(download.suggestedFilename()).toBe('说事台账-all.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const sheet = workbook.worksheets[0]
  expect(sheet?.name).toBe('柳河镇说事处（演示）')
  expect(sheet?.getCell('A1').text).toContain('说事台账')
  expect(sheet?.getCell('H5').text).toBe('村口路灯不亮')
  expect(sheet?.getCell('E5').text).toBe('张**')
  await page.getByTestId('ledger-done').waitFor()

  await context.setOffline(true)
  await page.getByTestId('ledger-offline').waitFor()
  expect(await page.getByTestId('ledger-export').isDisabled()).toBe(true)
  await snapshot(page, 'ledger/ledger-offline')
  await context.close()
})
