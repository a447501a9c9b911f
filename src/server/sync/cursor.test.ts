import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, scopeKey, type Cursor } from './cursor.ts'

const LOG: Cursor = { v: 1, epoch: 'e1', scope: 'abc', phase: 'log', from: { txid: 7, seq: 42 } }

describe('pull cursor', () => {
  it('round-trips through its opaque form', () => {
    const snapshot: Cursor = {
      v: 1,
      epoch: 'e1',
      scope: 'abc',
      phase: 'snapshot',
      after: 'issue:x',
      from: { txid: 0, seq: 9 },
      done: 500,
      total: 10_000,
    }
    expect(decodeCursor(encodeCursor(LOG))).toEqual(LOG)
    expect(decodeCursor(encodeCursor(snapshot))).toEqual(snapshot)
    expect(encodeCursor(LOG)).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('rejects garbage, foreign JSON and unknown versions', () => {
    expect(decodeCursor('not a cursor')).toBeNull()
    expect(decodeCursor(Buffer.from('{"hello":1}').toString('base64url'))).toBeNull()
    expect(
      decodeCursor(Buffer.from(JSON.stringify({ ...LOG, v: 2 })).toString('base64url')),
    ).toBeNull()
  })

  it('fingerprints scope by role and unit, so a moved user starts over', () => {
    const key = scopeKey('grid_worker', '/c/t/v/g1/')
    expect(scopeKey('grid_worker', '/c/t/v/g1/')).toBe(key)
    expect(scopeKey('grid_worker', '/c/t/v/g2/')).not.toBe(key)
    expect(scopeKey('village_cadre', '/c/t/v/g1/')).not.toBe(key)
  })
})
