import { describe, expect, it } from 'vitest'
import { formatDateTime } from './format.ts'

describe('formatDateTime', () => {
  it('prints China time as Intl does for zh-CN in Asia/Shanghai', () => {
    const intl = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
    for (const iso of [
      '2026-11-25T08:05:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2026-12-31T15:59:59.999Z',
      '2024-02-28T20:30:00Z',
      '2026-06-01T00:00:00+08:00',
    ]) {
      expect(formatDateTime(iso)).toBe(intl.format(new Date(iso)))
    }
    expect(formatDateTime('2026-11-25T08:05:00.000Z')).toBe('2026/11/25 16:05')
  })
})
