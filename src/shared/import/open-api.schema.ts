/**
 * The open API (issue #19.4): service accounts' tokens — each scoped to a
 * unit and a role, tied to the import source its pushed reports are deduped
 * under, revocable — and the shapes other platforms push and read. The
 * token itself is shown once, at creation; the server keeps its hash.
 */
import { z } from 'zod'
import { ROLES } from '../auth/roles.ts'
import { ISSUE_STATUSES } from '../issue/issue.schema.ts'
import { IMPORT_FIELDS, type ImportField } from './import.schema.ts'

/** The roles a token may act as: any but the administrator's. */
export const TOKEN_ROLES = ROLES.filter((role) => role !== 'admin')

/** What an administrator fills in to issue a token. */
export const apiTokenInputSchema = z.object({
  name: z
    .string({ error: '请填写服务账号名称' })
    .trim()
    .min(1, '请填写服务账号名称')
    .max(40, '服务账号名称不超过40字'),
  unitId: z.string({ error: '请选择单位' }).regex(/^[a-z0-9-]{1,40}$/, '请选择单位'),
  role: z.enum(TOKEN_ROLES, { error: '请选择角色' }),
  sourceId: z.string({ error: '请选择来源平台' }).regex(/^[0-9a-f-]{36}$/, '请选择来源平台'),
})
/** What an administrator fills in to issue a token. */
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>

/** A token as listed (never the token itself). */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  role: z.enum(TOKEN_ROLES),
  sourceId: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
})
/** A token as listed. */
export type ApiToken = z.infer<typeof apiTokenSchema>

/** The tokens an administrator sees. */
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) })

/** A new token: its secret, shown this once. */
export const issuedApiTokenSchema = apiTokenSchema.extend({
  token: z.string().meta({ description: '令牌明文，只在创建时返回一次' }),
})

const cell = (max: number) => z.string().trim().max(max).optional()

/** One report another platform pushes: the same fields as an imported row. */
export const pushedReportSchema = z
  .object({
    ticket: z.string().trim().min(1, '请填写工单编号').max(60, '工单编号不超过60字'),
    village: z.string().trim().min(1, '请填写村社').max(60),
    grid: cell(60),
    title: cell(60),
    description: z.string().trim().min(1, '请填写具体情况').max(2000, '具体情况不超过2000字'),
    name: cell(30),
    phone: cell(20),
    place: cell(100),
    category: cell(20),
  } satisfies Record<ImportField, z.ZodType>)
  .meta({ description: `一条工单；字段与导入的列相同：${IMPORT_FIELDS.join('、')}` })
/** One pushed report. */
export type PushedReport = z.infer<typeof pushedReportSchema>

/** What a push did: created now, or the ticket was there already. */
export const pushReceiptSchema = z.object({
  id: z.string(),
  ticket: z.string(),
  outcome: z.enum(['created', 'duplicate']),
})

/** A pushed report's standing, as the token's role may see it. */
export const reportStatusSchema = z.object({
  id: z.string(),
  ticket: z.string(),
  status: z.enum(ISSUE_STATUSES),
  /** The grid's path. */
  orgPath: z.string(),
  registeredAt: z.string(),
  /** The answer given, once resolved (a private matter's text is withheld). */
  resolution: z.string().nullable(),
  /** The resident's rating, once given. */
  satisfaction: z.string().nullable(),
  /** The last step's time. */
  updatedAt: z.string(),
})
/** A pushed report's standing. */
export type ReportStatus = z.infer<typeof reportStatusSchema>

/** Ticket parameter of the status read. */
export const ticketParamsSchema = z.object({
  ticket: z.string().min(1).max(60, '工单编号不超过60字'),
})
