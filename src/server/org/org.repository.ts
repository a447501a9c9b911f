/** Org units and users. Plain functions of (db | trx) so the caller owns the transaction. */
import type { Kysely, Selectable } from 'kysely'
import { orgTierSchema, type OrgUnit } from '#shared/org/org.schema.ts'
import { roleSchema, type User } from '#shared/auth/auth.schema.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { OrgUnitTable, UserTable } from './org.table.ts'

type Db = Kysely<DatabaseSchema>

/** An account as stored, password hash included: never sent to a client as it is. */
export type UserRow = Selectable<UserTable>

export function toOrgUnit(row: Selectable<OrgUnitTable>): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    tier: orgTierSchema.parse(row.tier),
    name: row.name,
    path: row.path,
  }
}

export function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    role: roleSchema.parse(row.role),
    orgUnitId: row.org_unit_id,
  }
}

export async function findOrgUnit(db: Db, id: string): Promise<OrgUnit | undefined> {
  const row = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toOrgUnit(row)
}

/** The units from the root down to and including the one at `path`. */
export async function findPathUnits(db: Db, path: string): Promise<OrgUnit[]> {
  const ids = pathIds(path)
  if (ids.length === 0) return []
  const rows = await db.selectFrom('org_unit').selectAll().where('id', 'in', ids).execute()
  const byId = new Map(rows.map((row) => [row.id, toOrgUnit(row)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** The rows of every unit in the subtree under `path`, itself and retired ones included, ordered by path. */
export async function subtreeRows(db: Db, path: string): Promise<Selectable<OrgUnitTable>[]> {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('path', 'like', `${path}%`)
    .orderBy('path')
    .execute()
}

/** Every unit in the subtree under `path`, itself included, ordered by path. */
export async function listSubtree(db: Db, path: string): Promise<OrgUnit[]> {
  return (await subtreeRows(db, path)).map(toOrgUnit)
}

/** The departments under the county at `countyPath`. */
export async function listDepartments(db: Db, countyPath: string): Promise<OrgUnit[]> {
  const rows = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('tier', '=', 'department')
    .where('path', 'like', `${countyPath}%`)
    .orderBy('path')
    .execute()
  return rows.map(toOrgUnit)
}

export async function countOrgUnits(db: Db): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function insertOrgUnit(db: Db, unit: OrgUnit, now: string): Promise<void> {
  await db
    .insertInto('org_unit')
    .values({
      id: unit.id,
      parent_id: unit.parentId,
      tier: unit.tier,
      name: unit.name,
      path: unit.path,
      created_at: now,
    })
    // No conflict target: a concurrent twin may trip the unique path index first.
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function findUserByPhone(db: Db, phone: string) {
  return db.selectFrom('app_user').selectAll().where('phone', '=', phone).executeTakeFirst()
}

export async function findUser(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listUsersInSubtree(db: Db, path: string): Promise<User[]> {
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.org_unit_id')
    .selectAll('app_user')
    .where('org_unit.path', 'like', `${path}%`)
    .orderBy('app_user.phone')
    .execute()
  return rows.map(toUser)
}

export interface NewUser extends User {
  passwordHash: string
}

/** Inserts a user; with `ifAbsent`, an existing phone or id is left as it is. Returns rows added. */
export async function insertUser(
  db: Db,
  user: NewUser,
  now: string,
  { ifAbsent = false } = {},
): Promise<number> {
  const query = db.insertInto('app_user').values({
    id: user.id,
    phone: user.phone,
    name: user.name,
    password_hash: user.passwordHash,
    role: user.role,
    org_unit_id: user.orgUnitId,
    created_at: now,
  })
  const result = await (
    ifAbsent ? query.onConflict((oc) => oc.doNothing()) : query
  ).executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}
