/**
 * A minimal sync client for integration tests: push and pull through
 * `app.inject()` with the schema header, answers checked against the shared
 * protocol schemas, and a `Replica` that applies pulled pages the way a
 * device does (keep the higher version; drop on 'del'; wipe on reset).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import {
  pullResponseSchema,
  pushResponseSchema,
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type Mutation,
  type MutationResult,
  type PullResponse,
  type SyncRecord,
} from '#shared/sync/sync.protocol.ts'
import type { Database } from '#server/db/database.ts'
import { PHONES, type Person } from './demo-county.ts'
import { countRows, type TestServer } from './test-server.ts'

export const SCHEMA_HEADERS = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) }

/** POST /api/sync/push with any body and headers; the raw answer. */
export function pushRaw(
  app: FastifyInstance,
  cookie: string | null,
  body: unknown,
  headers: Record<string, string> = SCHEMA_HEADERS,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/sync/push',
    // A serialized body, so a test can send any shape (inject would label a string text/plain).
    headers: { 'content-type': 'application/json', ...headers, ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify(body),
  })
}

/** Pushes a batch; expects 200 and returns the results, checked against the protocol. */
export async function push(
  app: FastifyInstance,
  cookie: string,
  mutations: Mutation[],
): Promise<MutationResult[]> {
  const response = await pushRaw(app, cookie, { mutations })
  expect(response.statusCode, response.body).toBe(200)
  const body = pushResponseSchema.parse(response.json())
  expect(body.results.map((result) => result.id)).toEqual(mutations.map((mutation) => mutation.id))
  return body.results
}

/** Pushes one mutation and returns its result. */
export async function pushOne(
  app: FastifyInstance,
  cookie: string,
  mutation: Mutation,
): Promise<MutationResult> {
  const [result] = await push(app, cookie, [mutation])
  if (!result) throw new Error('push answered no result')
  return result
}

/** Pushes one mutation that must apply; returns the record as the author sees it. */
export async function pushApplied(
  app: FastifyInstance,
  cookie: string,
  mutation: Mutation,
): Promise<SyncRecord> {
  const result = await pushOne(app, cookie, mutation)
  if (result.status !== 'applied' || !result.record)
    throw new Error(`expected applied and visible, got ${JSON.stringify(result)}`)
  return result.record
}

export interface PullOptions {
  cursor?: string | null
  limit?: number
  headers?: Record<string, string>
  /** The page encoding asked for (`?wire=`); none by default, as older devices ask. */
  wire?: string
}

/** GET /api/sync/pull; the raw answer. */
export function pullRaw(
  app: FastifyInstance,
  cookie: string | null,
  { cursor = null, limit, headers = SCHEMA_HEADERS, wire }: PullOptions = {},
): Promise<LightMyRequestResponse> {
  const query: Record<string, string> = {}
  if (cursor !== null) query.cursor = cursor
  if (wire !== undefined) query.wire = wire
  if (limit !== undefined) query.limit = String(limit)
  return app.inject({
    method: 'GET',
    url: '/api/sync/pull',
    query,
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  })
}

/** One page; expects 200 and returns it, checked against the protocol. */
export async function pull(
  app: FastifyInstance,
  cookie: string,
  options: PullOptions = {},
): Promise<PullResponse> {
  const response = await pullRaw(app, cookie, options)
  expect(response.statusCode, response.body).toBe(200)
  return pullResponseSchema.parse(response.json())
}

/**
 * A device's synced copy. `pages` keeps every page it applied; `regressions`
 * lists puts that carried a lower version than one already received (the
 * server must never send those: versions only grow along one pull).
 */
export class Replica {
  readonly records = new Map<string, SyncRecord>()
  readonly pages: PullResponse[] = []
  readonly regressions: string[] = []
  /** Every put ever received, as `id@version`. */
  readonly received: string[] = []
  cursor: string | null = null
  private readonly highest = new Map<string, number>()

  constructor(
    private readonly app: FastifyInstance,
    public cookie: string,
  ) {}

