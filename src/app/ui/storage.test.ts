import { describe, expect, it } from 'vitest'
import { formatBytes } from './storage.ts'

describe('formatBytes', () => {
  it('formats bytes with binary units and one decimal', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
    expect(formatBytes(3.2 * 1024 ** 3)).toBe('3.2 GB')
  })

  it('gives an empty string when the size is unknown', () => {
    expect(formatBytes(null)).toBe('')
  })
})
