/**
 * The yearly participation catalogue as the public page and the staff's
 * overdue count receive it: names instead of paths, and each entry's
 * standing computed by the server on its China date.
 */
import { z } from 'zod'
import { catalogueYearSchema, QUARTERS } from './catalogue.schema.ts'
import { ENTRY_STATUSES } from './catalogue.status.ts'

/** One entry as the public sees it. */
export const publicCatalogueEntrySchema = z.object({
  title: z.string(),
  departmentName: z.string(),
  plannedQuarter: z.literal(QUARTERS),
  status: z.enum(ENTRY_STATUSES),
  /** The consultation to open, once it has opened (its public page is /c/<id>). */
  consultationId: z.string().nullable(),
})
/** One entry as the public sees it. */
export type PublicCatalogueEntry = z.infer<typeof publicCatalogueEntrySchema>

/** One county's published catalogue of a year. */
export const publicCatalogueSchema = z.object({
  countyName: z.string(),
  publishedAt: z.string(),
  entries: z.array(publicCatalogueEntrySchema),
  overdue: z.number().int(),
})
/** One county's published catalogue of a year. */
export type PublicCatalogue = z.infer<typeof publicCatalogueSchema>

/** The answer of GET /api/public/catalogues/:year: every published catalogue of the year. */
export const publicCataloguesSchema = z.object({
  year: catalogueYearSchema,
  catalogues: z.array(publicCatalogueSchema),
})
/** The answer of GET /api/public/catalogues/:year. */
export type PublicCatalogues = z.infer<typeof publicCataloguesSchema>
