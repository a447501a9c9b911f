/**
 * The demo county's history: six months of issue reports through their
 * lifecycles, the villages' discussion days, policies and their
 * interpretation, and assessment forms for the demo campaign, so that the
 * work desk and the supervision screens have something to show on the first
 * login. Deterministic (a seeded generator and the day it runs), and each
 * township has its own character: 柳河镇 does well, 青石乡 is middling,
 * 东湖街道 lags (late, dissatisfied, missed fixed days), so the ranking and
 * the commend/notify lists mean something. Written in one transaction.
 */
import type { Kysely } from 'kysely'
import { addWorkingDays, chinaDate, isWorkingDay } from '#shared/calendar/working-days.ts'
import type { IssueCategory, IssueChannel, Satisfaction } from '#shared/issue/issue.schema.ts'
import { ISSUE_CATEGORIES, ISSUE_CHANNELS } from '#shared/issue/issue.schema.ts'
import type { TopicOutcome } from '#shared/meeting/meeting.schema.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import {
  formData,
  issueData,
  meetingData,
  policyData,
  writeRecord,
  type IssueStep,
} from './record-builders.ts'

/** How a township works: chance of answering in the village, of lateness, of 不满意, of a fixed day held. */
interface Character {
  local: number
  late: number
  dissatisfied: number
  fixedDay: number
}

const CHARACTERS: readonly Character[] = [
  { local: 0.8, late: 0.05, dissatisfied: 0.03, fixedDay: 1 },
  { local: 0.6, late: 0.25, dissatisfied: 0.1, fixedDay: 0.8 },
  { local: 0.35, late: 0.6, dissatisfied: 0.3, fixedDay: 0.4 },
]

const TITLES = [
  '路灯不亮',
  '邻里噪音',
  '宅基地界线',
  '低保咨询',
  '水渠堵塞',
  '垃圾清运',
  '医保报销',
  '道路破损',
]
const DEMO_CAMPAIGN_ID = '0195b1c0-0000-7000-8000-00000000d002'

/** A small deterministic generator (mulberry32). */
function generator(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  }
}
type Random = ReturnType<typeof generator>

/** China dates of the working days from `from` to `to`. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = []
  for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 86_400_000) {
    const day = new Date(ms).toISOString().slice(0, 10)
    if (isWorkingDay(day)) days.push(day)
  }
  return days
}

/** The steps of one matter received on `on`, cut at `today` (later steps have not happened yet). */
function lifecycle(
  random: Random,
  character: Character,
  on: string,
  today: string,
  village: string,
  township: string,
  department: string,
): IssueStep[] {
  const after = (day: string, due: number) =>
    addWorkingDays(day, random.chance(character.late) ? due + random.int(1, 6) : random.int(0, due))
      .date
  const satisfaction = (): Satisfaction =>
    random.chance(character.dissatisfied)
      ? 'dissatisfied'
      : random.chance(0.8)
        ? 'satisfied'
        : 'basically_satisfied'
  const steps: IssueStep[] = [{ action: 'register', to: 'registered', on }]
  // Each step after registering is taken by one unit's staff; returns its day for the next one.
  const take = (
    action: IssueStep['action'],
    to: IssueStep['to'],
    day: string,
    [unitPath, role]: readonly [string, IssueStep['role']],
  ): string => {
    steps.push({ action, to, on: day, unitPath, role })
    return day
  }
  const byVillage = [village, 'village_cadre'] as const
  const byTownship = [township, 'township_staff'] as const
  const accepted = take('accept', 'accepted', after(on, 2), byVillage)
  const route = random.chance(character.local)
    ? 'village'
    : random.chance(0.5)
      ? 'township'
      : 'department'
  if (route === 'village') {
    take('resolve_locally', 'awaiting_feedback', after(accepted, 5), byVillage)
  } else {
    const escalated = take('escalate', 'escalated', after(accepted, 5), byVillage)
    if (route === 'township') {
      take('resolve_by_township', 'awaiting_feedback', after(escalated, 10), byTownship)
    } else {
      const dispatched = take('dispatch', 'dispatched', after(escalated, 3), byTownship)
      take('reply', 'awaiting_feedback', after(dispatched, 15), [department, 'department_staff'])
    }
  }
  const answered = steps.at(-1)?.on ?? on
  const rating = satisfaction()
  const back = route === 'village' ? 'accepted' : route === 'township' ? 'escalated' : 'dispatched'
  steps.push({
    action: 'feedback',
    to: rating === 'dissatisfied' ? back : 'closed',
    on: after(answered, 3),
    satisfaction: rating,
  })
  const cut = steps.findIndex((step) => step.on > today)
  return cut === -1 ? steps : steps.slice(0, cut)
}

/**
 * Writes the history for the demo county's units, the months before `now`
 * and this month so far. Returns how many records it wrote.
 */
