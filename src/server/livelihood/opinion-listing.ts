/**
 * The livelihood item a consultation opinion backs (#16.1), for the
 * opinion's tracking lookup: its author follows the item's progress, or
 * reads why it was returned or cancelled, with the code they were given.
 */
import type { Kysely } from 'kysely'
import {
  LIVELIHOOD_ITEM_KIND,
  livelihoodItemDataSchema,
} from '#shared/livelihood/livelihood.schema.ts'
import { publicListingOfOpinion, type PublicListing } from '#shared/livelihood/public-listing.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'

/** Opinion ids are UUIDs the server made: nothing else reaches the LIKE below. */
const OPINION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The public listing of opinion `opinionId`, or null. Items are few (tens
 * per township a year) and the id is narrowed inside the JSON text first,
 * so only the items naming it are parsed.
 */
export async function opinionListing(
  db: Kysely<DatabaseSchema>,
  opinionId: string,
): Promise<PublicListing | null> {
  if (!OPINION_ID.test(opinionId)) return null
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', LIVELIHOOD_ITEM_KIND)
    .where('data', 'like', `%"${opinionId}"%`)
    .execute()
  const items = rows.flatMap((row) => {
    const parsed = livelihoodItemDataSchema.safeParse(JSON.parse(row.data))
    return parsed.success ? [{ id: row.id, data: parsed.data }] : []
  })
  return publicListingOfOpinion(opinionId, items)
}
