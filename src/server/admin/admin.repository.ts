/** Accounts and units as the admin screens see them. Plain functions of (db | trx). */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { AdminUnit, AdminUser } from '#shared/admin/admin.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { subtreeRows, toOrgUnit, toUser } from '../org/org.repository.ts'
import { HttpError } from '../plugins/errors.ts'
import type { OrgUnitTable, UserTable } from '../org/org.table.ts'

type Db = Kysely<DatabaseSchema>

export function toAdminUser(row: Selectable<UserTable>): AdminUser {
  return {
    ...toUser(row),
    isActive: row.is_active === 1,
    mustChangePassword: row.must_change_password === 1,
  }
}

export function toAdminUnit(row: Selectable<OrgUnitTable>): AdminUnit {
  return { ...toOrgUnit(row), retiredAt: row.retired_at }
}

/** `like` pattern for text containing `part` literally (% and _ escaped). */
function containing(part: string): string {
  return `%${part.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/** Accounts in the subtree whose name or phone contains `q` (all when empty), at most 200. */
export async function searchUsers(db: Db, path: string, q: string | undefined) {
  let query = db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.org_unit_id')
    .selectAll('app_user')
    .where('org_unit.path', 'like', `${path}%`)
    .orderBy('app_user.phone')
    .limit(200)
  if (q) {
    const pattern = containing(q)
    query = query.where((eb) =>
      eb.or([
        eb('app_user.name', 'like', sql<string>`${pattern} escape '\\'`),
        eb('app_user.phone', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    )
  }
  return (await query.execute()).map(toAdminUser)
}

/** Every unit of the subtree, retired ones included, ordered by path. */
export async function listAdminUnits(db: Db, path: string): Promise<AdminUnit[]> {
  return (await subtreeRows(db, path)).map(toAdminUnit)
}

export async function findAdminUnit(db: Db, id: string): Promise<AdminUnit | undefined> {
  const row = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toAdminUnit(row)
}

/** 400 unit_retired when the unit was retired: nothing new goes under it. */
export async function assertNotRetired(db: Db, unitId: string): Promise<void> {
  if ((await findAdminUnit(db, unitId))?.retiredAt) throw new HttpError(400, 'unit_retired')
}

/** Active accounts in the subtree under `path`. */
export async function countActiveUsersUnder(db: Db, path: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.org_unit_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_unit.path', 'like', `${path}%`)
    .where('app_user.is_active', '=', 1)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** True when any synced record is homed in, or addressed to, the subtree under `path`. */
export async function hasRecordsUnder(db: Db, path: string): Promise<boolean> {
  const row = await db
    .selectFrom('record_audience')
    .select('record_key')
    .where('path', 'like', `${path}%`)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Moves the unit at `oldPath` (and its whole subtree) under a new parent:
 * every path under the old prefix gets the new one.
 */
export async function moveUnit(
  db: Db,
  unitId: string,
  parentId: string,
  oldPath: string,
  newPath: string,
): Promise<void> {
  await db
    .updateTable('org_unit')
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where('path', 'like', `${oldPath}%`)
    .execute()
  await db.updateTable('org_unit').set({ parent_id: parentId }).where('id', '=', unitId).execute()
}

/** Retires every unit of the subtree under `path` that is not retired yet. */
export async function retireSubtree(db: Db, path: string, at: string): Promise<number> {
  const result = await db
    .updateTable('org_unit')
    .set({ retired_at: at })
    .where('path', 'like', `${path}%`)
    .where('retired_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
