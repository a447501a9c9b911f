/**
 * Import from other channels (issue #19.3) through the real server, on both
 * dialects: a source's column mapping saved once; a CSV or xlsx file as the
 * request body; a preview with row-level reasons in Chinese that stores
 * nothing; a commit that files each ready row as an issue report of the
 * import actor in the grid it names, with its channel and ticket; dedupe by
 * ticket, so a re-import (or two at once) changes nothing; the importer's
 * scope.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMPORT_ACTOR_ID } from '#shared/import/import.actor.ts'
import type { ImportOutcome, ImportSource } from '#shared/import/import.schema.ts'
import { issueDataSchema, type IssueData } from '#shared/issue/issue.schema.ts'
import { sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { PATHS, PHONES, type Person } from '../support/demo-county.ts'
import { kindMutation, newRecordId } from '../support/memo-kind.ts'
import { loginAll, pushOne, Replica } from '../support/sync-client.ts'
import { countRows, createTestServer, DIALECTS, type TestServer } from '../support/test-server.ts'

const PEOPLE = [
  'township',
  'county',
  'gridWorker',
  'otherTownship',
] as const satisfies readonly Person[]
type Who = (typeof PEOPLE)[number]

const MAPPING = {
  name: '12345热线',
  channel: 'phone_call',
  category: 'public_interest',
  columns: {
    ticket: '工单编号',
    village: '所属村社',
    grid: '网格',
    title: '标题',
    description: '诉求内容',
    name: '来电人',
    phone: '联系电话',
    category: '诉求分类',
  },
} as const

const HEADER = '工单编号,所属村社,网格,标题,诉求内容,来电人,联系电话,诉求分类'
const CSV = [
  HEADER,
  'GD-0001,柳河村,第二网格,路灯不亮,村口路灯坏了一周,张三,13812345678,公益事项',
  'GD-0002,杏花村,,,垃圾清运不及时，气味很大,,,',
  'GD-0003,不存在村,,,有人反映噪音,,,',
  'GD-0004,柳河村,,,,李四,123,未知分类',
  'GD-0001,柳河村,,,重复的工单,,,',
  ',柳河村,,,缺少编号的工单,,,',
].join('\n')

describe.each(DIALECTS)('issue import on %s', (dialect) => {
  let server: TestServer
  let as: (who: Who) => string
  let source: ImportSource

  beforeAll(async () => {
    server = await createTestServer(dialect)
    as = await loginAll(server, PEOPLE)
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/import/sources',
      headers: { cookie: as('township') },
      payload: MAPPING,
    })
    expect(response.statusCode, response.body).toBe(201)
    source = response.json<ImportSource>()
  })
  afterAll(() => server.close())

  const send = (
    step: 'preview' | 'commit',
    body: string | Buffer,
    who: Who = 'township',
    type = 'text/csv',
    id = source.id,
  ) =>
    server.app.inject({
      method: 'POST',
      url: `/api/import/sources/${id}/${step}`,
      headers: { cookie: as(who), 'content-type': type },
      payload: body,
    })

  const importedIssues = async (): Promise<IssueData[]> => {
    const rows = await server.database.db
      .selectFrom('sync_record')
      .select('data')
      .where('kind', '=', 'issue')
      .execute()
    return rows
      .map((row) => issueDataSchema.parse(JSON.parse(row.data)))
      .filter((data) => data.external !== undefined)
  }

  it('saves the mapping once and lists it for the county; a second source of the same name is refused', async () => {
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/import/sources',
      headers: { cookie: as('county') },
    })
    expect(list.statusCode).toBe(200)
    expect(list.json<{ sources: ImportSource[] }>().sources.map((s) => s.name)).toEqual([
      '12345热线',
    ])
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/import/sources',
      headers: { cookie: as('county') },
      payload: MAPPING,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json<{ message: string }>().message).toBe('已有同名的来源平台')
    const noTicket = await server.app.inject({
      method: 'POST',
      url: '/api/import/sources',
      headers: { cookie: as('county') },
      payload: { ...MAPPING, name: '网格平台', columns: { village: 'a', description: 'b' } },
    })
    expect(noTicket.statusCode).toBe(400)
    expect(noTicket.body).toContain('请选择“工单编号”所在列')
  })

  it('refuses a grid worker and an unknown file type, storing nothing', async () => {
    expect((await send('preview', CSV, 'gridWorker')).statusCode).toBe(403)
    const pdf = await send('commit', '%PDF-1.4', 'township', 'application/pdf')
    expect(pdf.statusCode).toBe(415)
    const garbage = await send('commit', Buffer.from('not a zip'), 'township', IMPORT_XLSX)
    expect(garbage.statusCode).toBe(400)
    expect(garbage.json<{ message: string }>().message).toContain('无法读取该Excel文件')
    // A zip whose entries claim to unpack to gigabytes is refused before anything is inflated.
    const bomb = await xlsxOf([['工单编号'], ['GD-1']])
    const directory = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    bomb.writeUInt32LE(0xfff00000, directory + 24)
    const refused = await send('commit', bomb, 'township', IMPORT_XLSX)
    expect(refused.statusCode).toBe(400)
    expect(refused.json<{ message: string }>().message).toBe('Excel文件过大，请分批导入')
    expect(await importedIssues()).toEqual([])
  })

  it('previews row by row with reasons in Chinese and stores nothing', async () => {
    const response = await send('preview', CSV)
    expect(response.statusCode, response.body).toBe(200)
    const outcome = response.json<ImportOutcome>()
    expect(outcome.counts).toEqual({ ready: 2, duplicate: 1, invalid: 3, created: 0 })
    const byLine = new Map(outcome.rows.map((row) => [row.line, row]))
    expect(byLine.get(2)).toMatchObject({
      status: 'ready',
      place: '柳河镇说事处（演示） / 柳河村说事站（演示） / 柳河村第二网格说事点（演示）',
      title: '路灯不亮',
    })
    expect(byLine.get(4)?.errors).toEqual(['找不到村社“不存在村”（须在本单位范围内）'])
    expect(byLine.get(5)?.errors).toEqual([
      '缺少具体情况',
      '事项分类“未知分类”应为个人事项、公益事项或行政管理事项',
    ])
    expect(byLine.get(6)).toMatchObject({ status: 'duplicate', errors: ['与第2行的工单编号相同'] })
    expect(byLine.get(7)?.errors).toEqual(['缺少工单编号'])
    expect(await importedIssues()).toEqual([])
  })

  it('commits the ready rows as reports of the import actor in the named grids, and a re-import changes nothing', async () => {
    const response = await send('commit', CSV)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json<ImportOutcome>().counts).toEqual({
      ready: 2,
      duplicate: 1,
      invalid: 3,
      created: 2,
    })
    const issues = await importedIssues()
    const first = issues.find((i) => i.external?.ticket === 'GD-0001')
    expect(first).toMatchObject({
      channel: 'phone_call',
      category: 'public_interest',
      orgPath: PATHS.g2,
      gridId: 'demo-t1-v1-g2',
      reporterId: IMPORT_ACTOR_ID,
      reporterName: '12345热线（导入）',
      resident: { name: '张三', phone: '13812345678' },
      external: { source: '12345热线', ticket: 'GD-0001' },
      status: 'registered',
    })
    // A village's first grid when the row names none; anonymous without name or phone.
    const second = issues.find((i) => i.external?.ticket === 'GD-0002')
    expect(second).toMatchObject({ orgPath: PATHS.v2g1, isAnonymous: true, resident: null })
    expect(second?.title).toBe('垃圾清运不及时，气味很大')

    // The grid worker's device receives its grid's imported report on sync.
    const replica = await new Replica(
      server.app,
      await server.login(PHONES.siblingGridWorker),
    ).sync()
    const synced = [...replica.records.values()].map((r) => issueDataSchema.safeParse(r.data))
    expect(synced.some((r) => r.success && r.data.external?.ticket === 'GD-0001')).toBe(true)

    const records = await countRows(server.database, 'sync_record')
    const again = await send('commit', CSV)
    expect(again.json<ImportOutcome>().counts).toEqual({
      ready: 0,
      duplicate: 3,
      invalid: 3,
      created: 0,
    })
    expect(await countRows(server.database, 'sync_record')).toBe(records)
  })

  it('reads the same rows from an xlsx file, and two commits at once create each ticket once', async () => {
    const file = await xlsxOf([
      HEADER.split(','),
      ['GD-1001', '柳河村', '', '', '路面坑洼', '', '', ''],
      [1002, '杏花村', '', '', '井盖缺失', '', '', '公益事项'],
    ])
    const [a, b] = await Promise.all([
      send('commit', file, 'township', IMPORT_XLSX),
      send('commit', file, 'county', IMPORT_XLSX),
    ])
    expect(a?.statusCode, a?.body).toBe(200)
    expect(b?.statusCode, b?.body).toBe(200)
    const created = a.json<ImportOutcome>().counts.created + b.json<ImportOutcome>().counts.created
    expect(created).toBe(2)
    const tickets = (await importedIssues()).map((i) => i.external?.ticket)
    expect(tickets.filter((t) => t === 'GD-1001')).toHaveLength(1)
    expect(tickets.filter((t) => t === '1002')).toHaveLength(1)
  })

  it("files nothing outside the importer's scope", async () => {
    const other = await send(
      'preview',
      `${HEADER}\nGD-2001,石桥村,,,别乡镇的事,,,`,
      'otherTownship',
    )
    expect(other.json<ImportOutcome>().counts).toMatchObject({ ready: 1 })
    const mine = await send('preview', `${HEADER}\nGD-2001,石桥村,,,别乡镇的事,,,`, 'township')
    expect(mine.json<ImportOutcome>().rows[0]?.errors).toEqual([
      '找不到村社“石桥村”（须在本单位范围内）',
    ])
  })

  it('refuses a device that claims to be an import', async () => {
    // Only the import actor may set `external`; a grid worker's push is refused.
    const payload = sampleCreatePayload({ external: { source: '12345热线', ticket: 'GD-9' } })
    const result = await pushOne(
      server.app,
      as('gridWorker'),
      kindMutation('issue', newRecordId(), 'create', payload),
    )
    expect(result).toMatchObject({ status: 'rejected', message: '只有导入的说事才有来源工单编号' })
  })
})

const IMPORT_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** An xlsx file of these rows. */
async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('工单')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
