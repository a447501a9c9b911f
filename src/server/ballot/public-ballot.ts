/**
 * One resident's ballot cast with a one-time code, for every public ballot
 * route (assessment forms, livelihood rankings): the per-address limits are
 * reserved first, then one transaction spends the code and applies the
 * ballot's mutation as the route's system actor through the same write path
 * as a device (so it syncs, is scoped by its kind's audience and is in the
 * ledger). Neither happens without the other; a parallel burst with one code
 * records one ballot (the conditional UPDATE in `spendCode`).
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ErrorCode } from '#shared/api/api-error.ts'
import { normalizeBallotCode } from '#shared/ballot/ballot-code.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { HttpError } from '../plugins/errors.ts'
import { withCodeLimit } from '../rate-limit/public-guard.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { inTransaction } from '../db/transaction.ts'
import { applySystemChange } from '../sync/system-change.ts'
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

/** One kind of box's public ballot route (see `publicBallotRoute`). */
export interface BallotRouteOptions<Body extends { code: string }> {
  /** `POST` casts a ballot in box `:id`. */
  url: string
  /** The largest body accepted, in bytes. */
  bodyLimit: number
  body: z.ZodType<Body>
  /** Loads and checks box `boxId` for `body` (see `castPublicBallot`'s `prepare`). */
  prepare(this: void, boxId: string, body: Body, now: Date): Promise<PreparedBallot>
  /** Runs once the ballot is recorded. */
  afterCast?(this: void, boxId: string, log: FastifyBaseLogger): Promise<unknown>
}

/**
 * Registers the public `POST url` that casts a resident's ballot in box `:id`
 * and answers only "recorded": never anything about the box's other ballots.
 */
export function publicBallotRoute<Body extends { code: string }>(
  app: FastifyInstance,
  kinds: KindRegistry,
  options: BallotRouteOptions<Body>,
): void {
  const { db, dialect } = app.database
  app.withTypeProvider<ZodTypeProvider>().post(
    options.url,
    {
      bodyLimit: options.bodyLimit,
      schema: {
        params: z.object({ id: z.string().max(64) }),
        body: options.body,
        response: { 201: z.object({ status: z.literal('recorded') }) },
      },
    },
    async (request, reply) => {
      const boxId = request.params.id
      const { log } = request
      // Validated against `options.body`; the provider cannot see through the generic.
      const body = request.body as Body
      await castPublicBallot({ db, dialect, kinds, log }, request.ip, body.code, (now) =>
        options.prepare(boxId, body, now),
      )
      await options.afterCast?.(boxId, log)
      return reply.code(201).send({ status: 'recorded' })
    },
  )
}
