/**
 * The county settings on this device (docs/settings.md): read from the
 * server after each pull and kept in the `settings` table, so deadlines, the
 * fixed day and the oversight checks follow the county offline too. Before
 * the first sync the device uses the initial values (version 0); the server
 * decides again on every change either way.
 */
import { INITIAL_SNAPSHOT, type SettingsSnapshot } from '#shared/settings/settings.schema.ts'
import { apiRequest } from '#app/api/http.ts'
import type { AppDb } from '#app/db/app-db.ts'

/** The `settings` row that holds the county settings. */
export const COUNTY_SETTINGS_KEY = 'countySettings'

/** A snapshot's shape, checked cheaply (the server validated it; ADR 0003). */
export function isSettingsSnapshot(value: unknown): value is SettingsSnapshot {
  if (typeof value !== 'object' || value === null) return false
  const { version, settings } = value as { version?: unknown; settings?: unknown }
  return typeof version === 'number' && typeof settings === 'object' && settings !== null
}

/** The settings this device holds, or the initial ones. */
export async function readCountySettings(db: AppDb): Promise<SettingsSnapshot> {
  const row = await db.settings.get(COUNTY_SETTINGS_KEY)
  return isSettingsSnapshot(row?.value) ? row.value : INITIAL_SNAPSHOT
}

/**
 * Reads the version in force from the server and keeps it when it changed.
 * Never fails a sync: a server without settings (older) or a lost answer
 * leaves the device on what it had.
 */
export async function refreshCountySettings(
  db: AppDb,
  read: () => Promise<unknown> = () => apiRequest<unknown>('/api/settings'),
): Promise<void> {
  const answer = await read().catch(() => null)
  if (!isSettingsSnapshot(answer)) return
  // Version 0 follows the server's environment, which may change on a restart.
  const held = await db.settings.get(COUNTY_SETTINGS_KEY)
  if (JSON.stringify(held?.value) === JSON.stringify(answer)) return
  await db.settings.put({ key: COUNTY_SETTINGS_KEY, value: answer })
}
