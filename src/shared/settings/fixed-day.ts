/**
 * The fixed discussion day (固定议事日, the "5+1" 说事日 of seed 002): a day
 * of the month ("the 5th") or a weekday rule ("the first Monday"), set for
 * the county and overridden per township or village. The plan form offers
 * the next ones; a day off the schedule is still allowed.
 */
import { z } from 'zod'
import { pathIds } from '../org/org-path.ts'

/** The 5th of every month: the assumption before a county sets its own day. */
export const DEFAULT_FIXED_DAY_RULE: FixedDayRule = { type: 'day_of_month', day: 5 }

/**
 * A fixed-day rule. Days of the month stop at 28 so that every month has the
 * day; `nth` 5 means the last such weekday of the month.
 */
export const fixedDayRuleSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('day_of_month'),
      day: z
        .number({ error: '每月几日应为1到28' })
        .int('每月几日应为1到28')
        .min(1, '每月几日应为1到28')
        .max(28, '每月几日应为1到28'),
    }),
    z.object({
      type: z.literal('nth_weekday'),
      /** 1–4: the first to fourth; 5: the last. */
      nth: z
        .number({ error: '第几周应为1到5' })
        .int('第几周应为1到5')
        .min(1, '第几周应为1到5')
        .max(5, '第几周应为1到5'),
      /** 1 Monday … 7 Sunday. */
      weekday: z
        .number({ error: '星期应为1到7' })
        .int('星期应为1到7')
        .min(1, '星期应为1到7')
        .max(7, '星期应为1到7'),
    }),
  ],
  { error: '固定议事日规则不正确' },
)
/** A fixed-day rule. */
export type FixedDayRule = z.infer<typeof fixedDayRuleSchema>

/**
 * The rule in force at a unit: its own, else the nearest ancestor's (a
 * village's township), else the county's.
 */
export function fixedDayRuleFor(
  fixedDay: { county: FixedDayRule; units: Readonly<Record<string, FixedDayRule>> },
  unitPath: string,
): FixedDayRule {
  const ids = pathIds(unitPath)
  for (let index = ids.length - 1; index >= 0; index -= 1) {
    const own = fixedDay.units[ids[index] ?? '']
    if (own) return own
  }
  return fixedDay.county
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The rule's day in a month ('YYYY-MM-DD'). */
export function fixedDayIn(year: number, month: number, rule: FixedDayRule): string {
  if (rule.type === 'day_of_month') return `${year}-${pad(month)}-${pad(rule.day)}`
  // Weekday of the 1st, Monday = 1 … Sunday = 7.
  const firstWeekday = ((new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7) + 1
  const firstMatch = 1 + ((rule.weekday - firstWeekday + 7) % 7)
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  let day = firstMatch + (rule.nth - 1) * 7
  if (day > daysInMonth) day -= 7
  return `${year}-${pad(month)}-${pad(day)}`
}

/** The next `count` fixed days on or after `today` ('YYYY-MM-DD') under `rule`. */
export function upcomingFixedDaysByRule(
  today: string,
  count: number,
  rule: FixedDayRule,
): string[] {
  const [year = 2000, month = 1] = today.split('-').map(Number)
  const days: string[] = []
  let y = year
  let m = month
  while (days.length < count) {
    const day = fixedDayIn(y, m, rule)
    if (day >= today) days.push(day)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return days
}
