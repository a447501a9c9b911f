/**
 * Bulk onboarding (issue #20.2): the template's two tables — units and
 * accounts — their Chinese headers and labels, and the check of one row.
 * Both the server (which reads the uploaded file) and the app (which
 * explains the template) use these, so the words match. A file is read by
 * its header rows: a sheet (or CSV) whose first row holds the unit headers is
 * a units table, one with the account headers an accounts table.
 */
import { z } from 'zod'
import { text } from '../common/text.schema.ts'
import { phoneSchema } from '../auth/auth.schema.ts'
import { ROLES, type Role } from '../auth/roles.ts'
import { ORG_TIERS, type OrgTier } from '../org/org.schema.ts'

/** The units table's columns: field → header. */
export const UNIT_COLUMNS = {
  code: '单位编码',
  name: '单位名称',
  tier: '层级',
  parentCode: '上级单位编码',
} as const

/** The accounts table's columns: field → header. */
export const ACCOUNT_COLUMNS = {
  phone: '手机号',
  name: '姓名',
  role: '角色',
  unitCode: '所属单位编码',
} as const

/** The template's sheet names. */
export const IMPORT_SHEETS = { units: '单位', accounts: '账号' } as const

/** The tiers' names in the template. */
export const TIER_LABELS: Readonly<Record<OrgTier, string>> = {
  county: '县',
  township: '乡镇',
  village: '村社',
  grid: '网格',
  department: '部门',
  deputy: '代表委员',
}

/** The roles' names in the template. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  grid_worker: '网格员',
  village_cadre: '村社干部',
  mediator: '解事员',
  township_staff: '乡镇工作人员',
  county_staff: '县级工作人员',
  department_staff: '部门工作人员',
  admin: '管理员',
  deputy: '代表委员',
}

/** Tiers a file may create: the county exists already. */
const IMPORTABLE_TIERS = ORG_TIERS.filter((tier) => tier !== 'county')
/** Roles a file may give: admins are made one by one on the accounts screen. */
const IMPORTABLE_ROLES = ROLES.filter((role) => role !== 'admin')

/** A label or the code itself, e.g. "网格" or "grid". */
function labelled<T extends string>(
  labels: Readonly<Record<T, string>>,
  allowed: readonly T[],
  message: string,
) {
  return z
    .string({ error: message })
    .trim()
    .transform((value, ctx): T => {
      const found = allowed.find((key) => key === value || labels[key] === value)
      if (found !== undefined) return found
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    })
}

/**
 * A unit code becomes the unit's id, which sits in paths: letters, digits
 * and hyphens, case-insensitive (kept in lower case, as every id is).
 */
export const unitCodeSchema = z
  .string({ error: '请填写单位编码' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '单位编码只能由字母、数字和短横线组成（2–40位）')

/** One row of the units table. */
export const unitRowSchema = z.object({
  code: unitCodeSchema,
  name: text({ max: 60, missing: '请填写单位名称', tooLong: '单位名称不超过60字' }),
  tier: labelled(TIER_LABELS, IMPORTABLE_TIERS, '层级应为：乡镇、村社、网格、部门、代表委员'),
  parentCode: z
    .string({ error: '请填写上级单位编码' })
    .trim()
    .toLowerCase()
    .min(1, '请填写上级单位编码'),
})
/** One row of the units table. */
export type UnitRow = z.infer<typeof unitRowSchema>

/** One row of the accounts table. */
export const accountRowSchema = z.object({
  phone: phoneSchema,
  name: text({ max: 30, missing: '请填写姓名', tooLong: '姓名不超过30字' }),
  role: labelled(
    ROLE_LABELS,
    IMPORTABLE_ROLES,
    '角色应为：网格员、村社干部、解事员、乡镇工作人员、县级工作人员、部门工作人员、代表委员',
  ),
  unitCode: z
    .string({ error: '请填写所属单位编码' })
    .trim()
    .toLowerCase()
    .min(1, '请填写所属单位编码'),
})
/** One row of the accounts table. */
export type AccountRow = z.infer<typeof accountRowSchema>

/** A problem with one cell or row of the file, in Chinese. */
export const importProblemSchema = z.object({
  sheet: z.enum(['units', 'accounts', 'file']),
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's header, when one cell is at fault. */
  column: z.string().optional(),
  message: z.string(),
})
/** A problem with one cell or row of the file. */
export type ImportProblem = z.infer<typeof importProblemSchema>

/** What an import does to each row. */
export const IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const

/** The answer to an upload: the preview (dry run) or what was committed. */
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  units: z.array(
    z.object({
      row: z.number(),
      code: z.string(),
      name: z.string(),
      action: z.enum(IMPORT_ACTIONS),
    }),
  ),
  accounts: z.array(
    z.object({
      row: z.number(),
      phone: z.string(),
      name: z.string(),
      action: z.enum(IMPORT_ACTIONS),
    }),
  ),
  problems: z.array(importProblemSchema),
  /** New accounts' temporary passwords, to print as slips: only in a committed import, shown once. */
  slips: z.array(
    z.object({
      phone: z.string(),
      name: z.string(),
      unitName: z.string(),
      temporaryPassword: z.string(),
    }),
  ),
})
/** The answer to an upload. */
export type ImportResult = z.infer<typeof importResultSchema>

/**
 * Checks one row (cells keyed by header) against `schema`; the problems name
 * the column by its header.
 */
export function checkRow<T>(
  schema: z.ZodType<T>,
  columns: Readonly<Record<string, string>>,
  cells: Readonly<Record<string, string>>,
  sheet: 'units' | 'accounts',
  row: number,
): { value: T; problems: [] } | { value: null; problems: ImportProblem[] } {
  const input = Object.fromEntries(
    Object.entries(columns).map(([field, header]) => [field, cells[header] ?? '']),
  )
  const parsed = schema.safeParse(input)
  if (parsed.success) return { value: parsed.data, problems: [] }
  return {
    value: null,
    problems: parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '')
      return { sheet, row, column: columns[field], message: issue.message }
    }),
  }
}
