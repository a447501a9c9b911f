/**
 * Ledgers that read beyond one record (issue #19.1, docs/ledgers.md): the
 * grid hand-over ledger from the hand-over table (who handed a grid over to
 * whom, when; administrators only), the mediator roster's participation
 * counts and the consultation ledger's opinion counts.
 */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { MEDIATOR_KIND } from '#shared/meeting/mediator.kind.ts'
import { STUDIO_KIND, TOURING_CLASS_KIND } from '#shared/meeting/outreach.schema.ts'
import { seedDemoConsultation } from '#server/consultation/consultation.seed.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { PATHS, userIdOf, type Person } from '../support/demo-county.ts'
import { kindMutation as mutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushApplied } from '../support/sync-client.ts'
import { createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'admin',
  'county',
  'gridWorker',
  'siblingGridWorker',
  'villageCadre',
  'villageMediator',
] as const satisfies Person[]
type Who = (typeof PEOPLE)[number]

const TODAY = chinaDate(new Date().toISOString())
const MEDIATOR = {
  name: '周调解',
  types: ['people_mediator'],
  expertise: ['land'],
  orgPath: PATHS.v1,
}

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

  /** Row 4's headers (after 序号), as a data row's cells are indexed. */
  async function headersOf(who: Who, ledger: string): Promise<string[]> {
    const response = await exportLedger(who, ledger)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.read(Readable.from([response.rawPayload]))
    const headers: string[] = []
    workbook.worksheets[0]
      ?.getRow(4)
      .eachCell({ includeEmpty: true }, (cell) => headers.push(cell.text))
    return headers
  }

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

  it('counts each mediator’s discussion days held, touring classes and studio sessions on the roster', async () => {
    const mediatorId = newRecordId()
    const cadre = as('villageCadre')
    await pushApplied(server.app, cadre, mutation(MEDIATOR_KIND, mediatorId, 'create', MEDIATOR))
    const day = (meetingId: string) =>
      mutation('meeting', meetingId, 'create', {
        date: TODAY,
        place: '柳河村说事站',
        form: 'collective',
        topics: [
          {
            issueId: newRecordId(),
            title: '村口路灯不亮',
            tags: ['infrastructure'],
            isPrivate: false,
            verdict: 'discussable',
            status: 'accepted',
            orgPath: PATHS.g1,
          },
        ],
        policies: [],
        mediators: [{ mediatorId, name: MEDIATOR.name, level: 'village' }],
        notices: [],
        orgPath: PATHS.v1,
      })
    const held = newRecordId()
    await pushApplied(server.app, cadre, day(held))
    const minutes = { signIn: { count: 3, representatives: [], sheetPhotos: [] } }
    await pushApplied(server.app, cadre, mutation('meeting', held, 'record', minutes, 1))
    // A day only planned is no participation yet.
    await pushApplied(server.app, cadre, day(newRecordId()))
    await pushApplied(
      server.app,
      cadre,
      mutation(TOURING_CLASS_KIND, newRecordId(), 'create', {
        villagePath: PATHS.v1,
        villageName: '柳河村',
        topic: '土地承包法律知识进村',
        basis: '《农村土地承包法》',
        heldOn: TODAY,
        attendance: 42,
        mediators: [{ id: mediatorId, name: MEDIATOR.name }],
        photos: [],
      }),
    )
    const studioId = newRecordId()
    await pushApplied(
      server.app,
      cadre,
      mutation(STUDIO_KIND, studioId, 'create', {
        orgPath: PATHS.v1,
        name: '老周调解工作室',
        leader: { id: mediatorId, name: MEDIATOR.name },
        members: [],
      }),
    )
    for (const [index, topic] of ['接待群众', '调解邻里纠纷'].entries()) {
      await pushApplied(
        server.app,
        as('villageMediator'),
        mutation(
          STUDIO_KIND,
          studioId,
          'add_session',
          { heldOn: TODAY, topic, attendance: 6 },
          index + 1,
        ),
      )
    }
    const response = await exportLedger('villageCadre', 'mediators', '?format=csv')
    expect(response.statusCode).toBe(200)
    const [, header, ...lines] = response.body.slice(1).split('\r\n')
    const columns = header?.split(',') ?? []
    const row = lines.find((line) => line.split(',')[1] === MEDIATOR.name)?.split(',') ?? []
    const at = (name: string) => row[columns.indexOf(name)]
    expect([at('参与情况·议事日'), at('参与情况·巡讲课堂'), at('参与情况·工作室接待')]).toEqual([
      '1',
      '1',
      '2',
    ])
  })

  it('counts the opinions of each consultation, heard and adopted, in the consultation ledger', async () => {
    await seedDemoConsultation(server.database, defaultKinds)
    const rows = await rowsOf('county', 'consultations')
    const headers = (await headersOf('county', 'consultations')) ?? []
    const demo = rows.find((cells) => cells[1]?.includes('老年助餐')) ?? []
    expect(demo[headers.indexOf('意见数')]).toBe('2')
    expect(demo[headers.indexOf('已采纳')]).toBe('0')
  })
})