export async function seedDemoHistory(
  db: Kysely<DatabaseSchema>,
  units: readonly OrgUnit[],
  now = new Date(),
  months = 6,
): Promise<number> {
  const today = chinaDate(now.toISOString())
  const start = new Date(
    Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - months, 1),
  )
    .toISOString()
    .slice(0, 10)
  const random = generator(14)
  const townships = units.filter((unit) => unit.tier === 'township')
  const departments = units.filter((unit) => unit.tier === 'department')
  const childrenOf = (unit: OrgUnit) => units.filter((child) => child.parentId === unit.id)
  let written = 0
  await db.transaction().execute(async (trx) => {
    const write = async (kind: string, id: string, data: Record<string, unknown>) => {
      await writeRecord(trx, kind, id, data)
      written += 1
    }
    for (const [townshipIndex, township] of townships.entries()) {
      const character = CHARACTERS[townshipIndex % CHARACTERS.length] ?? CHARACTERS[0]!
      for (const village of childrenOf(township)) {
        for (const month of monthsFrom(start, today)) {
          const days = workingDays(month.from, month.to)
          if (days.length === 0) continue
          for (const grid of childrenOf(village)) {
            const count = random.int(5, 9)
            for (let n = 0; n < count; n += 1) {
              const on = random.pick(days)
              const department = random.pick(departments).path
              await write(
                'issue',
                `hist-${grid.id}-${on}-${n}`,
                issueData({
                  id: `hist-${grid.id}-${on}-${n}`,
                  gridPath: grid.path,
                  category: random.pick<IssueCategory>(ISSUE_CATEGORIES),
                  channel: random.pick<IssueChannel>(ISSUE_CHANNELS),
                  title: random.pick(TITLES),
                  department,
                  steps: lifecycle(
                    random,
                    character,
                    on,
                    today,
                    village.path,
                    township.path,
                    department,
                  ),
                }),
              )
            }
          }
          // The fixed day (固定议事日) falls mid-month; this month's is planned when still ahead.
          const monthDays = workingDays(month.from, month.end)
          const fixedDay = monthDays[Math.min(monthDays.length - 1, 10)] ?? month.from
          if (!random.chance(character.fixedDay) && fixedDay <= today) continue
          const outcomes = Array.from({ length: random.int(1, 3) }, () =>
            random.pick<TopicOutcome>(['agreed', 'resolved', 'resolved', 'escalated', 'deferred']),
          )
          await write(
            'meeting',
            `hist-${village.id}-${month.key}`,
            meetingData({
              id: `hist-${village.id}-${month.key}`,
              orgPath: village.path,
              date: fixedDay,
              status: fixedDay > today ? 'planned' : random.chance(0.7) ? 'signed_off' : 'held',
              outcomes: fixedDay > today ? outcomes.map(() => null) : outcomes,
              mediators: random.int(0, 3),
            }),
          )
        }
      }
    }
    await seedPolicies(write, random, departments, start, today)
    await seedForms(write, random, townships[0] ? childrenOf(townships[0]) : [], today)
  })
  return written
}

type Write = (kind: string, id: string, data: Record<string, unknown>) => Promise<void>

/** Two policies a month per department, most interpreted in time, some late, some not yet. */
async function seedPolicies(
  write: Write,
  random: Random,
  departments: readonly OrgUnit[],
  start: string,
  today: string,
) {
  for (const month of monthsFrom(start, today)) {
    const days = workingDays(month.from, month.to)
    for (const [index, department] of departments.entries()) {
      for (let n = 0; n < 2 && days.length > 0; n += 1) {
        const issueDate = random.pick(days)
        const deadline = addWorkingDays(issueDate, 20).date
        const late = random.chance(0.15 + index * 0.08)
        const heldOn = addWorkingDays(issueDate, late ? random.int(21, 30) : random.int(3, 20)).date
        const id = `hist-policy-${department.id}-${month.key}-${n}`
        await write(
          'policy',
          id,
          policyData({
            id: `${index + 1}${month.key.replace('-', '')}${n}`,
            department: department.path,
            title: `${random.pick(['低保', '医保', '住房', '农业补贴', '就业'])}政策实施细则（演示${month.key}-${n + 1}）`,
            issueDate,
            interpretedOn:
              heldOn <= today && (heldOn <= deadline || random.chance(0.7)) ? [heldOn] : [],
          }),
        )
      }
    }
  }
}

/** Forms for the demo campaign from its villages (it opens on the day the demo starts). */
async function seedForms(
  write: Write,
  random: Random,
  villages: readonly OrgUnit[],
  today: string,
) {
  for (const village of villages) {
    for (let n = 0; n < 12; n += 1) {
      await write(
        'assessment_form',
        `hist-form-${village.id}-${n}`,
        formData({
          id: `hist-form-${village.id}-${n}`,
          villagePath: village.path,
          department: '/demo-county/demo-dept-1/',
          campaignId: DEMO_CAMPAIGN_ID,
          on: today,
          satisfaction: random.pick([5, 5, 4, 4, 4, 3, 2]),
        }),
      )
    }
  }
}

/** The calendar months from `start` to the month of `today`, each cut at `today`. */
function monthsFrom(start: string, today: string) {
  const months: Array<{ key: string; from: string; to: string; end: string }> = []
  let year = Number(start.slice(0, 4))
  let month = Number(start.slice(5, 7))
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    if (key > today.slice(0, 7)) return months
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
    months.push({ key, from: `${key}-01`, to: last < today ? last : today, end: last })
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
}
