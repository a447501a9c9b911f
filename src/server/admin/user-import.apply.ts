/**
 * Applies an onboarding file inside one transaction: units first (a row may
 * name a unit an earlier row made as its parent), then accounts. Units are
 * keyed by their code (the unit id) and accounts by phone, so importing the
 * same file again updates, never duplicates. Every problem is collected with
 * its row; the caller rolls the transaction back when there is any, or when
 * it is a dry run.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import {
  ACCOUNT_COLUMNS,
  accountRowSchema,
  checkRow,
  UNIT_COLUMNS,
  unitRowSchema,
  type ImportProblem,
  type ImportResult,
} from '#shared/admin/user-import.ts'
import { roleFitsTier } from '#shared/auth/roles.ts'
import { childPath, isWithin } from '#shared/org/org-path.ts'
import { canNest } from '#shared/org/org.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { scopePathOf } from '../plugins/scope.ts'
import { findUserByPhone, insertOrgUnit } from '../org/org.repository.ts'
import { findAdminUnit, toAdminUser } from './admin.repository.ts'
import { recordAudit } from './audit.repository.ts'
import type { ImportRow, ImportTables } from './import-file.ts'

type Db = Kysely<DatabaseSchema>

/** A new account's temporary password and its hash, made before the transaction (hashing is slow). */
export type PasswordFor = (phone: string) => { password: string; hash: string } | undefined

/** A row that passed its schema, and how to record a problem with one of its cells. */
interface CheckedRow<T> {
  row: number
  value: T
  fail(this: void, column: string, message: string): void
}

/**
 * The rows of `sheet` that pass `schema` and whose `unique` key no earlier
 * row of the file had; the problems of the others go to `problems`.
 */
function* checkedRows<T>(
  sheet: 'units' | 'accounts',
  rows: readonly ImportRow[],
  schema: z.ZodType<T>,
  columns: Readonly<Record<string, string>>,
  problems: ImportProblem[],
  unique: { column: string; keyOf: (value: T) => string; message: string },
): Generator<CheckedRow<T>> {
  const seen = new Set<string>()
  for (const { row, cells } of rows) {
    const checked = checkRow(schema, columns, cells, sheet, row)
    if (!checked.value) {
      problems.push(...checked.problems)
      continue
    }
    const fail = (column: string, message: string) => {
      problems.push({ sheet, row, column, message })
    }
    const key = unique.keyOf(checked.value)
    if (seen.has(key)) {
      fail(unique.column, unique.message)
      continue
    }
    seen.add(key)
    yield { row, value: checked.value, fail }
  }
}

