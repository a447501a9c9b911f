/**
 * Import from other channels (issue #19.3) and the open API's report push
 * (#19.4): a source (来源平台, e.g. the 12345 hotline) with the mapping of its
 * export's columns, saved once; what a preview shows row by row; what a
 * commit did. Rows become issue reports through the ordinary write path as
 * the import system actor (issue.kind.ts); see docs/import.md.
 */
import { z } from 'zod'
import { ISSUE_CATEGORIES, ISSUE_CHANNELS } from '../issue/issue.schema.ts'

/**
 * The fields a row may carry, in the mapping form's order. `ticket` (the
 * source's own ticket number), `village` and `description` are required.
 */
export const IMPORT_FIELDS = [
  'ticket',
  'village',
  'grid',
  'title',
  'description',
  'name',
  'phone',
  'place',
  'category',
] as const
/** A field of an imported row. */
export type ImportField = (typeof IMPORT_FIELDS)[number]
/** The fields a mapping must name a column for. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['ticket', 'village', 'description']

/** The channels an import may record: anything but a deputy's visit, which needs the visit. */
export const IMPORT_CHANNELS = ISSUE_CHANNELS.filter((c) => c !== 'deputy')

/** The Chinese names of the fields, for row errors. */
export const FIELD_NAMES: Readonly<Record<ImportField, string>> = {
  ticket: '工单编号',
  village: '村社',
  grid: '网格',
  title: '标题',
  description: '具体情况',
  name: '群众姓名',
  phone: '联系电话',
  place: '地点',
  category: '事项分类',
}

/** A source's column header, as written in its export's first row. */
const headerSchema = z
  .string({ error: '列名不正确' })
  .trim()
  .min(1, '列名不能为空')
  .max(60, '列名不超过60字')

/** Which column of the export holds which field; unnamed optional fields stay empty. */
export const importColumnsSchema = z
  .object(
    Object.fromEntries(IMPORT_FIELDS.map((field) => [field, headerSchema.optional()])) as Record<
      ImportField,
      z.ZodOptional<typeof headerSchema>
    >,
    { error: '请设置列对应关系' },
  )
  .superRefine((columns, ctx) => {
    for (const field of REQUIRED_IMPORT_FIELDS) {
      if (!columns[field]) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `请选择“${FIELD_NAMES[field]}”所在列`,
        })
      }
    }
  })
/** The column mapping of a source. */
export type ImportColumns = z.infer<typeof importColumnsSchema>

/**
 * The headers of a 12345 hotline export, the county's usual source: the
 * mapping a new source starts from, and the demo county's source.
 */
export const HOTLINE_COLUMNS = {
  ticket: '工单编号',
  village: '村社',
  grid: '网格',
  title: '标题',
  description: '诉求内容',
  name: '姓名',
  phone: '电话',
  place: '地点',
} as const satisfies ImportColumns

/** What the county saves about a source: its name, the channel its rows get, its columns. */
export const importSourceInputSchema = z.object({
  name: z
    .string({ error: '请填写来源平台名称' })
    .trim()
    .min(1, '请填写来源平台名称')
    .max(30, '来源平台名称不超过30字'),
  channel: z.enum(IMPORT_CHANNELS, { error: '请选择来源渠道' }),
  /** The classification when the row names none (the village corrects it on acceptance). */
  category: z.enum(ISSUE_CATEGORIES, { error: '请选择默认事项分类' }),
  columns: importColumnsSchema,
})
/** A source as the county saves it. */
export type ImportSourceInput = z.infer<typeof importSourceInputSchema>

/** A saved source. */
export const importSourceSchema = z.object({
  id: z.string(),
  ...importSourceInputSchema.shape,
  updatedAt: z.string(),
})
/** A saved source. */
export type ImportSource = z.infer<typeof importSourceSchema>

/** The sources of the caller's county. */
export const importSourceListSchema = z.object({ sources: z.array(importSourceSchema) })

/** What became of one row: ready to create, already imported, or refused with reasons. */
export const IMPORT_ROW_STATUSES = ['ready', 'duplicate', 'invalid'] as const
/** What became of one row. */
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number]

/** One row of a preview or a commit. */
export const importRowResultSchema = z.object({
  /** The row's line in the file (the header is line 1). */
  line: z.number().int(),
  ticket: z.string(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** Reasons in Chinese, when invalid. */
  errors: z.array(z.string()),
  /** Where it goes: "乡镇 / 村社 / 网格", when found. */
  place: z.string(),
  title: z.string(),
})
/** One row of a preview or a commit. */
export type ImportRowResult = z.infer<typeof importRowResultSchema>

/** A preview (nothing stored) or a commit's outcome (ready rows are now created). */
export const importOutcomeSchema = z.object({
  headers: z.array(z.string()),
  counts: z.object({
    ready: z.number().int(),
    duplicate: z.number().int(),
    invalid: z.number().int(),
    /** Set by a commit: reports created by this request. */
    created: z.number().int(),
  }),
  rows: z.array(importRowResultSchema),
})
/** A preview or a commit's outcome. */
export type ImportOutcome = z.infer<typeof importOutcomeSchema>

/** The file kinds an import accepts, by their request content type. */
export const IMPORT_CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** The most rows one file may hold. */
export const MAX_IMPORT_ROWS = 20_000
