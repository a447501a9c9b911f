/**
 * The Vant theme. Vant's default greys (#969799, #c8c9cc) and primary blue
 * (#1989fa) fail WCAG's 4.5:1 on white, so every text and button colour is
 * replaced here; `theme.test.ts` checks each pair. Elder mode (长辈模式)
 * enlarges type to ≥ 18 px and touch targets to ≥ 60 px.
 */
import type { ConfigProviderThemeVars } from 'vant'

export const COLORS = {
  primary: '#b8141b',
  success: '#1a7436',
  warning: '#9a4d00',
  danger: '#b8141b',
  text: '#1f2329',
  text2: '#4b5563',
  text3: '#5f6670',
  background: '#f4f5f7',
  surface: '#ffffff',
  border: '#d9dce1',
  white: '#ffffff',
} as const

/** Pairs of (foreground, background) that must reach 4.5:1. */
export const CONTRAST_PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ['body text', COLORS.text, COLORS.surface],
  ['body text on page', COLORS.text, COLORS.background],
  ['secondary text', COLORS.text2, COLORS.surface],
  ['secondary text on page', COLORS.text2, COLORS.background],
  ['placeholder and hints', COLORS.text3, COLORS.surface],
  ['hints on page', COLORS.text3, COLORS.background],
  ['primary button', COLORS.white, COLORS.primary],
  ['primary link', COLORS.primary, COLORS.surface],
  ['success button', COLORS.white, COLORS.success],
  ['warning button', COLORS.white, COLORS.warning],
  ['danger button', COLORS.white, COLORS.danger],
  ['tab bar inactive', COLORS.text2, COLORS.surface],
  // WCAG asks 3:1 of a control's outline; these reach 4.5:1 like text.
  ['radio and checkbox outline', COLORS.text3, COLORS.surface],
]

export const baseTheme: ConfigProviderThemeVars = {
  primaryColor: COLORS.primary,
  successColor: COLORS.success,
  warningColor: COLORS.warning,
  dangerColor: COLORS.danger,
  textColor: COLORS.text,
  textColor2: COLORS.text2,
  textColor3: COLORS.text3,
  activeColor: COLORS.border,
  background: COLORS.background,
  background2: COLORS.surface,
  borderColor: COLORS.border,
  gray6: COLORS.text2,
  gray7: COLORS.text2,
  fieldPlaceholderTextColor: COLORS.text3,
  fieldInputTextColor: COLORS.text,
  cellLabelColor: COLORS.text2,
  cellValueColor: COLORS.text2,
  tabbarItemTextColor: COLORS.text2,
  tabbarItemActiveColor: COLORS.primary,
  navBarIconColor: COLORS.primary,
  navBarTextColor: COLORS.primary,
  buttonPrimaryBackground: COLORS.primary,
  buttonPrimaryBorderColor: COLORS.primary,
  buttonDefaultColor: COLORS.text,
  buttonDefaultBorderColor: COLORS.text3,
  emptyDescriptionColor: COLORS.text2,
  tagPrimaryColor: COLORS.primary,
  radioBorderColor: COLORS.text3,
  checkboxBorderColor: COLORS.text3,
}

/** Elder mode: body ≥ 18 px, controls ≥ 60 px tall. */
export const elderTheme: ConfigProviderThemeVars = {
  ...baseTheme,
  fontSizeXs: '14px',
  fontSizeSm: '16px',
  fontSizeMd: '18px',
  fontSizeLg: '20px',
  lineHeightMd: '28px',
  lineHeightLg: '30px',
  cellFontSize: '18px',
  cellLineHeight: '28px',
  cellVerticalPadding: '16px',
  cellLabelFontSize: '16px',
  cellLabelLineHeight: '24px',
  cellIconSize: '22px',
  fieldLabelWidth: '5.5em',
  buttonDefaultHeight: '60px',
  buttonNormalFontSize: '18px',
  buttonDefaultFontSize: '18px',
  buttonLargeHeight: '64px',
  buttonSmallHeight: '48px',
  buttonSmallFontSize: '16px',
  tabbarHeight: '64px',
  tabbarItemFontSize: '16px',
  tabbarItemIconSize: '28px',
  navBarHeight: '60px',
  navBarTitleFontSize: '20px',
  switchSize: '36px',
}