export async function applyImport(
  trx: Db,
  auth: AuthContext,
  tables: ImportTables,
  passwordFor: PasswordFor,
  now: string,
): Promise<Omit<ImportResult, 'dryRun'>> {
  const problems: ImportProblem[] = []
  const result: Omit<ImportResult, 'dryRun' | 'problems'> = { units: [], accounts: [], slips: [] }
  const scope = scopePathOf(auth)
  const units = checkedRows('units', tables.units, unitRowSchema, UNIT_COLUMNS, problems, {
    column: UNIT_COLUMNS.code,
    keyOf: (unit) => unit.code,
    message: '单位编码在文件中重复',
  })
  for (const { row, value, fail } of units) {
    const { code, name, tier, parentCode } = value
    const existing = await findAdminUnit(trx, code)
    if (existing) {
      if (!isWithin(existing.path, scope)) fail(UNIT_COLUMNS.code, '该单位编码已被其他单位使用')
      else if (existing.retiredAt) fail(UNIT_COLUMNS.code, '该单位已撤销')
      else if (existing.tier !== tier) fail(UNIT_COLUMNS.tier, '层级与已有单位不符')
      else if (existing.parentId !== parentCode) {
        fail(UNIT_COLUMNS.parentCode, '导入不能移动已有单位，请在单位页面移动')
      } else {
        const action = existing.name === name ? 'unchanged' : 'update'
        if (action === 'update') {
          await trx.updateTable('org_unit').set({ name }).where('id', '=', code).execute()
          await recordAudit(trx, auth, {
            action: 'unit.update',
            targetType: 'org_unit',
            targetId: code,
            scopePath: existing.path,
            before: existing,
            after: { ...existing, name },
          })
        }
        result.units.push({ row, code, name, action })
      }
      continue
    }
    const parent = await findAdminUnit(trx, parentCode)
    if (!parent || !isWithin(parent.path, scope)) {
      fail(UNIT_COLUMNS.parentCode, `找不到上级单位“${parentCode}”`)
    } else if (parent.retiredAt) fail(UNIT_COLUMNS.parentCode, '上级单位已撤销')
    else if (!canNest(parent.tier, tier))
      fail(UNIT_COLUMNS.tier, '该层级的单位不能设在所填上级之下')
    else {
      const unit = { id: code, parentId: parent.id, tier, name, path: childPath(parent.path, code) }
      await insertOrgUnit(trx, unit, now)
      await recordAudit(trx, auth, {
        action: 'unit.create',
        targetType: 'org_unit',
        targetId: code,
        scopePath: unit.path,
        after: unit,
      })
      result.units.push({ row, code, name, action: 'create' })
    }
  }

  const accounts = checkedRows(
    'accounts',
    tables.accounts,
    accountRowSchema,
    ACCOUNT_COLUMNS,
    problems,
    {
      column: ACCOUNT_COLUMNS.phone,
      keyOf: (account) => account.phone,
      message: '手机号在文件中重复',
    },
  )
  for (const { row, value, fail } of accounts) {
    const { phone, name, role, unitCode } = value
    const unit = await findAdminUnit(trx, unitCode)
    if (!unit || !isWithin(unit.path, scope)) {
      fail(ACCOUNT_COLUMNS.unitCode, `找不到单位“${unitCode}”`)
      continue
    }
    if (unit.retiredAt) {
      fail(ACCOUNT_COLUMNS.unitCode, '该单位已撤销')
      continue
    }
    if (!roleFitsTier(role, unit.tier)) {
      fail(ACCOUNT_COLUMNS.role, '该角色不能设在这一级单位')
      continue
    }
    const existing = await findUserByPhone(trx, phone)
    if (existing) {
      const existingUnit = await findAdminUnit(trx, existing.org_unit_id)
      if (!existingUnit || !isWithin(existingUnit.path, scope)) {
        fail(ACCOUNT_COLUMNS.phone, '该手机号已在其他单位注册')
        continue
      }
      const isSame =
        existing.name === name && existing.role === role && existing.org_unit_id === unit.id
      if (!isSame && existing.id === auth.user.id) {
        fail(ACCOUNT_COLUMNS.phone, '不能通过导入修改自己的账号')
        continue
      }
      if (!isSame) {
        await trx
          .updateTable('app_user')
          .set({ name, role, org_unit_id: unit.id })
          .where('id', '=', existing.id)
          .execute()
        const before = toAdminUser(existing)
        await recordAudit(trx, auth, {
          action: 'user.update',
          targetType: 'user',
          targetId: existing.id,
          scopePath: unit.path,
          before,
          after: { ...before, name, role, orgUnitId: unit.id },
        })
      }
      result.accounts.push({ row, phone, name, action: isSame ? 'unchanged' : 'update' })
      continue
    }
    const secret = passwordFor(phone)
    if (!secret) {
      // Registered by someone else between the file's first read and this transaction.
      fail(ACCOUNT_COLUMNS.phone, '该手机号刚被注册，请重新上传')
      continue
    }
    const id = randomUUID()
    await trx
      .insertInto('app_user')
      .values({
        id,
        phone,
        name,
        role,
        org_unit_id: unit.id,
        password_hash: secret.hash,
        must_change_password: 1,
        created_at: now,
      })
      .execute()
    await recordAudit(trx, auth, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      scopePath: unit.path,
      after: { id, phone, name, role, orgUnitId: unit.id },
    })
    result.accounts.push({ row, phone, name, action: 'create' })
    result.slips.push({ phone, name, unitName: unit.name, temporaryPassword: secret.password })
  }
  return { ...result, problems }
}
