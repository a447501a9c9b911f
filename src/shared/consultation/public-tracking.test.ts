import { describe, expect, it } from 'vitest'
import {
  formatTrackingCode,
  normalizeTrackingCode,
  trackingCodeFromBytes,
  TRACKING_CODE_LENGTH,
} from './public-tracking.ts'

describe('the tracking code of a public opinion', () => {
  it('takes 12 characters of the unambiguous alphabet from random bytes', () => {
    const code = trackingCodeFromBytes(new Uint8Array(12).map((_, i) => i * 37))
    expect(code).toHaveLength(TRACKING_CODE_LENGTH)
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]+$/)
    expect(() => trackingCodeFromBytes(new Uint8Array(11))).toThrow(RangeError)
  })

  it('is shown in three groups and read back however it was typed', () => {
    expect(formatTrackingCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN')
    expect(normalizeTrackingCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN')
  })

  it('refuses what cannot be a code: wrong length or a left-out character', () => {
    expect(normalizeTrackingCode('ABCD-EFGH')).toBeNull()
    expect(normalizeTrackingCode('ABCD-EFGH-JKM0')).toBeNull()
    expect(normalizeTrackingCode('ABCD-EFGH-JKMI')).toBeNull()
  })
})
