/**
 * Bytes per record on the wire, per kind (issue #13.2), before and after the
 * lean page encoding, in one run: the plain page (what a device that does
 * not ask for `?wire=2` still gets: the old encoding) against the lean one,
 * raw and compressed as the server compresses them (brotli quality 4, gzip
 * level 6: src/server/plugins/compression.ts).
 *
 *   wire_bytes        per kind: a page of that kind's records as the county
 *                     pulls them (issue reports from the seeded generator of
 *                     test/bench/support/bulk-issues.ts; the other kinds from
 *                     the create fixtures of test/support/kind-op-specs.ts).
 *                     "issue+prose" replaces each report's description with
 *                     unique text of 60–240 characters, as real reports have
 *                     (the generator's descriptions differ only by a number,
 *                     which flatters compression).
 *   wire_bytes_served every page of the county's first sync through the real
 *                     server with Accept-Encoding br and gzip: what the
 *                     device downloads.
 *   push_bytes        a push batch of issue creates: bytes per mutation, and
 *                     how much is the envelope (ids, device, clock) rather
 *                     than the payload.
 *
 * Every lean page is decoded and must equal the plain page, or the run fails.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { uuidv7 } from 'uuidv7'
import {
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type Change,
  type PullResponse,
} from '#shared/sync/sync.protocol.ts'
import type { Actor } from '#shared/sync/record-kind.ts'
import { decodePullPage, encodePullPage, LEAN_WIRE } from '#shared/sync/wire.ts'
import { DEMO_ACTORS, sampleCreatePayload } from '#shared/issue/issue.fixtures.ts'
import { defaultKinds } from '#server/sync/kinds.ts'
import { recordKey, saveRecord } from '#server/sync/record.repository.ts'
import type { Database } from '#server/db/database.ts'
import { SPECS } from '../../support/kind-op-specs.ts'
import type { Person } from '../../support/demo-county.ts'
import { PHONES } from '../../support/demo-county.ts'
import { seededRandom, type SeededRandom } from '../../support/seeded-random.ts'
import { startBenchServer } from '../support/bench-server.ts'
import { loadIssues } from '../support/bulk-issues.ts'
import { emit, log, round, using } from './output.ts'

const SCHEMA = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) }
/** The issue kind's target after compression (issue #13.2). */
const ISSUE_TARGET = 700

interface Bytes {
  raw: number
  gzip: number
  br: number
}

function bytesOf(text: string): Bytes {
  return {
    raw: Buffer.byteLength(text),
    gzip: gzipSync(text, { level: 6 }).length,
    br: brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
  }
}

const perRecord = (bytes: Bytes, records: number): Bytes => ({
  raw: Math.round(bytes.raw / records),
  gzip: Math.round(bytes.gzip / records),
  br: Math.round(bytes.br / records),
})

function pageOf(changes: Change[]): PullResponse {
  return {
    epoch: 'e',
    cursor: 'c'.repeat(270),
    hasMore: true,
    reset: false,
    changes,
    progress: null,
  }
}

/** Median milliseconds of `step` over five runs. */
function timed(step: () => unknown): number {
  const times: number[] = []
  for (let run = 0; run < 5; run++) {
    const started = performance.now()
    step()
    times.push(performance.now() - started)
  }
  return round(times.sort((a, b) => a - b)[2] ?? Number.NaN)
}

/** Plain and lean bytes of one page; fails unless the lean page decodes to the plain one. */
function measurePage(changes: Change[]) {
  const plainText = JSON.stringify(pageOf(changes))
  const leanText = JSON.stringify(encodePullPage(pageOf(changes)))
  const decoded = JSON.stringify(decodePullPage(JSON.parse(leanText) as never))
  if (decoded !== plainText) throw new Error('lean page did not decode to the plain page')
  return {
    plain: perRecord(bytesOf(plainText), changes.length),
    lean: perRecord(bytesOf(leanText), changes.length),
    // CPU per page: the server's encode + stringify, the device's parse + decode.
    ms: {
      plainServer: timed(() => JSON.stringify(pageOf(changes))),
      leanServer: timed(() => JSON.stringify(encodePullPage(pageOf(changes)))),
      plainDevice: timed(() => JSON.parse(plainText)),
      leanDevice: timed(() => decodePullPage(JSON.parse(leanText) as never)),
    },
  }
}

const ratio = (after: Bytes, before: Bytes) => ({
  raw: round(after.raw / before.raw),
  gzip: round(after.gzip / before.gzip),
  br: round(after.br / before.br),
})

// Common characters of reports; drawn at random they compress about as real prose does.
const PROSE =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质'

function prose(random: SeededRandom): string {
  const length = 60 + random.int(181)
  let text = ''
  for (let i = 0; i < length; i++) text += PROSE[random.int(PROSE.length)] ?? '的'
  return `${text}。`
}

const AUTHORS: Partial<Record<Person, Omit<Actor, 'at'>>> = {
  villageCadre: DEMO_ACTORS.villageCadre,
  gridWorker: DEMO_ACTORS.gridWorker,
  department: DEMO_ACTORS.departmentStaff,
  county: DEMO_ACTORS.countyStaff,
}

