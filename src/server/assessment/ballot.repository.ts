/**
 * One-time ballot codes: printed in batches for a campaign, stored only as
 * hashes, spent once. `spendCode` runs in the caller's transaction, the one
 * that stores the form, so a code is never spent without a form nor a form
 * stored without spending its code.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ballotCodeFromBytes } from '#shared/assessment/ballot-code.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

/** The stored hash of a (normalized) code: salted with the campaign, so a code is one campaign's. */
export function hashBallotCode(campaignId: string, code: string): string {
  return createHash('sha256').update(`${campaignId}:${code}`).digest('hex')
}

/** Makes `count` new codes for a campaign and returns them in clear, once (for printing). */
export async function issueCodes(
  db: Db,
  campaignId: string,
  count: number,
  issuedBy: string,
  now: Date,
): Promise<{ batchId: string; codes: string[] }> {
  const batchId = randomUUID()
  const codes = new Set<string>()
  while (codes.size < count) codes.add(ballotCodeFromBytes(randomBytes(8)))
  const issuedAt = now.toISOString()
  const rows = [...codes].map((code) => ({
    code_hash: hashBallotCode(campaignId, code),
    campaign_id: campaignId,
    batch_id: batchId,
    issued_by: issuedBy,
    issued_at: issuedAt,
    used_at: null,
    form_id: null,
  }))
  // A collision with an earlier batch (one in 10^9 per code) is skipped, not reissued.
  await db
    .insertInto('ballot_code')
    .values(rows)
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .execute()
  return { batchId, codes: [...codes] }
}

/**
 * Spends a code on form `formId`: true when the code belonged to the
 * campaign and was unused. One conditional UPDATE, so two phones racing
 * with one code cannot both win (the row lock on PostgreSQL, the single
 * writer on SQLite).
 */
export async function spendCode(
  db: Db,
  campaignId: string,
  code: string,
  formId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('ballot_code')
    .set({ used_at: now.toISOString(), form_id: formId })
    .where('code_hash', '=', hashBallotCode(campaignId, code))
    .where('campaign_id', '=', campaignId)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Codes printed and spent for a campaign (the station and the county compare the two). */
export async function codeCounts(
  db: Db,
  campaignId: string,
): Promise<{ issued: number; used: number }> {
  const row = await db
    .selectFrom('ballot_code')
    .select((eb) => [
      eb.fn.countAll<number>().as('issued'),
      eb.fn.count<number>('used_at').as('used'),
    ])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow()
  return { issued: Number(row.issued), used: Number(row.used) }
}
