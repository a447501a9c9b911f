import { describe, expect, it } from 'vitest'
import { syncHealth, type SyncHealthInput } from './sync-health.ts'

const NOW = '2026-11-27T08:00:00.000Z'
const base: SyncHealthInput = {
  isOnline: true,
  failure: null,
  isOutdated: false,
  lastSuccessAt: '2026-11-27T07:30:00.000Z',
  oldestUnsyncedAt: null,
  now: NOW,
}

describe('sync health', () => {
  it('says the server is reachable after a success, and never synced before one', () => {
    expect(syncHealth(base)).toEqual({
      reachability: 'ok',
      oldestUnsyncedHours: null,
      lastSuccessHours: 0,
      warning: null,
    })
    expect(syncHealth({ ...base, lastSuccessAt: null }).reachability).toBe('never')
  })

  it('tells no network, server down, server error, signed out and too old apart', () => {
    expect(syncHealth({ ...base, isOnline: false }).reachability).toBe('noNetwork')
    expect(syncHealth({ ...base, failure: 'unreachable' }).reachability).toBe('serverDown')
    expect(syncHealth({ ...base, failure: 'server' }).reachability).toBe('serverError')
    expect(syncHealth({ ...base, failure: 'signed-out' }).reachability).toBe('signedOut')
    expect(syncHealth({ ...base, isOutdated: true, isOnline: false }).reachability).toBe('outdated')
  })

  it('warns when the oldest unsent change has waited 24 hours, not 23', () => {
    const waited = (hours: number) =>
      syncHealth({
        ...base,
        oldestUnsyncedAt: new Date(Date.parse(NOW) - hours * 3_600_000).toISOString(),
      })
    expect(waited(23)).toMatchObject({ oldestUnsyncedHours: 23, warning: null })
    expect(waited(24)).toMatchObject({ oldestUnsyncedHours: 24, warning: 'unsentStale' })
  })

  it('warns of a device that has not synced for a day even with nothing to send', () => {
    const health = syncHealth({ ...base, lastSuccessAt: '2026-11-26T07:00:00.000Z' })
    expect(health).toMatchObject({ lastSuccessHours: 25, warning: 'notSyncedStale' })
  })
})
