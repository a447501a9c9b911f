import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppDb, type OutboxEntry } from './app-db.ts'
import { clearUserData, takeDeviceFor } from './user-data.ts'
import { UnsyncedDataError } from './unsynced-error.ts'

let db: AppDb
beforeEach(() => {
  db = new AppDb(`user-data-${Math.random()}`)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const record = {
  key: 'issue:a',
  kind: 'issue',
  id: 'a',
  version: 1,
  orgPath: '/c/',
  data: { title: '路灯坏了' },
  hasPending: 0 as const,
  updatedAt: '2026-11-27T08:00:00.000Z',
}

function change(userId: string): OutboxEntry {
  return {
    id: `change-${userId}`,
    kind: 'issue',
    recordId: 'a',
    recordKey: 'issue:a',
    op: 'update',
    payload: {},
    baseVersion: 1,
    deviceId: 'phone',
    userId,
    createdAt: '2026-11-27T08:00:00.000Z',
    status: 'pending',
  }
}

describe("one user's data on a shared phone", () => {
  it('clears records and caches but keeps the elder mode', async () => {
    await db.records.put(record)
    await db.settings.bulkPut([
      { key: 'elderMode', value: true },
      { key: 'orgUnits', value: [] },
    ])
    await clearUserData(db)
    expect(await db.records.count()).toBe(0)
    expect(await db.settings.toArray()).toEqual([{ key: 'elderMode', value: true }])
  })

  it('refuses to clear, and clears nothing, while a change is not synced', async () => {
    await db.records.put(record)
    await db.outbox.add(change('u1'))
    await expect(clearUserData(db)).rejects.toBeInstanceOf(UnsyncedDataError)
    expect(await db.records.count()).toBe(1)
  })

  it("clears the previous user's synced data when another user signs in, not the same user's", async () => {
    await takeDeviceFor(db, 'u1')
    await db.records.put(record)
    await takeDeviceFor(db, 'u1')
    expect(await db.records.count()).toBe(1)
    await takeDeviceFor(db, 'u2')
    expect(await db.records.count()).toBe(0)
  })

  it("refuses another user while the previous user's changes wait, also on a device that never recorded its owner", async () => {
    await db.records.put(record)
    await db.outbox.add(change('u1'))
    await expect(takeDeviceFor(db, 'u2')).rejects.toBeInstanceOf(UnsyncedDataError)
    await takeDeviceFor(db, 'u1')
    expect(await db.records.count()).toBe(1)
  })
})
