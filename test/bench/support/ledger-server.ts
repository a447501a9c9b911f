/**
 * The ledger bench's server, in a process of its own (forked by
 * ledger-bench.ts), so that its CPU seconds and RSS growth are the server's
 * alone: the bench's client (fetch, gunzip, the file it writes) used to share
 * the process and its garbage counted as the server's. It opens the bench
 * database, fills it with `count` issue reports, signs the county in and
 * sends `{ baseUrl, cookie, fillSeconds }`; then for each export it answers
 * `start` (after a full collection) with `started` and `stop` with the
 * figures since then.
 */
import { sql } from 'kysely'
import { uuidv7 } from 'uuidv7'
import type { DialectName } from '#server/db/database.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import type { RecordRow } from '#server/sync/record.repository.ts'
import { PHONES } from '../../support/demo-county.ts'
import { loadIssues } from './bulk-issues.ts'
import { startBenchServer, type BenchServer } from './bench-server.ts'

/** What the bench asks of the server process. */
export interface LedgerServerArgs {
  dialect: DialectName
  adminUrl: string | null
  count: number
  /** Reports made by the real kind, per village (the rest are copies of them). */
  templatesPerVillage: number
}

/** The server's figures for one export. */
export interface ServerFigures {
  cpuSeconds: number
  rssGrowthMb: number
}

export type ServerMessage =
  | { type: 'ready'; baseUrl: string; cookie: string; fillSeconds: number }
  | { type: 'started' }
  | ({ type: 'stopped' } & ServerFigures)

const VILLAGES = [
  'demo-t1-v1',
  'demo-t1-v2',
  'demo-t2-v1',
  'demo-t2-v2',
  'demo-t3-v1',
  'demo-t3-v2',
]

/** The reports: templates by the real kind, then copies in bulk up to `count`. */
async function fill(server: BenchServer, count: number, perVillage: number): Promise<void> {
  const { db } = server.database
  for (const [index, villageId] of VILLAGES.entries()) {
    await loadIssues(server.database, { count: perVillage, villageId, seed: 19 + index })
  }
  const templates: RecordRow[] = await db
    .selectFrom('sync_record')
    .selectAll()
    .where('kind', '=', 'issue')
    .execute()
  const audiences = await db.selectFrom('record_audience').selectAll().execute()
  const audienceOf = new Map<string, string[]>()
  for (const row of audiences)
    audienceOf.set(row.record_key, [...(audienceOf.get(row.record_key) ?? []), row.path])
  const CHUNK = 500
  for (let made = templates.length; made < count;) {
    const rows: RecordRow[] = []
    const links: { record_key: string; path: string }[] = []
    for (let i = 0; i < CHUNK && made < count; i++, made++) {
      const template = templates[made % templates.length]
      if (!template) throw new Error('no template')
      const id = uuidv7()
      const key = `issue:${id}`
      rows.push({ ...template, key, id })
      for (const path of audienceOf.get(template.key) ?? []) links.push({ record_key: key, path })
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('sync_record').values(rows).execute()
      await trx.insertInto('record_audience').values(links).execute()
    })
  }
  // PostgreSQL's autovacuum analyzes a table after such a load; without its
  // statistics the planner sorts the whole kind for every page (seen: 168 s
  // instead of an index range scan). SQLite picks the index without them.
  if (server.dialect === 'postgres') await sql`analyze`.execute(db)
}

const send = (message: ServerMessage) => process.send?.(message)
const args = JSON.parse(process.argv[2] ?? '{}') as LedgerServerArgs
const server = await startBenchServer(args.dialect, {
  kinds: defaultKinds,
  adminUrl: args.adminUrl,
  listen: true,
})
const filling = performance.now()
await fill(server, args.count, args.templatesPerVillage)
const fillSeconds = (performance.now() - filling) / 1000
const { cookie } = await server.login(PHONES.county)

let measuring: { before: number; peak: number; cpu: NodeJS.CpuUsage; sampler: NodeJS.Timeout }
process.on('message', (message: string) => {
  if (message === 'start') {
    globalThis.gc?.()
    const before = process.memoryUsage().rss
    const sampler = setInterval(() => {
      measuring.peak = Math.max(measuring.peak, process.memoryUsage().rss)
    }, 20)
    measuring = { before, peak: before, cpu: process.cpuUsage(), sampler }
    send({ type: 'started' })
  } else if (message === 'stop') {
    const used = process.cpuUsage(measuring.cpu)
    clearInterval(measuring.sampler)
    const peak = Math.max(measuring.peak, process.memoryUsage().rss)
    send({
      type: 'stopped',
      cpuSeconds: (used.user + used.system) / 1e6,
      rssGrowthMb: (peak - measuring.before) / 1024 / 1024,
    })
  } else if (message === 'close') {
    void server.close().then(() => process.disconnect())
  }
})
send({ type: 'ready', baseUrl: server.baseUrl ?? '', cookie, fillSeconds })
