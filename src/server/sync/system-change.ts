/**
 * One change the server makes as a system actor on a public route (a
 * resident's ballot, an opinion sent from the public page) or in a demo seed, written through
 * the same path as a device's mutation (so it syncs, is scoped by its kind's
 * audience and is in the ledger), inside a transaction the route owns so that
 * its own bookkeeping (a spent code, a tracking hash) commits with it or not
 * at all.
 */
import { uuidv7 } from 'uuidv7'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import type { Trx } from '../db/transaction.ts'
import { HttpError } from '../plugins/errors.ts'
import { applyWithSavepoints, type PushContext } from './push.ts'

/** What the system actor changes: the rest of the mutation is the server's. */
export interface SystemChange {
  kind: string
  recordId: string
  op: string
  payload: Record<string, unknown>
}

/**
 * The mutation of `change` made by the server itself (a public route, a demo
 * seed): the record's first version as far as the device fields go, sent
 * from "device" `deviceId` at `at`.
 */
export function systemMutation(
  id: string,
  change: SystemChange,
  deviceId: 'public' | 'seed',
  at = new Date(),
): Mutation {
  return { id, ...change, baseVersion: 0, seq: 0, deviceId, createdAt: at.toISOString() }
}

/**
 * The mutation of a trigger: a change the server makes of its own accord
 * after a push (from "device" `server`, now), on version `baseVersion` of
 * the record (0: it creates the record).
 */
export function triggerMutation(change: SystemChange, baseVersion = 0): Mutation {
  return {
    id: uuidv7(),
    ...change,
    baseVersion,
    seq: 0,
    deviceId: 'server',
    createdAt: new Date().toISOString(),
  }
}

/** A change of a demo seed (`npm start`): a system mutation from the `seed` device. */
export function seedMutation(
  id: string,
  kind: string,
  recordId: string,
  op: string,
  payload: Record<string, unknown>,
): Mutation {
  return systemMutation(id, { kind, recordId, op, payload }, 'seed')
}

/**
 * Applies `change` as `ctx.auth` inside `trx`, under a savepoint as a push
 * does, so a refusal undoes only its own writes. A refusal (the kind's check
 * of the public input) is answered 400 with the kind's reason.
 */
export async function applySystemChange(
  ctx: Omit<PushContext, 'db'>,
  trx: Trx,
  change: SystemChange,
  now: Date,
): Promise<void> {
  const [result] = await applyWithSavepoints({ ...ctx, db: trx }, trx, [
    systemMutation(uuidv7(), change, 'public', now),
  ])
  if (result?.status !== 'applied') {
    throw new HttpError(
      400,
      'validation_failed',
      result?.status === 'rejected' ? result.message : undefined,
    )
  }
}
