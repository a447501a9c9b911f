/** Dates as people in China read them, always in China time. */
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** "2026/11/25 16:05" */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso))
}
