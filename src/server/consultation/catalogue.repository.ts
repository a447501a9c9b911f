/**
 * Reads of the participation catalogues straight from the sync tables, with
 * each entry's standing worked out on the server's China date: the public
 * catalogue page and the overdue count of the desk and supervision.
 */
import type { Kysely } from 'kysely'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { CATALOGUE_KIND } from '#shared/consultation/catalogue.kind.ts'
import { catalogueDataSchema, type CatalogueData } from '#shared/consultation/catalogue.schema.ts'
import { countOverdue, entryStatus } from '#shared/consultation/catalogue.status.ts'
import type { PublicCatalogue } from '#shared/consultation/public-catalogue.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import { openedOnOf } from './consultation-facts.ts'

type Db = Kysely<DatabaseSchema>

/** The catalogues of `year` (a handful: one per county), published or not. */
export async function findCatalogues(db: Db, year: number): Promise<CatalogueData[]> {
  const rows = await db
    .selectFrom('sync_record')
    .select('data')
    .where('kind', '=', CATALOGUE_KIND)
    .where('data', 'like', `%"year":${year},%`)
    .execute()
  return rows
    .map((row) => catalogueDataSchema.safeParse(JSON.parse(row.data)))
    .flatMap((parsed) => (parsed.success && parsed.data.year === year ? [parsed.data] : []))
}

/** A published catalogue as the public sees it: names, standings, the overdue count. */
export async function toPublicCatalogue(
  db: Db,
  catalogue: CatalogueData,
  now: Date,
): Promise<PublicCatalogue> {
  const today = chinaDate(now.toISOString())
  const names = new Map<string, string>()
  const nameOf = async (path: string) => {
    const id = pathIds(path).at(-1) ?? ''
    if (!names.has(id)) names.set(id, (await findOrgUnit(db, id))?.name ?? '')
    return names.get(id) ?? ''
  }
  const entries = await Promise.all(
    catalogue.entries.map(async (entry) => {
      const openedOn = entry.consultationId ? await openedOnOf(db, entry.consultationId) : null
      const status = entryStatus(entry, catalogue.year, openedOn, today)
      const hasOpened = status === 'opened' || status === 'opened_late'
      return {
        title: entry.title,
        departmentName: await nameOf(entry.department),
        plannedQuarter: entry.plannedQuarter,
        status,
        // A draft consultation is not public: its id is given only once it has opened.
        consultationId: hasOpened ? entry.consultationId : null,
      }
    }),
  )
  return {
    countyName: await nameOf(catalogue.county),
    publishedAt: catalogue.publishedAt ?? catalogue.updatedAt,
    entries,
    overdue: countOverdue(entries.map((entry) => entry.status)),
  }
}
