/**
 * 村务公开 disclosures (issue #17.2, seed 004 “决议、实施结果两公开” and its
 * disclosure list): a village (or a township for itself) publishes a notice
 * in a category, with a body, an optional table (village finances per
 * quarter), photos, and the period it covers. Drafted offline, published
 * when the push reaches the server, withdrawn or archived later; every step
 * is in the record's ledger.
 */
import { z } from 'zod'
import { calendarDate } from '../common/date.schema.ts'
import { orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'

/** The record kind's name in the sync protocol. */
export const DISCLOSURE_KIND = 'disclosure'
/** A county's own category (county staff add them). */
export const DISCLOSURE_CATEGORY_KIND = 'disclosure_category'

/** Seed 004's disclosure list (公开事项清单). */
export const BUILTIN_CATEGORIES = [
  'poverty_alleviation',
  'rural_revitalization',
  'village_finance',
  'farm_policy',
  'elderly_care',
  'social_assistance',
] as const
export type BuiltinCategory = (typeof BUILTIN_CATEGORIES)[number]

/** Months a unit may go without publishing a built-in category before supervision flags it. */
export const BUILTIN_PERIOD_MONTHS: Readonly<Record<BuiltinCategory, number>> = {
  // Village finances and social assistance (低保、特困) are posted quarterly.
  village_finance: 3,
  social_assistance: 3,
  farm_policy: 6,
  elderly_care: 6,
  poverty_alleviation: 6,
  rural_revitalization: 6,
}

/** A county category's reference in a disclosure: `county:<record id>`. */
export const COUNTY_CATEGORY_PREFIX = 'county:'
const RECORD_ID = /^[0-9a-z-]{1,64}$/

/** A category: a built-in key or `county:<id>` of a county category record. */
export const categorySchema = z.union(
  [
    z.enum(BUILTIN_CATEGORIES),
    z.string().refine((value) => {
      const id = value.slice(COUNTY_CATEGORY_PREFIX.length)
      return value.startsWith(COUNTY_CATEGORY_PREFIX) && RECORD_ID.test(id)
    }),
  ],
  { error: '请选择公开类别' },
)

/** A table such as 村级财务收支: headers and rows of cells, every row as wide as the header. */
export const disclosureTableSchema = z
  .object({
    columns: z
      .array(text({ max: 20, missing: '请填写表头' }))
      .min(1)
      .max(8, '表格最多8列'),
    rows: z
      .array(z.array(optionalText({ max: 40 })))
      .min(1, '表格至少一行')
      .max(100, '表格最多100行'),
  })
  .refine((table) => table.rows.every((row) => row.length === table.columns.length), {
    message: '表格每行的格数须与表头一致',
  })
export type DisclosureTable = z.infer<typeof disclosureTableSchema>

/** What a cadre types (create and edit). */
export const disclosureInputSchema = z
  .object({
    category: categorySchema,
    title: text({ max: 60, missing: '请填写标题', tooLong: '标题不超过60字' }),
    body: text({ max: 5000, missing: '请填写公开内容', multiline: true }),
    table: disclosureTableSchema.nullable().default(null),
    photos: z.array(photoHashSchema).max(9, '最多9张照片').default([]),
    periodFrom: calendarDate({ error: '请填写公开期间的开始日期' }),
    periodTo: calendarDate({ error: '请填写公开期间的结束日期' }),
  })
  .refine((input) => input.periodFrom <= input.periodTo, {
    message: '公开期间的结束日期不能早于开始日期',
    path: ['periodTo'],
  })
export type DisclosureInput = z.input<typeof disclosureInputSchema>

/** A withdrawal says why (it is in the ledger and the county reads it). */
export const disclosureWithdrawSchema = z.object({
  reason: text({ max: 200, missing: '请填写撤回原因' }),
})

export const DISCLOSURE_STATUSES = ['draft', 'published', 'withdrawn', 'archived'] as const
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number]

export const DISCLOSURE_ACTIONS = ['create', 'edit', 'publish', 'withdraw', 'archive'] as const

export const disclosureLedgerEntrySchema = z.object({
  action: z.enum(DISCLOSURE_ACTIONS),
  at: z.string(),
  byName: z.string(),
  reason: z.string().nullable(),
})

/** A stored disclosure. */
export const disclosureDataSchema = z.object({
  /** The publishing unit (village or township): the author's own unit, never typed. */
  unit: orgPathSchema,
  category: categorySchema,
  /** A county category's name when it was chosen; null for a built-in one. */
  categoryName: z.string().max(20).nullable(),
  title: z.string(),
  body: z.string(),
  table: disclosureTableSchema.nullable(),
  photos: z.array(photoHashSchema),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(DISCLOSURE_STATUSES),
  publishedAt: z.string().nullable(),
  ledger: z.array(disclosureLedgerEntrySchema),
  updatedAt: z.string(),
})
export type DisclosureData = z.infer<typeof disclosureDataSchema>

/** What county staff type to add a category of their own. */
export const disclosureCategoryInputSchema = z.object({
  name: text({ max: 20, missing: '请填写类别名称', tooLong: '类别名称不超过20字' }),
  periodMonths: z
    .number({ error: '请填写公开周期' })
    .int('公开周期须为整月')
    .min(1, '公开周期为1至12个月')
    .max(12, '公开周期为1至12个月'),
})

/** A county's own category. */
export const disclosureCategoryDataSchema = disclosureCategoryInputSchema.extend({
  county: orgPathSchema,
  isActive: z.boolean(),
  updatedAt: z.string(),
})
export type DisclosureCategoryData = z.infer<typeof disclosureCategoryDataSchema>
