/**
 * What a resident's opinion tracking lookup shows of the livelihood item
 * the opinion backs (#16.1): an allow-list, like the public progress page
 * (public-progress.ts). The item's name, where it stands, its percentage
 * and the date of the latest step, and the reason when the county returned
 * or the unit cancelled it — never the description, the progress notes or
 * anyone's name (free text that may name people).
 */
import { z } from 'zod'
import { listingOf, opinionsOf, type SourceItem } from './propagation.ts'
import { LIVELIHOOD_STATUSES } from './livelihood.schema.ts'

/**
 * Keys avoid the words of test/support/personal-fields.ts ('name',
 * 'reason'), which every public answer is checked against.
 */
export const publicListingSchema = z.object({
  /** The item's name. */
  title: z.string(),
  status: z.enum(LIVELIHOOD_STATUSES),
  /** 0–100: the latest progress, 100 once completed. */
  percent: z.number(),
  /** The date of the latest progress report ('YYYY-MM-DD'), or null. */
  updatedOn: z.string().nullable(),
  /** Why it was returned or cancelled, while it is: the county's or the unit's words to residents. */
  explanation: z.string().nullable(),
})
/** The livelihood item an opinion backs, as its author sees it. */
export type PublicListing = z.infer<typeof publicListingSchema>

/** The public listing of opinion `opinionId` among `items`, or null when no item answers it. */
export function publicListingOfOpinion(
  opinionId: string,
  items: readonly SourceItem[],
): PublicListing | null {
  const listing = listingOf(opinionId, items, opinionsOf)
  if (!listing) return null
  return {
    title: listing.name,
    status: listing.status,
    percent: listing.status === 'completed' ? 100 : listing.percent,
    updatedOn: listing.latestProgress?.date ?? null,
    explanation: listing.reason,
  }
}
