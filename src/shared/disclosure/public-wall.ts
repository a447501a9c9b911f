/**
 * What the 双公开 wall (public, no account) may show of a station: its
 * name and tier, and its published disclosures field by field from this
 * allow-list. Never the ledger (who published, why withdrawn), never a
 * draft, a withdrawn notice or another unit's. The server checks its answer
 * against `publicWallSchema` before sending.
 */
import { z } from 'zod'
import { categorySchema, disclosureTableSchema, type DisclosureData } from './disclosure.schema.ts'

export const publicDisclosureSchema = z.object({
  id: z.string(),
  category: categorySchema,
  categoryName: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  table: disclosureTableSchema.nullable(),
  photos: z.array(z.string()),
  periodFrom: z.string(),
  periodTo: z.string(),
  publishedAt: z.string(),
  /** Archived notices are past periods, kept on the wall under 往期. */
  isArchived: z.boolean(),
})
export type PublicDisclosure = z.infer<typeof publicDisclosureSchema>

export const publicWallSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  tier: z.enum(['village', 'township']),
  /** The township above a village (or the township itself), for the livelihood list's page. */
  townshipId: z.string(),
  disclosures: z.array(publicDisclosureSchema),
})
export type PublicWall = z.infer<typeof publicWallSchema>

/** The public face of a stored disclosure, or null when it is not public. */
export function publicDisclosureOf(id: string, data: DisclosureData): PublicDisclosure | null {
  if ((data.status !== 'published' && data.status !== 'archived') || !data.publishedAt) return null
  return {
    id,
    category: data.category,
    categoryName: data.categoryName,
    title: data.title,
    body: data.body,
    table: data.table,
    photos: data.photos,
    periodFrom: data.periodFrom,
    periodTo: data.periodTo,
    publishedAt: data.publishedAt,
    isArchived: data.status === 'archived',
  }
}

/** Newest first: current notices before archived ones, then by publication. */
export function byWallOrder(a: PublicDisclosure, b: PublicDisclosure): number {
  return Number(a.isArchived) - Number(b.isArchived) || b.publishedAt.localeCompare(a.publishedAt)
}