  apply(page: PullResponse): void {
    this.pages.push(page)
    if (page.reset) {
      this.records.clear()
      this.highest.clear()
    }
    for (const change of page.changes) {
      if (change.op === 'del') {
        this.records.delete(change.id)
        continue
      }
      const { record } = change
      this.received.push(`${record.id}@${record.version}`)
      const highest = this.highest.get(record.id) ?? 0
      if (record.version < highest)
        this.regressions.push(`${record.id}: ${record.version} after ${highest}`)
      this.highest.set(record.id, Math.max(highest, record.version))
      const local = this.records.get(record.id)
      if (!local || record.version > local.version) this.records.set(record.id, record)
    }
    this.cursor = page.cursor
  }

  /** Pulls one page from the saved cursor and applies it. */
  async step(limit?: number): Promise<PullResponse> {
    const page = await pull(this.app, this.cookie, {
      cursor: this.cursor,
      ...(limit ? { limit } : {}),
    })
    this.apply(page)
    return page
  }

  /** Pulls until the server says there is no more (bounded, so a bug cannot loop forever). */
  async sync(limit?: number, maxPages = 1000): Promise<this> {
    for (let page = 0; page < maxPages; page++) {
      if (!(await this.step(limit)).hasMore) return this
    }
    throw new Error(`pull did not finish within ${maxPages} pages`)
  }

  /** id → version, for comparing two replicas. */
  versions(): Record<string, number> {
    return Object.fromEntries(
      [...this.records.values()].map((record) => [record.id, record.version]).sort(),
    )
  }

  ids(): string[] {
    return [...this.records.keys()].sort()
  }
}

/** Change-log entries written for one record. */
export async function changeCount(database: Database, kind: string, id: string): Promise<number> {
  const row = await database.db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('record_key', '=', `${kind}:${id}`)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Stored mutations with this id (0 or 1). */
export async function mutationCount(database: Database, id: string): Promise<number> {
  const row = await database.db
    .selectFrom('sync_mutation')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The stored version of a record, or null. */
export async function storedVersion(
  database: Database,
  kind: string,
  id: string,
): Promise<number | null> {
  const row = await database.db
    .selectFrom('sync_record')
    .select('version')
    .where('key', '=', `${kind}:${id}`)
    .executeTakeFirst()
  return row ? Number(row.version) : null
}

/**
 * After creates were sent, cut and sent again: each mutation is stored once,
 * each record exists at version 1, and each has exactly one change-log entry
 * (nothing lost, nothing applied twice).
 */
export async function expectCreatedOnce(
  database: Database,
  creates: readonly Mutation[],
): Promise<void> {
  const ids = creates.map((mutation) => mutation.id)
  const keys = creates.map((mutation) => `${mutation.kind}:${mutation.recordId}`)
  const { db } = database
  const stored = await db.selectFrom('sync_mutation').select('id').where('id', 'in', ids).execute()
  expect(stored).toHaveLength(creates.length)
  const records = await db
    .selectFrom('sync_record')
    .select('version')
    .where('key', 'in', keys)
    .execute()
  expect(records.map((record) => Number(record.version))).toEqual(Array(creates.length).fill(1))
  const changes = await db
    .selectFrom('change_log')
    .select('seq')
    .where('record_key', 'in', keys)
    .execute()
  expect(changes).toHaveLength(creates.length)
}

/** Row counts of every table a push writes: equal before and after means "nothing written". */
export function syncWrites(database: Database): Promise<number[]> {
  return Promise.all(
    (
      [
        'sync_mutation',
        'sync_record',
        'change_log',
        'change_audience',
        'record_audience',
        'record_blob',
      ] as const
    ).map((table) => countRows(database, table)),
  )
}

/** Logs each person in once; returns their `Cookie` header by person. */
export async function loginAll(
  server: Pick<TestServer, 'login'>,
  people: readonly Person[],
): Promise<(person: Person) => string> {
  const cookies = new Map<Person, string>()
  for (const person of people) cookies.set(person, await server.login(PHONES[person]))
  return (person) => {
    const cookie = cookies.get(person)
    if (!cookie) throw new Error(`${person} was not logged in`)
    return cookie
  }
}
