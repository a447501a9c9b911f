/**
 * The names of the county's org units by path, read once per export (a
 * county has hundreds of units, a ledger up to a hundred thousand rows).
 */
import type { Kysely } from 'kysely'
import { pathIds } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'

/** A lookup of a unit's name by its path; an unknown path answers its last id. */
export async function unitNames(db: Kysely<DatabaseSchema>): Promise<(path: string) => string> {
  const rows = await db.selectFrom('org_unit').select(['path', 'name']).execute()
  const byPath = new Map(rows.map((row) => [row.path, row.name]))
  return (path) => byPath.get(path) ?? pathIds(path).at(-1) ?? path
}
