/**
 * One resident's ballot cast with a one-time code, for every public ballot
 * route (assessment forms, livelihood rankings): the per-address limits are
 * reserved first, then one transaction spends the code and applies the
 * ballot's mutation as the route's system actor through the same write path
 * as a device (so it syncs, is scoped by its kind's audience and is in the
 * ledger). Neither happens without the other; a parallel burst with one code
 * records one ballot (the conditional UPDATE in `spendCode`).
 */
import type { FastifyBaseLogger } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { ErrorCode } from '#shared/api/api-error.ts'
import { normalizeBallotCode } from '#shared/ballot/ballot-code.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyMutation } from '../sync/push.ts'
import type { Kysely } from 'kysely'
import { reserveBallot, settleBallot } from './ballot-guard.ts'
import { spendCode } from './ballot.repository.ts'

/** What a route needs to record a ballot. */
export interface BallotContext {
  db: Kysely<DatabaseSchema>
  dialect: DialectName
  kinds: KindRegistry
  log: FastifyBaseLogger
}

/** The ballot a route has checked: which box's code, whose system actor, and what to apply. */
export interface PreparedBallot {
  /** The ballot box the code must belong to (campaign or ranking id). */
  boxId: string
  /** The system actor the change is made as. */
  auth: AuthContext
  kind: string
  recordId: string
  op: string
  payload: Record<string, unknown>
  /** What the code is marked as spent on (a form id; the box itself when the ballot is secret). */
  spentOn: string
  /** The refusal of a wrong or spent code, in the box's words (评议码, 排序码). */
  badCode?: ErrorCode
}

/**
 * Records a ballot with `typedCode` from address `ip`. `prepare` loads and
 * checks the box (throwing an HttpError for a missing or closed one); it runs
 * after the rate limits are reserved, so a burst cannot probe boxes for free.
 */
export async function castPublicBallot(
  ctx: BallotContext,
  ip: string,
  typedCode: string,
  prepare: (now: Date) => Promise<PreparedBallot>,
): Promise<void> {
  const { db, dialect, kinds, log } = ctx
  const now = new Date()
  const attempt = await reserveBallot(db, ip, now)
  if (!attempt) throw new HttpError(429, 'too_many_ballots')
  let isBadCode = false
  try {
    const ballot = await prepare(now)
    const code = normalizeBallotCode(typedCode)
    const trx = await db.startTransaction().execute()
    try {
      if (!code || !(await spendCode(trx, ballot.boxId, code, ballot.spentOn, now))) {
        isBadCode = true
        throw new HttpError(409, ballot.badCode ?? 'ballot_code_invalid')
      }
      const result = await applyMutation(
        { db: trx, dialect, kinds, auth: ballot.auth, log },
        {
          id: uuidv7(),
          kind: ballot.kind,
          recordId: ballot.recordId,
          op: ballot.op,
          payload: ballot.payload,
          baseVersion: 0,
          seq: 0,
          deviceId: 'public',
          createdAt: now.toISOString(),
        },
        // A savepoint, as applyBatch uses on SQLite: a refusal undoes only the ballot's writes.
        async (work) => {
          const savepoint = await trx.savepoint('ballot').execute()
          try {
            const applied = await work(savepoint)
            await savepoint.releaseSavepoint('ballot').execute()
            return applied
          } catch (error) {
            await savepoint.rollbackToSavepoint('ballot').execute()
            throw error
          }
        },
      )
      if (result.status !== 'applied') {
        throw new HttpError(
          400,
          'validation_failed',
          result.status === 'rejected' ? result.message : undefined,
        )
      }
      await trx.commit().execute()
    } catch (error) {
      await trx.rollback().execute()
      throw error
    }
  } finally {
    // Giving back an unused wrong-code slot must not turn the answer into a
    // 500: a slot kept by mistake only counts as one wrong code.
    await settleBallot(db, attempt, ip, isBadCode).catch((error: unknown) =>
      log.error({ err: error }, 'ballot rate limit not settled'),
    )
  }
}
