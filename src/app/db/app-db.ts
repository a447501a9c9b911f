/**
 * The device's database (IndexedDB through Dexie). The schema is versioned:
 * never edit a published version; add `this.version(n + 1)` with an upgrade.
 * See docs/architecture.md for what each table holds.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { Me } from '#shared/auth/auth.schema.ts'

/** The signed-in user, cached so the app opens offline. One row, id 'current'. */
export interface SessionRow {
  id: 'current'
  me: Me
  savedAt: string
}

/** Device settings such as elder mode. */
export interface SettingRow {
  key: string
  value: unknown
}

export class AppDb extends Dexie {
  session!: EntityTable<SessionRow, 'id'>
  settings!: EntityTable<SettingRow, 'key'>

  constructor(name = 'shuoshi') {
    super(name)
    this.version(1).stores({
      session: 'id',
      settings: 'key',
    })
  }
}

export const appDb = new AppDb()
