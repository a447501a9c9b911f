import { describe, expect, it } from 'vitest'
import { contrastRatio } from './contrast.ts'
import { baseTheme, CONTRAST_PAIRS, COLORS, elderTheme } from './theme.ts'

describe('theme', () => {
  it('computes the WCAG ratio of black on white as 21:1 and of a colour on itself as 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5)
  })

  it('rejects Vant defaults that fail 4.5:1, so the check can fail', () => {
    expect(contrastRatio('#ffffff', '#1989fa')).toBeLessThan(4.5)
    expect(contrastRatio('#969799', '#ffffff')).toBeLessThan(4.5)
  })

  it.each(CONTRAST_PAIRS)('gives %s a contrast of at least 4.5:1', (_name, fg, bg) => {
    expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(4.5)
  })

  it('uses only checked colours for text and buttons', () => {
    const checked = new Set<string>(Object.values(COLORS))
    for (const key of [
      'primaryColor',
      'textColor',
      'textColor2',
      'textColor3',
      'fieldPlaceholderTextColor',
    ] as const) {
      expect(checked.has(String(baseTheme[key]))).toBe(true)
    }
  })

  it('makes elder mode body text at least 18 px and touch targets at least 60 px', () => {
    expect(parseInt(String(elderTheme.fontSizeMd), 10)).toBeGreaterThanOrEqual(18)
    expect(parseInt(String(elderTheme.cellFontSize), 10)).toBeGreaterThanOrEqual(18)
    expect(parseInt(String(elderTheme.buttonDefaultHeight), 10)).toBeGreaterThanOrEqual(60)
    expect(parseInt(String(elderTheme.tabbarHeight), 10)).toBeGreaterThanOrEqual(60)
    const cellHeight =
      parseInt(String(elderTheme.cellLineHeight), 10) +
      2 * parseInt(String(elderTheme.cellVerticalPadding), 10)
    expect(cellHeight).toBeGreaterThanOrEqual(60)
  })
})
