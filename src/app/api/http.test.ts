import { describe, expect, it } from 'vitest'
import { retryAfterSeconds } from './http.ts'

describe('retryAfterSeconds (the Retry-After of a busy server)', () => {
  it('reads delay-seconds', () => {
    expect(retryAfterSeconds('2')).toBe(2)
    expect(retryAfterSeconds(' 30 ')).toBe(30)
  })

  it('reads an HTTP date as the seconds until then', () => {
    const now = Date.parse('2026-11-27T06:00:00Z')
    expect(retryAfterSeconds('Fri, 27 Nov 2026 06:00:05 GMT', now)).toBe(5)
    expect(retryAfterSeconds('Fri, 27 Nov 2026 05:59:00 GMT', now)).toBe(0)
  })

  it('ignores a missing or unreadable header', () => {
    expect(retryAfterSeconds(null)).toBeNull()
    expect(retryAfterSeconds('')).toBeNull()
    expect(retryAfterSeconds('soon')).toBeNull()
    expect(retryAfterSeconds('-3')).toBeNull()
  })
})
