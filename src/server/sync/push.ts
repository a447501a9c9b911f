/**
 * Applying pushed mutations. One transaction per request, one savepoint per
 * mutation: claim its id, lock and load the record, check scope, let the kind apply it,
 * validate the result, write record + audience + change log. A refusal rolls
 * the changes back and is then recorded on its own, so re-sending the same
 * mutation returns the same refusal and never blocks the ones after it.
 * An exception thrown by the kind's own code is that mutation's refusal too
 * (`internal_refusal`); only a database failure fails the request.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { ControlledTransaction, Kysely } from 'kysely'
import type { Mutation, MutationResult, SyncRecord } from '#shared/sync/sync.protocol.ts'
import { MutationRejection } from '#shared/sync/record-kind.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { inTransaction } from '../db/transaction.ts'
import type { AuthContext } from '../plugins/auth.ts'
import type { KindRegistry } from './kinds.ts'
import {
  findAudience,
  findRecord,
  lockRecords,
  recordKey,
  saveRecord,
} from './record.repository.ts'
import { findMutation, insertMutation, type MutationRow } from './mutation.repository.ts'
import { guarded, internalRefusal, KindFault } from './kind-guard.ts'
import { checkMutation, Refused } from './mutation-check.ts'
import { handedOverFrom, handoverRefusal, mayLearnOutcome } from './handed-over.ts'
import { projectWith } from './projection.ts'

type Db = Kysely<DatabaseSchema>

export interface PushContext {
  db: Db
  dialect: DialectName
  kinds: KindRegistry
  auth: AuthContext
  /** Where a kind's exception is reported (the request's logger). */
  log?: FastifyBaseLogger
}

/**
 * The server's record as the author may see it, sent with a refusal or a
 * duplicate. A kind whose view throws on it answers null rather than failing
 * the whole request (the fault is logged).
 */
async function currentRecord(ctx: PushContext, key: string): Promise<SyncRecord | null> {
  const row = await findRecord(ctx.db, ctx.dialect, key)
  const kind = row && ctx.kinds.get(row.kind)
  if (!row || !kind) return null
  const audience = await findAudience(ctx.db, key)
  try {
    return projectWith(guarded(kind), row, audience, ctx.auth)
  } catch (error) {
    if (!(error instanceof KindFault)) throw error
    ctx.log?.error({ err: error.cause, recordKey: key, part: error.part }, 'record kind threw')
    return null
  }
}

/** The stored outcome of an earlier delivery, answered as a duplicate. */
async function duplicateOf(ctx: PushContext, prior: MutationRow): Promise<MutationResult> {
  const record = await currentRecord(ctx, prior.record_key)
  return {
    id: prior.id,
    status: 'duplicate',
    original: prior.status,
    ...(prior.code ? { code: prior.code } : {}),
    ...(prior.message ? { message: prior.message } : {}),
    record,
  }
}

function mutationRow(
  ctx: PushContext,
  m: Mutation,
  status: MutationRow['status'],
  now: Date,
  rejection?: MutationRejection,
): MutationRow {
  return {
    id: m.id,
    user_id: ctx.auth.user.id,
    device_id: m.deviceId,
    record_key: recordKey(m.kind, m.recordId),
    status,
    code: rejection?.code ?? null,
    message: rejection?.message ?? null,
    created_at: now.toISOString(),
    handed_over_from: handedOverFrom(ctx.auth, m),
  }
}

/** Runs `work` so that a failure undoes only its own writes. */
type Isolate = <T>(work: (db: Db) => Promise<T>) => Promise<T>

/**
 * Work run inside a push's transaction `trx` (also `ctx.db`), after its
 * mutations and before it commits; a throw fails the whole request.
 */
export type WithinPush = (
  ctx: PushContext,
  trx: ControlledTransaction<DatabaseSchema>,
  results: readonly MutationResult[],
) => Promise<void>

/** PostgreSQL's answers to a lock cycle or a serialisation conflict: the batch may run again. */
const RETRYABLE = new Set(['40P01', '40001'])
const ATTEMPTS = 3

/**
 * Applies a pushed batch in order, on both dialects in one transaction for
 * the whole request with a savepoint per mutation: a refusal still undoes
 * only its own mutation, while commits (PostgreSQL round trips and WAL
 * flushes) drop from one per mutation to one per request. A crash part-way
 * commits nothing of the batch; the device sends it again. `within` runs in
 * the same transaction, so what a mutation entails on other records (a
 * private matter leaving a discussion day) commits with it or not at all.
 *
 * PostgreSQL: the batch's existing records are locked first, in key order,
 * so two batches touching the same records queue instead of deadlocking;
 * a deadlock or serialisation failure that still happens (a record the kind
 * reads or `within` writes) re-runs the whole batch, whose writes were all
 * rolled back.
 */
export async function applyBatch(
  ctx: PushContext,
  mutations: readonly Mutation[],
  within?: WithinPush,
): Promise<MutationResult[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyBatchOnce(ctx, mutations, within)
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error
      ctx.log?.warn({ err: error, attempt }, 'push batch hit a lock conflict; running it again')
    }
  }
}

