/**
 * County settings in the database: each save is a new row with the next
 * version; the latest row is in force. Plain functions of (db | trx).
 */
import type { Kysely } from 'kysely'
import {
  countySettingsSchema,
  type CountySettings,
  type SettingsSnapshot,
} from '#shared/settings/settings.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { CountySettingTable } from './settings.table.ts'

type Db = Kysely<DatabaseSchema>

function toSnapshot(row: CountySettingTable): SettingsSnapshot {
  return {
    version: Number(row.version),
    // Parsed again: a row is only ever written validated, but a restore may
    // bring one from an older server whose schema lacked a newer field.
    settings: countySettingsSchema.parse(JSON.parse(row.data)),
    changedAt: row.changed_at,
    changedByName: row.changed_by_name,
  }
}

/** The latest saved version's number, or 0 when none was saved. */
export async function latestVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('county_setting')
    .select('version')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? Number(row.version) : 0
}

/** The latest saved version, or null when the county still runs on its initial values. */
export async function readLatestSettings(db: Db): Promise<SettingsSnapshot | null> {
  const row = await db
    .selectFrom('county_setting')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toSnapshot(row) : null
}

/** Every saved version, newest first (a county saves a few a year). */
export async function readSettingsHistory(db: Db, limit: number): Promise<SettingsSnapshot[]> {
  const rows = await db
    .selectFrom('county_setting')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toSnapshot)
}

/** Stores `settings` as `version`; a unique violation means another save took that version. */
export async function insertSettings(
  db: Db,
  version: number,
  settings: CountySettings,
  by: { id: string; name: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('county_setting')
    .values({
      version,
      data: JSON.stringify(settings),
      changed_at: at,
      changed_by_id: by.id,
      changed_by_name: by.name,
    })
    .execute()
}

/** The units a settings table names, with their tier and path, to check them. */
export async function unitsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { tier: string; path: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'tier', 'path'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [row.id, { tier: row.tier, path: row.path }]))
}