/** `count` records of every kind but the issue, made by the kind's own create. */
async function writeOtherKinds(database: Database, count: number): Promise<string[]> {
  const written: string[] = []
  const start = Date.parse('2026-03-01T00:00:00.000Z')
  for (const spec of SPECS.filter((s) => s.kind !== 'issue')) {
    const kind = defaultKinds.get(spec.kind)
    const create = spec.ops.find((op) => op.isCreate)
    const author = AUTHORS[spec.author]
    if (!kind || !create || !author) continue
    try {
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < count; i++) {
          const at = new Date(start + i * 3_607_123).toISOString()
          const data = kind.apply(
            null,
            { op: 'create', payload: create.base(), baseVersion: 0 },
            { ...author, at },
          )
          const id = uuidv7()
          const audience = kind.audience(data)
          await saveRecord(
            trx,
            {
              key: recordKey(spec.kind, id),
              kind: spec.kind,
              id,
              version: 1,
              org_path: audience[0] ?? author.orgPath,
              data: JSON.stringify(kind.schema.parse(data)),
              created_at: at,
              updated_at: at,
            },
            { isNew: true, audience, previousAudience: [], attachments: [] },
          )
        }
      })
      written.push(spec.kind)
    } catch (error) {
      log(`wire bytes: no ${spec.kind} records (${error instanceof Error ? error.message : ''})`)
    }
  }
  return written
}

export async function benchWireBytes({ records }: { records: number }): Promise<void> {
  const server = await startBenchServer('sqlite', { kinds: defaultKinds })
  await using(server, async () => {
    await loadIssues(server.database, { count: records, villageId: 'demo-t1-v1', seed: 11 })
    await writeOtherKinds(server.database, records)
    const session = await server.login(PHONES.county)
    const pull = async (cursor: string | null, wire: boolean, encoding?: string) => {
      const query = new URLSearchParams({ limit: '500', ...(wire ? { wire: '2' } : {}) })
      if (cursor) query.set('cursor', cursor)
      const response = await server.app.inject({
        method: 'GET',
        url: `/api/sync/pull?${query.toString()}`,
        headers: {
          ...SCHEMA,
          cookie: session.cookie,
          ...(encoding ? { 'accept-encoding': encoding } : {}),
        },
      })
      if (response.statusCode !== 200) throw new Error(`pull answered ${response.statusCode}`)
      return response
    }

    // What the device downloads, page by page, through the real server.
    const served = { plain: { raw: 0, gzip: 0, br: 0 }, lean: { raw: 0, gzip: 0, br: 0 } }
    const brMs = { plain: 0, lean: 0 }
    let pages = 0
    const changes: Change[] = []
    let cursor: string | null = null
    for (;;) {
      const plain = await pull(cursor, false)
      const page = plain.json<PullResponse>()
      for (const [name, wire] of [
        ['plain', false],
        ['lean', true],
      ] as const) {
        served[name].raw += wire
          ? (await pull(cursor, true)).rawPayload.length
          : plain.rawPayload.length
        served[name].gzip += (await pull(cursor, wire, 'gzip')).rawPayload.length
        const started = performance.now()
        served[name].br += (await pull(cursor, wire, 'br')).rawPayload.length
        brMs[name] += performance.now() - started
      }
      changes.push(...page.changes)
      pages += 1
      cursor = page.cursor
      if (!page.hasMore) break
    }
    const puts = changes.flatMap((change) => (change.op === 'put' ? [change] : []))
    emit({
      bench: 'wire_bytes_served',
      viewer: 'county_staff',
      records: puts.length,
      encoding: `plain → lean (wire ${LEAN_WIRE})`,
      plainPerRecord: perRecord(served.plain, puts.length),
      leanPerRecord: perRecord(served.lean, puts.length),
      // Whole request in the server (query, projection, encoding, response
      // check, brotli), mean per page of 500.
      brRequestMsPerPage: { plain: round(brMs.plain / pages), lean: round(brMs.lean / pages) },
    })

    const byKind = new Map<string, Change[]>()
    for (const change of puts) {
      const list = byKind.get(change.record.kind) ?? []
      list.push(change)
      byKind.set(change.record.kind, list)
    }
    const random = seededRandom(5)
    byKind.set(
      'issue+prose',
      puts
        .filter((change) => change.record.kind === 'issue')
        .map((change) => ({
          ...change,
          record: { ...change.record, data: { ...change.record.data, description: prose(random) } },
        })),
    )
    for (const [kind, list] of byKind) {
      const page = list.slice(0, 500)
      const { plain, lean, ms } = measurePage(page)
      emit({
        bench: 'wire_bytes',
        kind,
        records: page.length,
        plainPerRecord: plain,
        leanPerRecord: lean,
        leanToPlain: ratio(lean, plain),
        pageMs: ms,
        ...(kind.startsWith('issue') ? { target: ISSUE_TARGET } : {}),
      })
    }
  })
  emitPushBytes()
}

/** Bytes of a push batch of 100 issue creates, envelope against payload. */
function emitPushBytes(): void {
  const deviceId = '0192f0c4-5a1e-7cc1-9f3e-4c1b2a3d4e5f'
  const random = seededRandom(9)
  const mutations = Array.from({ length: 100 }, (_, seq) => ({
    id: uuidv7(),
    kind: 'issue',
    recordId: uuidv7(),
    op: 'create',
    payload: sampleCreatePayload({ description: prose(random) }),
    baseVersion: 0,
    seq,
    deviceId,
    createdAt: new Date(Date.parse('2026-11-27T01:00:00.000Z') + seq * 61_234).toISOString(),
  }))
  const body = JSON.stringify({ mutations, epoch: 'e'.repeat(36) })
  const payloads = mutations.reduce(
    (sum, m) => sum + Buffer.byteLength(JSON.stringify(m.payload)),
    0,
  )
  const bytes = bytesOf(body)
  emit({
    bench: 'push_bytes',
    mutations: mutations.length,
    perMutation: perRecord(bytes, mutations.length),
    payloadPerMutation: Math.round(payloads / mutations.length),
    envelopePerMutation: Math.round((bytes.raw - payloads) / mutations.length),
    note: 'request bodies go raw (the server does not decompress them)',
  })
}