function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    RETRYABLE.has(error.code)
  )
}

async function applyBatchOnce(
  ctx: PushContext,
  mutations: readonly Mutation[],
  within?: WithinPush,
): Promise<MutationResult[]> {
  return inTransaction(ctx.db, async (trx) => {
    const inside = { ...ctx, db: trx }
    if (ctx.dialect === 'postgres') {
      await lockRecords(
        trx,
        mutations.map((m) => recordKey(m.kind, m.recordId)),
      )
    }
    const results = await applyWithSavepoints(inside, trx, mutations)
    await within?.(inside, trx, results)
    return results
  })
}

/**
 * Applies `mutations` in order inside the caller's transaction `trx`, each
 * under its own savepoint (released on success, rolled back on a refusal).
 */
export async function applyWithSavepoints(
  ctx: PushContext,
  trx: ControlledTransaction<DatabaseSchema>,
  mutations: readonly Mutation[],
): Promise<MutationResult[]> {
  const results: MutationResult[] = []
  for (const [index, m] of mutations.entries()) {
    const name = `mutation_${index}`
    results.push(
      await applyMutation({ ...ctx, db: trx }, m, async (work) => {
        const savepoint = await trx.savepoint(name).execute()
        try {
          const result = await work(savepoint)
          await savepoint.releaseSavepoint(name).execute()
          return result
        } catch (error) {
          await savepoint.rollbackToSavepoint(name).execute()
          throw error
        }
      }),
    )
  }
  return results
}

/** Applies one mutation exactly once, whatever the number of deliveries. */
export async function applyMutation(
  ctx: PushContext,
  m: Mutation,
  isolate: Isolate,
): Promise<MutationResult> {
  // No lookup first: claiming the id is the first write of the unit of work,
  // and a repeat delivery fails that claim and is answered from the record
  // of the first (one statement less per mutation on the common path).
  const now = new Date()
  const key = recordKey(m.kind, m.recordId)
  const handover = await handoverRefusal(ctx, m)
  if (handover) return recordRefusal(ctx, m, handover, now, isolate)
  try {
    const record = await isolate(async (db) => {
      await insertMutation(db, mutationRow(ctx, m, 'applied', now))
      return applyInTransaction({ ...ctx, db }, m, key, now)
    })
    return { id: m.id, status: 'applied', record }
  } catch (error) {
    if (error instanceof Refused) return recordRefusal(ctx, m, error.rejection, now, isolate)
    if (error instanceof KindFault) {
      // Its writes are undone (savepoint or transaction); the refusal is recorded on its own.
      ctx.log?.error(
        { err: error.cause, mutationId: m.id, kind: m.kind, op: m.op, part: error.part },
        'record kind threw; mutation refused',
      )
      return recordRefusal(ctx, m, internalRefusal(), now, isolate)
    }
    if (isUniqueViolation(error)) {
      // Delivered before (or a twin committed first): answer as it was answered.
      const twin = await findMutation(ctx.db, m.id)
      if (twin) return answerPrior(ctx, m, twin)
      return recordRefusal(
        ctx,
        m,
        new MutationRejection('conflict', '该记录已存在，请刷新后再试'),
        now,
        isolate,
      )
    }
    throw error
  }
}

async function answerPrior(
  ctx: PushContext,
  m: Mutation,
  prior: MutationRow,
): Promise<MutationResult> {
  if (!mayLearnOutcome(ctx.auth, m, prior) || prior.record_key !== recordKey(m.kind, m.recordId)) {
    return {
      id: m.id,
      status: 'rejected',
      code: 'id_conflict',
      message: '同步编号冲突，请重新保存',
      record: null,
    }
  }
  return duplicateOf(ctx, prior)
}

async function recordRefusal(
  ctx: PushContext,
  m: Mutation,
  rejection: MutationRejection,
  now: Date,
  isolate: Isolate,
): Promise<MutationResult> {
  try {
    // Isolated: in a PostgreSQL transaction a failed statement aborts the batch. Not
    // for a handed-over change: its author's phone may still send it (handed-over.ts).
    if (!handedOverFrom(ctx.auth, m)) {
      await isolate((db) => insertMutation(db, mutationRow(ctx, m, 'rejected', now, rejection)))
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    const twin = await findMutation(ctx.db, m.id)
    if (twin) return answerPrior(ctx, m, twin)
  }
  return {
    id: m.id,
    status: 'rejected',
    code: rejection.code,
    message: rejection.message,
    record: await currentRecord(ctx, recordKey(m.kind, m.recordId)),
  }
}

async function applyInTransaction(
  ctx: PushContext,
  m: Mutation,
  key: string,
  now: Date,
): Promise<SyncRecord | null> {
  const row = await findRecord(ctx.db, ctx.dialect, key, { lock: 'update' })
  const previousAudience = row ? await findAudience(ctx.db, key) : []
  const write = await checkMutation(ctx, m, key, now, row, previousAudience)
  await saveRecord(ctx.db, write.row, { ...write, linkedBy: ctx.auth.user.id })
  // Null when the author's own change took the record out of their sight.
  return projectWith(write.kind, write.row, write.audience, ctx.auth)
}
