/** SQL of import sources and their tickets (the dedupe key of imported reports). */
import type { Kysely } from 'kysely'
import { uuidv7 } from 'uuidv7'
import {
  importColumnsSchema,
  type ImportSource,
  type ImportSourceInput,
} from '#shared/import/import.schema.ts'
import { ISSUE_CATEGORIES } from '#shared/issue/issue.schema.ts'
import { IMPORT_CHANNELS } from '#shared/import/import.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { isUniqueViolation } from '../db/db-errors.ts'
import { HttpError } from '../plugins/errors.ts'
import type { ImportSourceTable } from './import.table.ts'

type Db = Kysely<DatabaseSchema>

function toSource(row: ImportSourceTable): ImportSource {
  const channel = IMPORT_CHANNELS.find((c) => c === row.channel) ?? 'phone_call'
  const category = ISSUE_CATEGORIES.find((c) => c === row.category) ?? 'public_interest'
  return {
    id: row.id,
    name: row.name,
    channel,
    category,
    columns: importColumnsSchema.parse(JSON.parse(row.columns)),
    updatedAt: row.updated_at,
  }
}

/** The sources of a county, by name. */
export async function listSources(db: Db, countyId: string): Promise<ImportSource[]> {
  const rows = await db
    .selectFrom('import_source')
    .selectAll()
    .where('county_id', '=', countyId)
    .orderBy('name')
    .execute()
  return rows.map(toSource)
}

/** One source of a county, or undefined (also when it is another county's). */
export async function findSource(
  db: Db,
  countyId: string,
  id: string,
): Promise<ImportSource | undefined> {
  const row = await db
    .selectFrom('import_source')
    .selectAll()
    .where('id', '=', id)
    .where('county_id', '=', countyId)
    .executeTakeFirst()
  return row && toSource(row)
}

/** Creates a source, or saves a county's existing one; 409 when another has the name. */
export async function saveSource(
  db: Db,
  countyId: string,
  id: string | null,
  input: ImportSourceInput,
  userId: string,
  now: Date,
): Promise<ImportSource> {
  const values = {
    name: input.name,
    channel: input.channel,
    category: input.category,
    columns: JSON.stringify(input.columns),
    updated_by: userId,
    updated_at: now.toISOString(),
  }
  try {
    if (id === null) {
      const created = { id: uuidv7(), county_id: countyId, ...values }
      await db.insertInto('import_source').values(created).execute()
      return toSource(created)
    }
    const result = await db
      .updateTable('import_source')
      .set(values)
      .where('id', '=', id)
      .where('county_id', '=', countyId)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) throw new HttpError(404, 'not_found')
    return toSource({ id, county_id: countyId, ...values })
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'import_source_taken')
    throw error
  }
}

/** Which of `tickets` a source already imported. */
export async function findImportedTickets(
  db: Db,
  sourceId: string,
  tickets: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>()
  // Chunks keep each statement's parameter list far below both dialects' limits.
  for (let at = 0; at < tickets.length; at += 500) {
    const rows = await db
      .selectFrom('import_ticket')
      .select('ticket')
      .where('source_id', '=', sourceId)
      .where('ticket', 'in', tickets.slice(at, at + 500))
      .execute()
    for (const row of rows) found.add(row.ticket)
  }
  return found
}

/**
 * Claims tickets for new reports inside the caller's transaction: returns
 * the tickets this transaction claimed. A ticket claimed by another import
 * (committed, or still running — PostgreSQL waits for it) is not returned.
 */
export async function claimTickets(
  db: Db,
  sourceId: string,
  claims: readonly { ticket: string; issueId: string }[],
  now: Date,
): Promise<Set<string>> {
  if (claims.length === 0) return new Set()
  const rows = await db
    .insertInto('import_ticket')
    .values(
      claims.map((c) => ({
        source_id: sourceId,
        ticket: c.ticket,
        issue_id: c.issueId,
        created_at: now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(['source_id', 'ticket']).doNothing())
    .returning('ticket')
    .execute()
  return new Set(rows.map((r) => r.ticket))
}

/** Gives back a claim whose report was refused. */
export async function releaseTicket(db: Db, sourceId: string, ticket: string): Promise<void> {
  await db
    .deleteFrom('import_ticket')
    .where('source_id', '=', sourceId)
    .where('ticket', '=', ticket)
    .execute()
}

/** The report a source's ticket became, if any. */
export async function findTicketIssue(
  db: Db,
  sourceId: string,
  ticket: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('import_ticket')
    .select('issue_id')
    .where('source_id', '=', sourceId)
    .where('ticket', '=', ticket)
    .executeTakeFirst()
  return row?.issue_id
}
