/**
 * Many new records in one go, for the server's own bulk writers (an import
 * of a hotline export: thousands of reports). Each mutation passes exactly
 * the checks of a push (`checkMutation`: text guard, the kind's create,
 * schema, scope, audience, attachments), then the whole batch is written
 * with a few multi-row statements (`saveNewRecords`) under one savepoint,
 * instead of a savepoint and about ten statements per record.
 *
 * Only the plain case is batched: creates of records that do not exist
 * yet, by ids never delivered, that the server accepts and whose kind
 * declares no references (a reference could name another record of the
 * same batch, which a batch would not see yet). Anything else — a refusal,
 * a repeat delivery, a twin that commits meanwhile — runs the batch through
 * `applyWithSavepoints` instead, so every outcome is the ordinary path's.
 */
import type { ControlledTransaction } from 'kysely'
import type { Mutation, MutationResult, SyncRecord } from '#shared/sync/sync.protocol.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { KindFault } from './kind-guard.ts'
import { checkMutation, Refused, type CheckedWrite } from './mutation-check.ts'
import { projectWith } from './projection.ts'
import { applyWithSavepoints, type PushContext } from './push.ts'
import { insertChunked, saveNewRecords } from './record-batch.ts'
import { recordKey } from './record.repository.ts'

const SAVEPOINT = 'new_records'

/** Applies creates of new records inside `trx`; same results as `applyWithSavepoints`. */
export async function applyNewRecords(
  ctx: PushContext,
  trx: ControlledTransaction<DatabaseSchema>,
  mutations: readonly Mutation[],
): Promise<MutationResult[]> {
  const one = () => applyWithSavepoints(ctx, trx, mutations)
  const keys = mutations.map((m) => recordKey(m.kind, m.recordId))
  const ids = mutations.map((m) => m.id)
  const isPlain =
    mutations.every((m) => m.op === 'create') &&
    new Set(keys).size === keys.length &&
    new Set(ids).size === ids.length
  if (!isPlain || mutations.length === 0) return one()
  if (await alreadyThere(trx, keys, ids)) return one()
  const inside = { ...ctx, db: trx }
  const now = new Date()
  const writes: { write: CheckedWrite; record: SyncRecord | null }[] = []
  for (const [index, m] of mutations.entries()) {
    try {
      const write = await checkMutation(inside, m, keys[index] ?? '', now, undefined, [])
      if (write.references > 0) return await one()
      writes.push({ write, record: projectWith(write.kind, write.row, write.audience, ctx.auth) })
    } catch (error) {
      if (error instanceof Refused || error instanceof KindFault) return one()
      throw error
    }
  }
  const savepoint = await trx.savepoint(SAVEPOINT).execute()
  try {
    const delivered = mutations.map((m, index) => ({
      id: m.id,
      user_id: ctx.auth.user.id,
      device_id: m.deviceId,
      record_key: keys[index] ?? '',
      status: 'applied' as const,
      code: null,
      message: null,
      created_at: now.toISOString(),
    }))
    await insertChunked(delivered, (chunk) =>
      savepoint.insertInto('sync_mutation').values(chunk).execute(),
    )
    await saveNewRecords(
      savepoint,
      writes.map(({ write }) => write),
      ctx.auth.user.id,
    )
    await savepoint.releaseSavepoint(SAVEPOINT).execute()
  } catch (error) {
    await savepoint.rollbackToSavepoint(SAVEPOINT).execute()
    // A twin delivery or record committed since the look-up: the ordinary path answers it.
    if (isUniqueViolation(error)) return one()
    throw error
  }
  return mutations.map((m, index) => ({
    id: m.id,
    status: 'applied',
    record: writes[index]?.record ?? null,
  }))
}

/** Whether any of the records or mutation ids exists already (one round trip). */
async function alreadyThere(
  trx: ControlledTransaction<DatabaseSchema>,
  keys: readonly string[],
  ids: readonly string[],
): Promise<boolean> {
  const found = await trx
    .selectFrom('sync_record')
    .select('key as found')
    .where('key', 'in', keys)
    .unionAll(trx.selectFrom('sync_mutation').select('id as found').where('id', 'in', ids))
    .limit(1)
    .execute()
  return found.length > 0
}
