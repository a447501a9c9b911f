/**
 * Administration: the shapes of the admin screens' API — accounts and units
 * as an admin sees them, their edits, the audit log and grid hand-overs.
 * Who may call them is the permissions table's (`org.manage`, `audit.read`).
 */
import { z } from 'zod'
import { text } from '../common/text.schema.ts'
import { userSchema } from '../auth/auth.schema.ts'
import { orgUnitSchema } from '../org/org.schema.ts'
import { ROLES } from '../auth/roles.ts'

/** An account as the admin screens show it: with its state, never its password. */
export const adminUserSchema = userSchema.extend({
  isActive: z.boolean(),
  /** True while the password is a temporary one that must be changed at the next sign-in. */
  mustChangePassword: z.boolean(),
})
/** An account on the admin screens. */
export type AdminUser = z.infer<typeof adminUserSchema>

/** A unit as the admin screens show it: retired units stay, with their history. */
export const adminUnitSchema = orgUnitSchema.extend({ retiredAt: z.string().nullable() })
/** A unit on the admin screens. */
export type AdminUnit = z.infer<typeof adminUnitSchema>

/** Search of accounts by name or phone (a part of either). */
export const userSearchSchema = z.object({
  q: z.string().trim().max(30, '搜索内容过长').optional(),
})

/** An admin's edit of an account: any of name, role and unit. */
export const updateUserSchema = z
  .object({
    name: text({ max: 30, missing: '请填写姓名', tooLong: '姓名不超过30字' }).optional(),
    role: z.enum(ROLES, { error: '角色不正确' }).optional(),
    orgUnitId: z.string().min(1, '请选择所属单位').max(64).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: '没有要修改的内容',
  })
/** An admin's edit of an account. */
export type UpdateUserInput = z.infer<typeof updateUserSchema>

/** A reset password: shown once to the admin, who hands it to the person. */
export const temporaryPasswordSchema = z.object({
  user: adminUserSchema,
  temporaryPassword: z.string(),
})

/** Renaming and/or moving a unit under another parent. */
export const updateUnitSchema = z
  .object({
    name: text({ max: 60, missing: '请填写单位名称', tooLong: '单位名称不超过60字' }).optional(),
    parentId: z.string().min(1, '请选择上级单位').max(64).optional(),
  })
  .refine((input) => input.name !== undefined || input.parentId !== undefined, {
    message: '没有要修改的内容',
  })
/** An admin's edit of a unit. */
export type UpdateUnitInput = z.infer<typeof updateUnitSchema>

/** The audit actions, one per kind of admin change. */
export const AUDIT_ACTIONS = [
  'unit.create',
  'unit.update',
  'unit.retire',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.activate',
  'user.reset_password',
  'user.revoke_sessions',
  'user.unlock',
  'grid.handover',
] as const
/** One kind of audited change. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** One entry of the audit log: who did what to which target, when, before and after. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.enum(['org_unit', 'user', 'grid']),
  targetId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
})
/** One entry of the audit log. */
export type AuditEntry = z.infer<typeof auditEntrySchema>

/** A page of the audit log, newest first; `before` is the last entry's cursor. */
export const auditQuerySchema = z.object({
  targetId: z.string().max(64).optional(),
  before: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/** An admin hands a grid from its worker to another grid worker. */
export const handoverInputSchema = z.object({
  gridId: z.string().min(1, '请选择网格').max(64),
  fromUserId: z.string().min(1, '请选择原网格员').max(64),
  toUserId: z.string().min(1, '请选择接手的网格员').max(64),
})
/** A hand-over request. */
export type HandoverInput = z.infer<typeof handoverInputSchema>

/** An open matter of the handed-over grid, flagged for the new worker. */
export const openMatterSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  /** True when the old worker logged it: they may hold notes or drafts of it. */
  isFromOldWorker: z.boolean(),
  /** True when a feedback visit (回访) is what it waits for. */
  needsFollowUp: z.boolean(),
})

/** One line of the hand-over ledger. */
export const handoverSchema = z.object({
  id: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  fromUser: z.object({ id: z.string(), name: z.string() }),
  toUser: z.object({ id: z.string(), name: z.string() }),
  byUser: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  openMatters: z.number().int(),
})
/** One line of the hand-over ledger. */
export type Handover = z.infer<typeof handoverSchema>

/** What a hand-over answers: its ledger line, the flagged matters and the old phone's state. */
export const handoverResultSchema = z.object({
  handover: handoverSchema,
  openMatters: z.array(openMatterSchema),
  /**
   * When the old worker's phone last sent changes; drafts made after it are
   * still on that phone (the server cannot see them): the screen says so.
   */
  oldWorkerLastPushAt: z.string().nullable(),
})
/** What a hand-over answers. */
export type HandoverResult = z.infer<typeof handoverResultSchema>
