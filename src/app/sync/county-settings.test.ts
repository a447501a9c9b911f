import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_COUNTY_SETTINGS, INITIAL_SNAPSHOT } from '#shared/settings/settings.schema.ts'
import { AppDb } from '#app/db/app-db.ts'
import { readCountySettings, refreshCountySettings } from './county-settings.ts'

let db: AppDb
beforeEach(() => {
  db = new AppDb(`county-settings-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const saved = {
  version: 3,
  settings: {
    ...DEFAULT_COUNTY_SETTINGS,
    fixedDay: { county: { type: 'nth_weekday', nth: 1, weekday: 1 }, units: {} },
  },
  changedAt: '2026-11-27T08:00:00.000Z',
  changedByName: null,
}

describe('county settings on the device', () => {
  it('uses the initial values until the first sync brings the version in force', async () => {
    expect(await readCountySettings(db)).toEqual(INITIAL_SNAPSHOT)
    await refreshCountySettings(db, () => Promise.resolve(saved))
    expect(await readCountySettings(db)).toEqual(saved)
  })

  it('keeps what it holds when the server cannot answer or answers nonsense', async () => {
    await refreshCountySettings(db, () => Promise.resolve(saved))
    await refreshCountySettings(db, () => Promise.reject(new Error('offline')))
    await refreshCountySettings(db, () => Promise.resolve({ code: 'not_found' }))
    expect((await readCountySettings(db)).version).toBe(3)
  })
})
