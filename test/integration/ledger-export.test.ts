/**
 * Ledgers (台账, issue #19.1) as the county opens them: the workbook the
 * server streams is loaded with exceljs and read back — title row, merged
 * header, frozen panes, Chinese dates, the rows a requester may see and
 * nothing else, personal data masked for those without the right to it,
 * one sheet per township, and the same rows as CSV.
 */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LEDGERS } from '#shared/ledger/ledgers.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { seedDemoAssessment } from '#server/assessment/assessment.seed.ts'
import { seedDemoConsultation } from '#server/consultation/consultation.seed.ts'
import { seedDemoLivelihood } from '#server/livelihood/livelihood.seed.ts'
import { seedDemoMediatorPool } from '#server/meeting/mediator-pool.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { PATHS, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, push, pushApplied } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const HAN = /\p{Script=Han}/u

const PEOPLE: Person[] = [
  'admin',
  'gridWorker',
  'villageCadre',
  'county',
  'township',
  'otherTownship',
  'otherTownshipGridWorker',
]

describe.each(DIALECTS)('ledger export on %s', (dialect) => {
  let server: TestServer
  let as: (person: Person) => string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation('issue', newRecordId(), 'create', sampleCreatePayload()),
    )
    await pushApplied(
      server.app,
      as('gridWorker'),
      mutation(
        'issue',
        newRecordId(),
        'create',
        sampleCreatePayload({ title: '=HYPERLINK("http://x")', photos: [] }),
      ),
    )
    await pushApplied(
      server.app,
      as('otherTownshipGridWorker'),
      mutation(
        'issue',
        newRecordId(),
        'create',
        sampleCreatePayload({
          title: '青石乡水渠堵塞',
          resident: { name: '李四', phone: '13900001111' },
          photos: [],
          gridId: 'demo-t2-v1-g1',
          orgPath: PATHS.t2g1,
        }),
      ),
    )
  })
  afterAll(() => server.close())

  function exportLedger(person: Person, query = '', ledger = 'issues') {
    return server.app.inject({
      method: 'GET',
      url: `/api/ledgers/${ledger}${query}`,
      headers: { cookie: as(person) },
    })
  }

  async function workbookOf(person: Person, query = ''): Promise<ExcelJS.Workbook> {
    const response = await exportLedger(person, query)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.read(Readable.from([response.rawPayload]))
    return workbook
  }

  /** The data rows of a sheet (below the title, subtitle and two header rows) as text; dates 'YYYY-MM-DD'. */
  function dataRows(sheet: ExcelJS.Worksheet): string[][] {
    const rows: string[][] = []
    sheet.eachRow((row, number) => {
      if (number <= 4) return
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell) =>
        cells.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text),
      )
      rows.push(cells)
    })
    return rows
  }

  it('writes the issue ledger with title, merged header, frozen panes and Chinese dates', async () => {
    const year = new Date().toISOString().slice(0, 4)
    const workbook = await workbookOf('gridWorker', `?period=year&at=${year}`)
    const sheet = workbook.worksheets[0] ?? fail()
    expect(sheet.getCell('A1').text).toBe(
      `柳河村第一网格说事点（演示） 说事台账（${year}年1月1日至${year}年12月31日）`,
    )
    expect(sheet.getCell('A2').text).toMatch(/^导出人：.+　导出日期：\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(sheet.getCell('A3').text).toBe('序号')
    // 群众 spans 姓名 and 电话; 登记日期 spans both header rows.
    expect(sheet.getCell('E3').text).toBe('群众')
    expect(sheet.getCell('E4').text).toBe('姓名')
    expect(sheet.getCell('F4').text).toBe('电话')
    const merges = sheet.model.merges
    expect(merges).toEqual(expect.arrayContaining(['A1:O1', 'A3:A4', 'B3:B4', 'E3:F3', 'K3:L3']))
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 1 })
    expect(sheet.getColumn(8).width).toBeGreaterThan(sheet.getColumn(2).width ?? 0)
    const rows = dataRows(sheet)
    expect(rows).toHaveLength(2)
    const row = rows.find((cells) => cells.includes('村口路灯不亮'))
    expect(row?.slice(0, 8)).toEqual([
      '1',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      '柳河村第一网格说事点（演示）',
      '网格走访',
      '张三丰',
      '13812341234',
      '公益事项',
      '村口路灯不亮',
    ])
    expect(row?.[8]).toMatch(/登记（.+）/)
    // A real date, shown the county's way.
    expect(sheet.getCell('B5').value).toBeInstanceOf(Date)
    expect(sheet.getCell('B5').numFmt).toBe('yyyy"年"m"月"d"日"')
  })

  it('masks the resident for the county and shows only what the requester may see', async () => {
    const county = dataRows((await workbookOf('county')).worksheets[0] ?? fail())
    expect(county).toHaveLength(3)
    const titles = county.map((cells) => cells[7])
    expect(titles).toEqual(expect.arrayContaining(['村口路灯不亮', '青石乡水渠堵塞']))
    const own = county.find((cells) => cells[7] === '村口路灯不亮')
    expect(own?.slice(4, 6)).toEqual(['张**', '138****1234'])
    expect(county.flat().join()).not.toContain('张三丰')
    expect(county.flat().join()).not.toContain('13812341234')

    const other = dataRows((await workbookOf('otherTownship')).worksheets[0] ?? fail())
    expect(other.map((cells) => cells[7])).toEqual(['青石乡水渠堵塞'])
  })

  it('refuses a unit outside the subtree, unknown or not, with a Chinese reason', async () => {
    for (const unitId of ['demo-t1', 'no-such-unit']) {
      const response = await exportLedger('otherTownship', `?unitId=${unitId}`)
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({
        code: 'out_of_scope',
        message: expect.stringMatching(HAN),
      })
    }
  })

  it('narrows to a unit of the subtree and to a period', async () => {
    const village = dataRows(
      (await workbookOf('county', '?unitId=demo-t2-v1')).worksheets[0] ?? fail(),
    )
    expect(village.map((cells) => cells[7])).toEqual(['青石乡水渠堵塞'])
    const past = dataRows(
      (await workbookOf('county', '?period=month&at=2020-01')).worksheets[0] ?? fail(),
    )
    expect(past).toEqual([])
  })

  it('writes one sheet per township, named after it, each numbered from one', async () => {
    const workbook = await workbookOf('county', '?split=township')
    const names = workbook.worksheets.map((sheet) => sheet.name)
    expect(names).toEqual(['柳河镇说事处（演示）', '青石乡说事处（演示）'])
    const [first, second] = workbook.worksheets.map(dataRows)
    expect(first?.map((cells) => cells[0])).toEqual(['1', '2'])
    expect(second?.map((cells) => [cells[0], cells[7]])).toEqual([['1', '青石乡水渠堵塞']])
  })

  it('writes the same rows as CSV, with a BOM and no formula a spreadsheet would run', async () => {
    const response = await exportLedger('county', '?format=csv')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''")
    const text = response.rawPayload.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines[1]).toMatch(/^序号,登记日期,网格,来源,群众·姓名,群众·电话,类别,事项,/)
    expect(text).toContain('张**,138****1234')
    expect(text).not.toContain('张三丰')
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`)
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
  })

  it('answers bad requests with a Chinese reason and no file', async () => {
    const unknown = await exportLedger('county', '', 'secrets')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({
      code: 'unknown_ledger',
      message: expect.stringMatching(HAN),
    })
    const period = await exportLedger('county', '?period=month&at=2026-13')
    expect(period.statusCode).toBe(400)
    expect(period.json()).toMatchObject({
      code: 'invalid_period',
      message: expect.stringMatching(HAN),
    })
    const format = await exportLedger('county', '?format=pdf')
    expect(format.statusCode).toBe(400)
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/ledgers/issues' })
    expect(anonymous.statusCode).toBe(401)
    // Only a ledger of one parent's rows takes a parent.
    expect((await exportLedger('county', '?of=x')).statusCode).toBe(400)
  })

  describe('the other ledgers', () => {
    const CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'

    beforeAll(async () => {
      await seedDemoAssessment(server.database, defaultKinds)
      await seedDemoConsultation(server.database, defaultKinds)
      await seedDemoLivelihood(server.database, defaultKinds)
      await seedDemoMediatorPool(server.database.db)
      const scores = (satisfaction: number) => ({
        effect: 4,
        satisfaction,
        operability: 3,
        reasonableness: 5,
      })
      const results = await push(
        server.app,
        as('gridWorker'),
        [2, 5].map((satisfaction) =>
          mutation('assessment_form', newRecordId(), 'create', {
            villagePath: PATHS.v1,
            scores: scores(satisfaction),
            shortcomings: '宣传不够',
            risks: '',
            suggestions: '',
            campaignId: CAMPAIGN_ID,
            issuingDepartment: PATHS.dept1,
            channel: 'assisted',
          }),
        ),
      )
      expect(results.map((result) => result.status)).toEqual(['applied', 'applied'])
    })

    it('exports every ledger with its own header for the county', async () => {
      for (const ledger of LEDGERS) {
        // The hand-over ledger is the administrator's (org.manage).
        const response = await exportLedger(ledger.permission ? 'admin' : 'county', '', ledger.id)
        expect(response.statusCode, ledger.id).toBe(200)
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.read(Readable.from([response.rawPayload]))
        const sheet = workbook.worksheets[0] ?? fail()
        expect(sheet.getCell('A1').text, ledger.id).toContain(ledger.title)
        const headers: string[] = []
        sheet.getRow(4).eachCell({ includeEmpty: true }, (cell) => headers.push(cell.text))
        expect(headers, ledger.id).toEqual(['序号', ...ledger.headers])
      }
    })

    it('lists the seeded records in their ledgers', async () => {
      const titles = async (ledger: string, column: number) => {
        const response = await exportLedger('county', '?format=csv', ledger)
        expect(response.statusCode).toBe(200)
        return response.rawPayload
          .toString('utf8')
          .split('\r\n')
          .slice(2)
          .map((line) => line.split(',')[column])
      }
      expect((await titles('assessment-campaigns', 2)).join()).toContain('低保')
      expect((await titles('policies', 2)).join()).toContain('低保')
      expect((await titles('mediators', 1)).filter(Boolean).length).toBeGreaterThan(0)
      expect((await titles('consultations', 1)).filter(Boolean).length).toBeGreaterThan(0)
      expect((await titles('livelihood', 4)).filter(Boolean).length).toBeGreaterThan(0)
    })

    it("writes a campaign's forms with its average scores at the foot", async () => {
      const response = await exportLedger('county', `?of=${CAMPAIGN_ID}`, 'assessment-forms')
      expect(response.statusCode).toBe(200)
      const forms = new ExcelJS.Workbook()
      await forms.xlsx.read(Readable.from([response.rawPayload]))
      const rows = dataRows(forms.worksheets[0] ?? fail())
      expect(rows).toHaveLength(3)
      // 序号, 填写日期, 村社, 方式, then the four scores: satisfaction 2 and 5 average 3.5.
      expect(rows[2]?.slice(0, 8)).toEqual(['平均', '', '', '', '4', '3.5', '3', '5'])
      const other = await exportLedger('county', `?of=${newRecordId()}`, 'assessment-forms')
      const empty = new ExcelJS.Workbook()
      await empty.xlsx.read(Readable.from([other.rawPayload]))
      expect(dataRows(empty.worksheets[0] ?? fail())).toEqual([])
    })
  })
})

function fail(): never {
  throw new Error('no sheet')
}
