import { describe, expect, it } from 'vitest'
import { documentNumberKey, isSameDocumentNumber } from './document-number.ts'

describe('document numbers', () => {
  it('treats spaces, bracket look-alikes and full-width digits as the same number', () => {
    expect(isSameDocumentNumber('清民发〔2026〕3号', ' 清民发[2026]3号')).toBe(true)
    expect(isSameDocumentNumber('清民发〔2026〕3号', '清民发（２０２６）３号')).toBe(true)
    expect(isSameDocumentNumber('清民发〔2026〕3号', '清民发【2026】 3 号')).toBe(true)
  })

  it('tells different numbers apart', () => {
    expect(isSameDocumentNumber('清民发〔2026〕3号', '清民发〔2026〕13号')).toBe(false)
    expect(isSameDocumentNumber('清民发〔2026〕3号', '清财发〔2026〕3号')).toBe(false)
    expect(documentNumberKey('清民发〔2026〕3号')).toBe('清民发〔2026〕3号')
  })
})
