/**
 * Dates as people in China read them, always in China time. China keeps
 * UTC+8 all year (no daylight saving since 1991; as `chinaDate` in
 * src/shared/calendar/working-days.ts), so the time is shifted and printed
 * by hand: an `Intl.DateTimeFormat` with a time zone costs about 30 ms to
 * build on a slow phone (ICU's zone and locale data), on 首页's first screen.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000

/** "2026/11/25 16:05" */
export function formatDateTime(iso: string): string {
  const china = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString()
  return `${china.slice(0, 10).replaceAll('-', '/')} ${china.slice(11, 16)}`
}
