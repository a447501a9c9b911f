/**
 * The yearly participation catalogue (公众参与事项年度目录, seeds 000 and 004):
 * the decisions of the year that county staff announce in advance as open to
 * public participation, each with its drafting department and the quarter
 * its consultation is planned to open. One catalogue per county and year.
 */
import { z } from 'zod'
import { text } from '../common/text.schema.ts'
import { orgPathSchema } from '../common/fields.schema.ts'

/** The first and last year a catalogue may be made for (the date schemas' range). */
export const CATALOGUE_MIN_YEAR = 2000
export const CATALOGUE_MAX_YEAR = 2100

/** A catalogue's year. */
export const catalogueYearSchema = z
  .number({ error: '请填写年度' })
  .int('年度须为整数')
  .min(CATALOGUE_MIN_YEAR, `年度应在${CATALOGUE_MIN_YEAR}年至${CATALOGUE_MAX_YEAR}年之间`)
  .max(CATALOGUE_MAX_YEAR, `年度应在${CATALOGUE_MIN_YEAR}年至${CATALOGUE_MAX_YEAR}年之间`)

/** The quarters of a year, 1–4. */
export const QUARTERS = [1, 2, 3, 4] as const
/** A quarter of the year. */
export type Quarter = (typeof QUARTERS)[number]

/** One decision listed in the catalogue, as county staff type it in. */
export const catalogueEntryInputSchema = z.object({
  /** Made by the device when the entry is added; keeps its link across edits. */
  id: z.string().regex(/^[0-9a-z-]{1,64}$/, '事项编号不正确'),
  title: text({ max: 100, missing: '请填写事项名称', tooLong: '事项名称不超过100字' }),
  /** Path of the drafting department (起草单位 / 承办单位). */
  department: orgPathSchema,
  plannedQuarter: z.literal(QUARTERS, { error: '请选择计划季度' }),
})
/** An entry as typed in. */
export type CatalogueEntryInput = z.input<typeof catalogueEntryInputSchema>

/** A stored entry: the input plus the consultation it opened, once linked. */
export const catalogueEntrySchema = catalogueEntryInputSchema.extend({
  consultationId: z.string().max(64).nullable(),
})
/** A stored entry. */
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>

/** The entries of one catalogue: at most 200, ids distinct. */
const entriesSchema = z
  .array(catalogueEntryInputSchema)
  .max(200, '一个年度目录最多200项')
  .refine(
    (entries) => new Set(entries.map((entry) => entry.id)).size === entries.length,
    '事项编号重复',
  )

/** What county staff type in to start a year's catalogue. */
export const catalogueCreateSchema = z.object({
  year: catalogueYearSchema,
  entries: entriesSchema.default([]),
})
/** The create form's output. */
export type CatalogueCreateInput = z.input<typeof catalogueCreateSchema>

/** A new list of entries (added, edited, removed); links of kept entries stay. */
export const catalogueEntriesInputSchema = z.object({ entries: entriesSchema })

/** Links entry `entryId` to the consultation opened for it. */
export const catalogueLinkInputSchema = z.object({
  entryId: z.string().max(64),
  consultationId: z.string().min(1).max(64),
})

/** Draft while county staff compile it; published once announced (entries may still change). */
export const CATALOGUE_STATUSES = ['draft', 'published'] as const

/** A stored catalogue. */
export const catalogueDataSchema = z.object({
  year: catalogueYearSchema,
  /** The county's path: one catalogue per county and year. */
  county: orgPathSchema,
  entries: z.array(catalogueEntrySchema),
  status: z.enum(CATALOGUE_STATUSES),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string(),
})
/** A stored catalogue. */
export type CatalogueData = z.infer<typeof catalogueDataSchema>
