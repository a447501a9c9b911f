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
import type { ErrorCode } from '#shared/api/api-error.ts'
import { normalizeBallotCode } from '#shared/ballot/ballot-code.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import { withCodeLimit } from '../rate-limit/public-guard.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applySystemChange, inTransaction } from '../sync/system-change.ts'
import type { Kysely } from 'kysely'
import { BALLOT_LIMIT } from './ballot-guard.ts'
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
  await withCodeLimit(db, log, BALLOT_LIMIT, ip, async ({ now, wrongCode }) => {
    const ballot = await prepare(now)
    const code = normalizeBallotCode(typedCode)
    await inTransaction(db, async (trx) => {
      if (!code || !(await spendCode(trx, ballot.boxId, code, ballot.spentOn, now))) {
        wrongCode()
        throw new HttpError(409, ballot.badCode ?? 'ballot_code_invalid')
      }
      const { auth, kind, recordId, op, payload } = ballot
      await applySystemChange(
        { dialect, kinds, auth, log },
        trx,
        { kind, recordId, op, payload },
        now,
      )
    })
  })
}
