import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  cleanText,
  findUnsafeString,
  hasVisibleCharacter,
  isSafeString,
  optionalText,
  text,
} from './text.schema.ts'

const title = text({ max: 10, missing: '请填写标题' })
const notes = optionalText({ max: 20, multiline: true })

function messageOf(schema: z.ZodType, value: unknown): string | undefined {
  const parsed = schema.safeParse(value)
  return parsed.success ? undefined : parsed.error.issues[0]?.message
}

describe('the text rule', () => {
  it('stores the NFC form, so a decomposed é equals a composed one', () => {
    expect(title.parse('cafe\u0301')).toBe('caf\u00e9')
    expect(title.parse('caf\u00e9')).toBe('caf\u00e9')
  })

  it('trims spaces, ideographic spaces and zero-width characters at both ends only', () => {
    expect(title.parse('\u3000 \u200b说事\u200d站 \ufeff')).toBe('说事\u200d站')
  })

  it('keeps an emoji with its variation selector and joiners intact', () => {
    expect(title.parse('👩‍👩‍👧 ❤️')).toBe('👩‍👩‍👧 ❤️')
  })

  it.each([
    ['nothing', ''],
    ['spaces', '   '],
    ['zero-width spaces only', '\u200b\u200b'],
    ['a zero-width joiner and a BOM', '\u200d\ufeff'],
    ['a combining mark alone', '\u0301'],
    ['a Hangul filler', '\u3164'],
    ['a soft hyphen', '\u00ad'],
  ])('refuses a required field of %s', (_name, value) => {
    expect(messageOf(title, value)).toBe('请填写标题')
  })

  it.each([
    ['U+0000', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a line feed in a single-line field', 'a\nb'],
    ['a tab in a single-line field', 'a\tb'],
  ])('refuses %s with a Chinese reason', (_name, value) => {
    expect(messageOf(title, value)).toMatch(/控制字符/)
  })

  it('refuses a lone surrogate, high or low', () => {
    expect(messageOf(title, 'a\ud800')).toBe('含有无法识别的字符')
    expect(messageOf(title, '\udc00b')).toBe('含有无法识别的字符')
    expect(title.parse('😀')).toBe('😀')
  })

  it('refuses a right-to-left override', () => {
    expect(messageOf(title, 'abc\u202edcba')).toBe('不能包含文字方向控制字符')
  })

  it('counts the length after cleaning', () => {
    expect(title.parse(`  ${'字'.repeat(10)}  `)).toBe('字'.repeat(10))
    expect(messageOf(title, '字'.repeat(11))).toBe('不超过10字')
  })

  it('keeps line feeds and tabs in a multi-line field and unifies line ends', () => {
    expect(notes.parse('第一行\r\n第二行\r第三行\n\t缩进')).toBe('第一行\n第二行\n第三行\n\t缩进')
    expect(messageOf(notes, '第一行\u0000')).toBe('不能包含控制字符')
  })

  it('lets an optional field be empty but not invisible', () => {
    expect(notes.parse('')).toBe('')
    expect(notes.parse(' \u200b ')).toBe('')
    expect(messageOf(notes, '\u0301')).toBe('内容不能只有空白字符')
  })

  it('refuses what is not a string', () => {
    expect(messageOf(title, 42)).toBe('请填写标题')
    expect(messageOf(title, undefined)).toBe('请填写标题')
  })
})

describe('helpers', () => {
  it('cleanText and hasVisibleCharacter agree with the schemas', () => {
    expect(cleanText(' a\r\nb ', true)).toBe('a\nb')
    expect(hasVisibleCharacter('\u200b\u00ad')).toBe(false)
    expect(hasVisibleCharacter('\u200b说')).toBe(true)
  })

  it('isSafeString refuses only U+0000 and lone surrogates', () => {
    expect(isSafeString('a\u0001b😀')).toBe(true)
    expect(isSafeString('a\u0000')).toBe(false)
    expect(isSafeString('\ud83d')).toBe(false)
  })

  it('findUnsafeString names the first bad string anywhere in a JSON value, keys included', () => {
    expect(findUnsafeString({ a: [1, 'ok', { b: 'x\u0000' }] })).toBe('a.2.b')
    expect(findUnsafeString({ ['k\ud800']: 1 })).toBe('k\ud800')
    expect(findUnsafeString('\u0000')).toBe('_')
    expect(findUnsafeString({ a: ['fine', null, true, 3] })).toBeNull()
  })
})
