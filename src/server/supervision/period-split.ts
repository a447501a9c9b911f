/**
 * A period as the summary can serve it: the calendar months it covers
 * whole, and the days of the months it covers only in part (a custom
 * range's first and last month), which are counted from the facts.
 */
import type { Period } from '#shared/supervision/period.ts'
import type { DayRange } from './supervision.queries.ts'

const pad = (n: number) => String(n).padStart(2, '0')

/** The last China date of month 'YYYY-MM'. */
function monthEnd(month: string): string {
  const day = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
  return `${month}-${pad(day.getUTCDate())}`
}

export function splitPeriod(period: Pick<Period, 'from' | 'to' | 'months'>): {
  months: string[]
  edges: DayRange[]
} {
  const months: string[] = []
  const edges: DayRange[] = []
  for (const month of period.months) {
    const [start, end] = [`${month}-01`, monthEnd(month)]
    if (period.from <= start && end <= period.to) months.push(month)
    else
      edges.push({
        from: period.from > start ? period.from : start,
        to: period.to < end ? period.to : end,
      })
  }
  return { months, edges }
}
