/**
 * One page of a pull. A device without a cursor (or whose epoch or scope
 * changed) first copies the records in its scope page by page ("snapshot"),
 * then follows the change log from a position taken before the copy began;
 * overlap is harmless because devices keep the higher version.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Change, PullResponse, SyncRecord } from '#shared/sync/sync.protocol.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { scopePathOf } from '../plugins/scope.ts'
import { encodeCursor, scopeKey, type Cursor } from './cursor.ts'
import type { KindRegistry } from './kinds.ts'
import { projectRecord } from './projection.ts'
import type { RecordRow } from './record.repository.ts'
import {
  countInScope,
  findAudiences,
  findRecords,
  laterPosition,
  logStartPosition,
  readLog,
  readSnapshot,
  settledLogPosition,
} from './record.repository.ts'

export interface PullContext {
  db: Kysely<DatabaseSchema>
  dialect: DialectName
  kinds: KindRegistry
  auth: AuthContext
  epoch: string
  /** Where a kind's exception is reported (the request's logger). */
  log?: FastifyBaseLogger
}

/**
 * The record as this puller may see it; `undefined` when the kind's own code
 * threw on it. Such a record is left out of the page (logged at error level
 * with its key) instead of failing every pull of everyone who can see it: one
 * bad record must not stop a whole township's sync. It is sent again with its
 * next change once the kind is fixed.
 */
function safeProject(
  ctx: PullContext,
  row: RecordRow,
  audience: readonly string[],
): SyncRecord | null | undefined {
  try {
    return projectRecord(ctx.kinds, row, audience, ctx.auth)
  } catch (error) {
    ctx.log?.error({ err: error, recordKey: row.key }, 'record kind threw while projecting a pull')
    return undefined
  }
}

export async function pullPage(
  ctx: PullContext,
  cursor: Cursor | null,
  limit: number,
): Promise<PullResponse> {
  const scope = scopePathOf(ctx.auth)
  const key = scopeKey(ctx.auth.user.role, scope)
  const isCurrent = cursor !== null && cursor.epoch === ctx.epoch && cursor.scope === key
  // A cursor from another epoch or scope: the device drops its synced copy and starts over.
  const reset = cursor !== null && !isCurrent
  const start: Cursor =
    isCurrent && cursor
      ? cursor
      : {
          v: 1,
          epoch: ctx.epoch,
          scope: key,
          phase: 'snapshot',
          after: '',
          from: await logStartPosition(ctx.db, ctx.dialect),
          done: 0,
          total: await countInScope(ctx.db, scope),
        }
  const page =
    start.phase === 'snapshot'
      ? await snapshotPage(ctx, start, limit)
      : await logPage(ctx, start, limit)
  return { epoch: ctx.epoch, reset, ...page }
}

async function snapshotPage(
  ctx: PullContext,
  cursor: Extract<Cursor, { phase: 'snapshot' }>,
  limit: number,
): Promise<Omit<PullResponse, 'epoch' | 'reset'>> {
  const rows = await readSnapshot(ctx.db, scopePathOf(ctx.auth), cursor.after, limit)
  const audiences = await findAudiences(
    ctx.db,
    rows.map((row) => row.key),
  )
  const changes: Change[] = []
  for (const row of rows) {
    const record = safeProject(ctx, row, audiences.get(row.key) ?? [])
    if (record) changes.push({ op: 'put', record })
  }
  const done = cursor.done + rows.length
  const last = rows.at(-1)
  const next: Cursor =
    rows.length < limit || !last
      ? { v: 1, epoch: cursor.epoch, scope: cursor.scope, phase: 'log', from: cursor.from }
      : { ...cursor, after: last.key, done }
  return {
    cursor: encodeCursor(next),
    // After the last snapshot page the log may hold changes made meanwhile.
    hasMore: true,
    changes,
    progress: { done, total: Math.max(cursor.total, done) },
  }
}

async function logPage(
  ctx: PullContext,
  cursor: Extract<Cursor, { phase: 'log' }>,
  limit: number,
): Promise<Omit<PullResponse, 'epoch' | 'reset'>> {
  // Read first: everything up to it is settled, so it is safe to skip to.
  const settled = await settledLogPosition(ctx.db, ctx.dialect)
  const entries = await readLog(ctx.db, ctx.dialect, scopePathOf(ctx.auth), cursor.from, limit)
  // Several changes of one record in a page: send its current state once.
  const keys = [...new Set(entries.map((entry) => entry.record_key))]
  const [rows, audiences] = await Promise.all([
    findRecords(ctx.db, keys),
    findAudiences(ctx.db, keys),
  ])
  const byKey = new Map(rows.map((row) => [row.key, row]))
  const changes: Change[] = []
  for (const key of keys) {
    const row = byKey.get(key)
    const record = row ? safeProject(ctx, row, audiences.get(key) ?? []) : null
    if (record === undefined) continue
    if (record) changes.push({ op: 'put', record })
    else {
      // Out of this user's sight now (moved away or removed): the device drops it.
      const [kind = '', id = ''] = splitKey(key)
      changes.push({ op: 'del', kind, id })
    }
  }
  const last = entries.at(-1)
  const reached = last ? { txid: last.txid, seq: last.seq } : cursor.from
  const hasMore = entries.length === limit
  // Nothing more for this user up to the settled position: jump there, so a
  // quiet unit does not re-walk other units' changes on every pull.
  const from = hasMore ? reached : laterPosition(reached, settled)
  return { cursor: encodeCursor({ ...cursor, from }), hasMore, changes, progress: null }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':')
  return [key.slice(0, at), key.slice(at + 1)]
}
