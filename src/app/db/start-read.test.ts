// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Me } from '#shared/auth/auth.schema.ts'
import { AppDb } from './app-db.ts'
import { readStartRow } from './start-read.ts'
import { SCHEMA_VERSION } from './schema.ts'

const NAME = 'start-read-test'
const unit = { id: 'g1', parentId: null, tier: 'grid', name: '一组', path: '/g1/' } as const
const me: Me = {
  user: { id: 'u1', phone: '', name: '王', role: 'grid_worker', orgUnitId: 'g1' },
  orgUnit: unit,
  orgPath: [unit],
}

afterEach(async () => {
  await new AppDb(NAME).delete()
})

describe('readStartRow', () => {
  it('reads the cached user and a setting that Dexie wrote', async () => {
    const db = new AppDb(NAME)
    await db.settings.put({ key: 'elderMode', value: true })
    await db.session.put({ id: 'current', me, savedAt: 'now' })
    db.close()
    expect(await readStartRow('settings', 'elderMode', NAME)).toEqual({
      key: 'elderMode',
      value: true,
    })
    expect((await readStartRow('session', 'current', NAME))?.me).toEqual(me)
    expect(await readStartRow('settings', 'missing', NAME)).toBeUndefined()
  })

  it('answers undefined on a new device and leaves the database for Dexie to create', async () => {
    expect(await readStartRow('session', 'current', NAME)).toBeUndefined()
    const db = new AppDb(NAME)
    await db.outbox.count()
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      [
        'blobs',
        'outbox',
        'records',
        'rows',
        'sent',
        'session',
        'settings',
        'supervisionCache',
        'syncMeta',
      ].sort(),
    )
    expect(db.verno).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('does not keep the database open, so Dexie can open and upgrade it', async () => {
    const old = new AppDb(NAME)
    await old.settings.put({ key: 'elderMode', value: false })
    old.close()
    await readStartRow('settings', 'elderMode', NAME)
    const db = new AppDb(NAME)
    await expect(db.settings.get('elderMode')).resolves.toEqual({ key: 'elderMode', value: false })
    db.close()
  })
})
