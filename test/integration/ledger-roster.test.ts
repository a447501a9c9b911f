/**
 * Ledgers that read beyond one record (issue #19.1, docs/ledgers.md): the
 * grid hand-over ledger from the hand-over table (who handed a grid over to
 * whom, when; administrators only), the mediator roster's participation
 * counts and the consultation ledger's opinion counts.
 */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userIdOf, type Person } from '../support/demo-county.ts'
import { loginAll } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = ['admin', 'county', 'gridWorker', 'siblingGridWorker'] as const satisfies Person[]
type Who = (typeof PEOPLE)[number]

describe.each(DIALECTS)('ledgers beyond one record on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
  })
  afterAll(() => server.close())

  const exportLedger = (who: Who, ledger: string, query = '') =>
    server.app.inject({
      method: 'GET',
      url: `/api/ledgers/${ledger}${query}`,
      headers: { cookie: as(who) },
    })

  async function rowsOf(who: Who, ledger: string, query = ''): Promise<string[][]> {
    const response = await exportLedger(who, ledger, query)
    expect(response.statusCode, response.body).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.read(Readable.from([response.rawPayload]))
    const rows: string[][] = []
    workbook.worksheets[0]?.eachRow((row, number) => {
      if (number <= 4) return
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text))
      rows.push(cells)
    })
    return rows
  }

  it('writes the grid hand-over ledger for an administrator only', async () => {
    const handed = await server.app.inject({
      method: 'POST',
      url: '/api/admin/handovers',
      headers: { cookie: as('admin') },
      payload: {
        gridId: 'demo-t1-v1-g1',
        fromUserId: userIdOf('gridWorker'),
        toUserId: userIdOf('siblingGridWorker'),
      },
    })
    expect(handed.statusCode, handed.body).toBe(201)
    const rows = await rowsOf('admin', 'grid-handovers')
    // 序号, 交接日期 (a real date), 村社, 网格, 交出人, 接任人, 经办人, 未办结事项; then the foot.
    expect(rows).toHaveLength(2)
    expect(rows[0]?.slice(2)).toEqual([
      '柳河村说事站（演示）',
      '柳河村第一网格说事点（演示）',
      '柳河村第一网格·网格员（演示）',
      '柳河村第二网格·网格员（演示）',
      '管理员（演示）',
      '0',
    ])
    expect(rows[0]?.[0]).toBe('1')
    expect(rows[0]?.[1]).toMatch(/^\w{3} \w{3} \d{2} \d{4}/)
    expect(rows[1]?.[0]).toBe('合计')
    const forbidden = await exportLedger('county', 'grid-handovers')
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json<{ message: string }>().message).toMatch(/\p{Script=Han}/u)
    expect(await rowsOf('admin', 'grid-handovers', '?unitId=demo-t2')).toEqual([])
  })
})
