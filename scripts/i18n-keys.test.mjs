import { describe, expect, it } from 'vitest'
import { findUnusedKeys, messageKeys, quotedPaths, unusedKeys } from './i18n-keys.mjs'

describe('i18n keys', () => {
  it('finds keys named exactly, by a template head, or by a subtree passed as a value', () => {
    const keys = messageKeys({ a: { x: '1', y: '2' }, b: { c: { d: '3' } }, e: { f: { g: '4' } } })
    const source = "t('a.x'); t(`b.c.${v}`); <Field labels=\"e.f\" />; name: 'a'"
    expect(unusedKeys(keys, quotedPaths(source))).toEqual(['a.y'])
  })

  it('leaves no message key that the app never refers to', async () => {
    const { keys, unused } = await findUnusedKeys()
    expect(keys.length).toBeGreaterThan(500)
    expect(unused).toEqual([])
  })
})
