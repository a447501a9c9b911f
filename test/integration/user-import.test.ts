/**
 * Bulk onboarding (issue #20.2): the template round trip, row errors in
 * Chinese, the dry run, one transaction, slips with temporary passwords
 * that must be changed, and a re-import that updates, never duplicates.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import {
  ACCOUNT_COLUMNS,
  IMPORT_SHEETS,
  UNIT_COLUMNS,
  type ImportResult,
} from '#shared/admin/user-import.ts'
import { PHONES } from '../support/demo-county.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const HAN = /\p{Script=Han}/u

const UNITS = [
  ['IMP-T9', '试点镇', '乡镇', 'demo-county'],
  ['IMP-T9-V1', '试点村', '村社', 'IMP-T9'],
  ['IMP-T9-V1-G1', '试点一网格', '网格', 'IMP-T9-V1'],
]
const ACCOUNTS = [
  ['13710000001', '试点镇干部', '乡镇工作人员', 'IMP-T9'],
  ['13710000002', '试点村干部', '村社干部', 'IMP-T9-V1'],
  ...Array.from({ length: 8 }, (_, index) => [
    `1371000001${index}`,
    `网格员${index + 1}`,
    '网格员',
    'IMP-T9-V1-G1',
  ]),
]

describe.each(DIALECTS)('user import on %s', (dialect) => {
  let server: TestServer
  let admin: string
  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await server.login(PHONES.admin)
  })
  afterAll(() => server.close())

  const counts = () =>
    Promise.all([countRows(server.database, 'org_unit'), countRows(server.database, 'app_user')])

  function upload(body: Buffer | string, dryRun: boolean, type = XLSX, cookie = admin) {
    return server.app.inject({
      method: 'POST',
      url: `/api/admin/import?dryRun=${dryRun}`,
      payload: body,
      headers: { cookie, 'content-type': type },
    })
  }

  /** The downloaded template, its sample rows replaced by `units` and `accounts`. */
  async function filledTemplate(units: string[][], accounts: string[][]): Promise<Buffer> {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/admin/import/template',
      headers: { cookie: admin },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(XLSX)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer)
    for (const [name, columns, rows] of [
      [IMPORT_SHEETS.units, UNIT_COLUMNS, units],
      [IMPORT_SHEETS.accounts, ACCOUNT_COLUMNS, accounts],
    ] as const) {
      const sheet = workbook.getWorksheet(name)
      if (!sheet) throw new Error(`template lacks ${name}`)
      expect(sheet.getRow(1).values).toEqual([undefined, ...Object.values(columns)])
      sheet.spliceRows(2, sheet.rowCount - 1)
      sheet.addRows(rows)
    }
    return Buffer.from(await workbook.xlsx.writeBuffer())
  }

  it('previews a filled template in a dry run, then commits it with slips that must be changed', async () => {
    const file = await filledTemplate(UNITS, ACCOUNTS)
    const before = await counts()
    const preview = await upload(file, true)
    expect(preview.statusCode, preview.body).toBe(200)
    const dry = preview.json<ImportResult>()
    expect(dry).toMatchObject({ dryRun: true, problems: [], slips: [] })
    expect(dry.units.map((unit) => unit.action)).toEqual(['create', 'create', 'create'])
    expect(dry.accounts).toHaveLength(10)
    expect(await counts()).toEqual(before)

    const committed = await upload(file, false)
    expect(committed.statusCode, committed.body).toBe(200)
    const result = committed.json<ImportResult>()
    expect(result.slips).toHaveLength(10)
    expect(await counts()).toEqual([(before[0] ?? 0) + 3, (before[1] ?? 0) + 10])

    const slip = result.slips.find((line) => line.phone === '13710000010')
    expect(slip).toMatchObject({ name: '网格员1', unitName: '试点一网格' })
    const cookie = await server.login('13710000010', slip?.temporaryPassword)
    const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
    expect(me.json()).toMatchObject({
      mustChangePassword: true,
      user: { role: 'grid_worker', orgUnitId: 'imp-t9-v1-g1' },
      orgUnit: { path: '/demo-county/imp-t9/imp-t9-v1/imp-t9-v1-g1/' },
    })
  })

  it('updates on a re-import and never duplicates', async () => {
    const before = await counts()
    const renamed = ACCOUNTS.map((row) =>
      row[0] === '13710000002' ? [...row.slice(0, 1), '改名村干部', ...row.slice(2)] : row,
    )
    const response = await upload(await filledTemplate(UNITS, renamed), false)
    expect(response.statusCode, response.body).toBe(200)
    const result = response.json<ImportResult>()
    expect(result.units.every((unit) => unit.action === 'unchanged')).toBe(true)
    expect(result.accounts.filter((account) => account.action === 'update')).toEqual([
      { row: 3, phone: '13710000002', name: '改名村干部', action: 'update' },
    ])
    expect(result.slips).toEqual([])
    expect(await counts()).toEqual(before)
  })

  it('names every bad row in Chinese and commits nothing when any row is wrong', async () => {
    const csv = [
      Object.values(ACCOUNT_COLUMNS).join(','),
      '13710000099,新网格员,网格员,IMP-T9-V1-G1',
      '1371000,短号,网格员,IMP-T9-V1-G1',
      '13710000098,错层级,网格员,IMP-T9-V1',
      '13710000097,无单位,网格员,NOPE',
      '13710000099,重复,网格员,IMP-T9-V1-G1',
      '13710000096,乱角色,县长,IMP-T9',
    ].join('\n')
    const before = await counts()
    const preview = await upload(Buffer.from(csv), true, 'text/csv')
    expect(preview.statusCode).toBe(200)
    const problems = preview.json<ImportResult>().problems
    expect(problems.map(({ row, column }) => [row, column])).toEqual([
      [3, ACCOUNT_COLUMNS.phone],
      [4, ACCOUNT_COLUMNS.role],
      [5, ACCOUNT_COLUMNS.unitCode],
      [6, ACCOUNT_COLUMNS.phone],
      [7, ACCOUNT_COLUMNS.role],
    ])
    for (const problem of problems) expect(problem.message).toMatch(HAN)

    const refused = await upload(Buffer.from(csv), false, 'text/csv')
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({
      code: 'import_has_errors',
      message: ERROR_MESSAGES.import_has_errors,
    })
    // The valid first row was rolled back with the rest: one transaction.
    expect(await counts()).toEqual(before)
  })

  it('refuses an unreadable file and anyone but an admin', async () => {
    const garbage = await upload(Buffer.from('not a spreadsheet'), true, 'text/csv')
    expect(garbage.statusCode).toBe(400)
    expect(garbage.json()).toEqual({
      code: 'import_unreadable',
      message: ERROR_MESSAGES.import_unreadable,
    })
    const county = await server.login(PHONES.county)
    const csv = `${Object.values(ACCOUNT_COLUMNS).join(',')}\n13710000095,甲,网格员,IMP-T9-V1-G1`
    expect((await upload(Buffer.from(csv), true, 'text/csv', county)).statusCode).toBe(403)
  })
})
