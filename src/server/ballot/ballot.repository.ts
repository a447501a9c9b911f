/**
 * One-time ballot codes: printed in sheets (batches) for a ballot box — an
 * assessment campaign or a livelihood ranking, named `campaignId` here and
 * in the table (the id of whichever box) — stored only as hashes, spent once. A sheet's codes are derived from the server's
 * secret and the sheet's id (ADR 0007), so the cadre who issued it can show
 * and print it again; the database alone cannot. `spendCode` runs in the
 * caller's transaction, the one that stores the form (or the ranking's
 * ballot), so a code is never spent without its ballot nor a ballot stored
 * without spending its code.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ballotCodeFromBytes } from '#shared/ballot/ballot-code.ts'
import type { SheetCodes, SheetSummary } from '#shared/ballot/ballot.api.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

/** The stored hash of a (normalized) code: salted with the campaign, so a code is one campaign's. */
export function hashBallotCode(campaignId: string, code: string): string {
  return createHash('sha256').update(`${campaignId}:${code}`).digest('hex')
}

/** Code number `index` of a sheet: HMAC-SHA256(secret, campaign:sheet:index), first 8 bytes. */
function deriveCode(secret: string, campaignId: string, batchId: string, index: number): string {
  return ballotCodeFromBytes(
    createHmac('sha256', secret).update(`${campaignId}:${batchId}:${index}`).digest(),
  )
}

/**
 * Codes 0, 1, 2, … of a sheet, without repeats, until `isEnough` says stop
 * or `limit` indexes were tried: issuing and showing a sheet walk the same
 * sequence, so they agree.
 */
function* sheetCodes(
  secret: string,
  campaignId: string,
  batchId: string,
  limit: number,
): Generator<string> {
  const seen = new Set<string>()
  for (let index = 0; index < limit; index++) {
    const code = deriveCode(secret, campaignId, batchId, index)
    if (seen.has(code)) continue
    seen.add(code)
    yield code
  }
}

/** Extra indexes tried beyond a sheet's size, for codes skipped as repeats (one in 10^9 each). */
const SPARE_INDEXES = 64

/** Makes a sheet of `count` new codes for a campaign; returns its id. */
export async function issueCodes(
  db: Db,
  secret: string,
  campaignId: string,
  count: number,
  issuedBy: string,
  now: Date,
): Promise<string> {
  const batchId = randomUUID()
  const codes: string[] = []
  for (const code of sheetCodes(secret, campaignId, batchId, count + SPARE_INDEXES)) {
    codes.push(code)
    if (codes.length === count) break
  }
  const issuedAt = now.toISOString()
  const rows = codes.map((code) => ({
    code_hash: hashBallotCode(campaignId, code),
    campaign_id: campaignId,
    batch_id: batchId,
    issued_by: issuedBy,
    issued_at: issuedAt,
    used_at: null,
    form_id: null,
  }))
  // A collision with an earlier sheet (one in 10^9 per code) is skipped: the
  // code stays that sheet's, and this sheet shows one code fewer.
  await db
    .insertInto('ballot_code')
    .values(rows)
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .execute()
  return batchId
}

/** Who issued sheet `batchId`, for which campaign and when; undefined when there is none. */
export async function findSheetOwner(
  db: Db,
  batchId: string,
): Promise<{ campaignId: string; issuedBy: string; issuedAt: string } | undefined> {
  const row = await db
    .selectFrom('ballot_code')
    .select(['campaign_id', 'issued_by', 'issued_at'])
    .where('batch_id', '=', batchId)
    .executeTakeFirst()
  return row && { campaignId: row.campaign_id, issuedBy: row.issued_by, issuedAt: row.issued_at }
}

/**
 * Sheet `batchId` in clear, each code with whether it was spent: its codes
 * derived again and matched with the stored hashes. A sheet issued before
 * codes were derived (ADR 0005) matches none and comes back empty.
 */
export async function readSheet(
  db: Db,
  secret: string,
  batchId: string,
): Promise<{ codes: SheetCodes }> {
  const rows = await db
    .selectFrom('ballot_code')
    .select(['code_hash', 'campaign_id', 'used_at'])
    .where('batch_id', '=', batchId)
    .execute()
  const [first] = rows
  if (!first) return { codes: [] }
  const usedByHash = new Map(rows.map((row) => [row.code_hash, row.used_at !== null]))
  const codes: SheetCodes = []
  const limit = rows.length + SPARE_INDEXES
  for (const code of sheetCodes(secret, first.campaign_id, batchId, limit)) {
    const isUsed = usedByHash.get(hashBallotCode(first.campaign_id, code))
    if (isUsed !== undefined) codes.push({ code, isUsed })
    if (codes.length === rows.length) break
  }
  return { codes }
}

/** The sheets one person issued for a campaign, newest first, with their size and codes spent. */
export async function listSheets(
  db: Db,
  campaignId: string,
  issuedBy: string,
): Promise<SheetSummary[]> {
  const rows = await db
    .selectFrom('ballot_code')
    .select((eb) => [
      'batch_id',
      eb.fn.min('issued_at').as('issued_at'),
      eb.fn.countAll<number>().as('count'),
      eb.fn.count<number>('used_at').as('used'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('issued_by', '=', issuedBy)
    .groupBy('batch_id')
    .orderBy('issued_at', 'desc')
    .execute()
  return rows.map((row) => ({
    batchId: row.batch_id,
    issuedAt: String(row.issued_at),
    count: Number(row.count),
    used: Number(row.used),
  }))
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
