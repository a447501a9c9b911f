/**
 * The period a supervision view covers: a month ('2026-11'), a quarter
 * ('2026-Q4'), a year ('2026') or a custom range of China dates. The server
 * and the screens read the same rules; a bad period is refused with a
 * Chinese reason, never guessed.
 */

/** The kinds of period the screens offer. */
export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const
/** A kind of period. */
export type PeriodKind = (typeof PERIOD_KINDS)[number]

/** What a client asks for: the kind and either `at` or `from`/`to`. */
export interface PeriodQuery {
  period: string
  at?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** A resolved period: China dates, both ends included. */
export interface Period {
  kind: PeriodKind
  /** The `at` value, or `from~to` for a custom range. */
  label: string
  from: string
  to: string
  /** The calendar months it touches, 'YYYY-MM', oldest first (the fixed day is monthly). */
  months: string[]
}

/** The longest custom range: three years keeps a view's work bounded. */
export const MAX_CUSTOM_DAYS = 366 * 3

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const pad = (n: number) => String(n).padStart(2, '0')

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${pad(month)}-${pad(day)}`
}

function isDate(value: string): boolean {
  const match = DATE.exec(value)
  if (!match) return false
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return new Date(ms).toISOString().slice(0, 10) === value
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  const last = to.slice(0, 7)
  for (;;) {
    const current = `${year}-${pad(month)}`
    months.push(current)
    if (current >= last) return months
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
}

function range(kind: PeriodKind, label: string, from: string, to: string): Period {
  return { kind, label, from, to, months: monthsBetween(from, to) }
}

/** The period asked for, or the Chinese reason it is refused. */
export function resolvePeriod(query: PeriodQuery): Period | { error: string } {
  const at = query.at ?? ''
  const year = (text: string) => Number(text) >= 2000 && Number(text) <= 2100
  switch (query.period) {
    case 'month': {
      const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(at)
      if (!match || !year(match[1] ?? '')) return { error: '月份格式应为“2026-11”' }
      const [y, m] = [Number(match[1]), Number(match[2])]
      return range('month', at, `${at}-01`, lastDay(y, m))
    }
    case 'quarter': {
      const match = /^(\d{4})-Q([1-4])$/.exec(at)
      if (!match || !year(match[1] ?? '')) return { error: '季度格式应为“2026-Q4”' }
      const [y, q] = [Number(match[1]), Number(match[2])]
      return range('quarter', at, `${y}-${pad(q * 3 - 2)}-01`, lastDay(y, q * 3))
    }
    case 'year': {
      if (!/^\d{4}$/.test(at) || !year(at)) return { error: '年份格式应为“2026”' }
      return range('year', at, `${at}-01-01`, `${at}-12-31`)
    }
    case 'custom': {
      const { from = '', to = '' } = query
      if (!isDate(from) || !isDate(to)) return { error: '起止日期格式应为“2026-01-31”' }
      if (from > to) return { error: '开始日期不能晚于结束日期' }
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
      if (days > MAX_CUSTOM_DAYS) return { error: '自定义期间不能超过三年' }
      return range('custom', `${from}~${to}`, from, to)
    }
    default:
      return { error: '统计期间应为月、季度、年或自定义' }
  }
}

/** The period of `kind` that holds China date `today` (custom: the month so far). */
export function currentPeriod(kind: PeriodKind, today: string): Period {
  const y = today.slice(0, 4)
  const m = Number(today.slice(5, 7))
  const query: PeriodQuery =
    kind === 'month'
      ? { period: 'month', at: today.slice(0, 7) }
      : kind === 'quarter'
        ? { period: 'quarter', at: `${y}-Q${Math.ceil(m / 3)}` }
        : kind === 'year'
          ? { period: 'year', at: y }
          : { period: 'custom', from: `${today.slice(0, 7)}-01`, to: today }
  const period = resolvePeriod(query)
  if ('error' in period) throw new RangeError(period.error)
  return period
}
