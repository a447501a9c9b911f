/**
 * The supervision figures (督导考核, issue #14.2) as the server answers them
 * and the screens show them: per unit of a subtree, for a period. Counts
 * only; rates are derived with `rate` so every screen rounds the same way.
 */
import type {
  IssueCategory,
  IssueChannel,
  IssueStage,
  Satisfaction,
} from '../issue/issue.schema.ts'
import type { TopicOutcome } from '../meeting/meeting.schema.ts'
import type { OrgTier } from '../org/org.schema.ts'
import type { Period } from './period.ts'

/** Overdue count of one stage against the matters that reached it. */
export interface StageOverdue {
  reached: number
  overdue: number
}

/** Issue reports received in the period (for a department: dispatched to it). */
export interface IssueFigures {
  received: number
  byCategory: Record<IssueCategory, number>
  byChannel: Record<IssueChannel, number>
  /** 就地化解: answered by the village without going up. */
  resolvedLocally: number
  escalated: number
  dispatched: number
  closed: number
  /** Times a dissatisfied resident reopened a matter. */
  reopened: number
  satisfaction: Record<Satisfaction, number>
  overdue: Record<IssueStage, StageOverdue>
  /** Working days from receipt to the first answer, median of the answered; null when none. */
  medianHandlingDays: number | null
  /** Answered matters by working days taken (the median's source, mergeable). */
  handlingHistogram: Record<string, number>
}

/** Discussion days (固定议事日) dated in the period. */
export interface MeetingFigures {
  /** Days held (minutes recorded or signed off). */
  held: number
  cancelled: number
  /** Village-months with at least one day held. */
  villageMonthsHeld: number
  /** Village-months expected: one fixed day per village per month; null for a grid. */
  villageMonthsExpected: number | null
  topics: number
  outcomes: Record<TopicOutcome, number>
  /** Mediators sent to the days held (participations, not people). */
  mediators: number
}

/** Villagers' assessment forms (群众评议表) submitted in the period. */
export interface FormFigures {
  collected: number
  /** Forms scoring satisfaction 4 or 5. */
  satisfied: number
}

/** Policies issued in the period and their interpretation within 20 working days. */
export interface PolicyFigures {
  issued: number
  onTime: number
  late: number
  /** Not interpreted and past the deadline. */
  overdue: number
  /** Not interpreted, deadline not yet passed. */
  pending: number
}

/** Post-evaluations (后评估) opened in the period. */
export interface PostEvaluationFigures {
  opened: number
  concluded: number
}

/**
 * Consultations (政府问政) whose answers were due in the period: answered
 * late, or with opinions still unanswered past the due day.
 */
export interface ConsultationFigures {
  due: number
  late: number
  unanswered: number
}

/** A unit as the figures name it. */
export interface FigureUnit {
  id: string
  name: string
  tier: OrgTier
  path: string
  /** True when the unit has units below it to drill into. */
  hasChildren: boolean
}

/**
 * The livelihood list (民生实事, issue #16.4): items of the period's years
 * (merged and cancelled ones left out), late by their own rules on the day
 * asked, and completed. Counted where the item is home, and for the
 * department responsible for it.
 */
export interface LivelihoodFigures {
  items: number
  late: number
  completed: number
}

/**
 * Mediators' outreach (巡讲课堂、工作室, issue #18.4) held in the period,
 * counted where the class (its village) or the studio is home.
 */
export interface OutreachFigures {
  classes: number
  /** People at the classes, added up. */
  attendance: number
  studioSessions: number
}

/**
 * Oversight links (issue #18): deputies' linked villages whose visits are
 * overdue on the day asked (at the village), review matters taken in during
 * the period (at the station), self-correction cases opened in the period
 * (at the enforcing department), overdue on the day asked and concluded.
 */
export interface OversightFigures {
  overdueVisits: number
  reviewMatters: number
  cases: number
  casesOverdue: number
  casesConcluded: number
}

/**
 * Disclosures (村务公开, issue #17.2) on the day asked: the (station,
 * category) pairs due a publication within their period, and those with
 * none (the gaps), counted at the station.
 */
export interface DisclosureFigures {
  due: number
  missing: number
}

/** Every figure of one unit. */
export interface UnitFigures {
  unit: FigureUnit
  issues: IssueFigures
  meetings: MeetingFigures
  forms: FormFigures
  policies: PolicyFigures
  postEvaluations: PostEvaluationFigures
  consultations: ConsultationFigures
  livelihood: LivelihoodFigures
  outreach: OutreachFigures
  oversight: OversightFigures
  disclosures: DisclosureFigures
}

/** A policy interpreted late or not yet, past its deadline. */
export interface LatePolicy {
  title: string
  department: string
  deadline: string
  status: 'late' | 'overdue'
}

/** What GET /api/supervision answers. */
export interface SupervisionView {
  period: Period
  /** China date the overdue figures were judged on. */
  today: string
  /** The unit viewed and the units above it up to the viewer's own, top first. */
  trail: FigureUnit[]
  total: UnitFigures
  /** The units one level down (townships, villages or grids). */
  areas: UnitFigures[]
  /** The county's departments (county view), or the department itself. */
  departments: UnitFigures[]
  latePolicies: LatePolicy[]
}

/** `part / whole` as a share in [0, 1], or null when nothing was counted. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** The median of a histogram of whole working days (lower median for an even count). */
export function medianOf(histogram: Readonly<Record<string, number>>): number | null {
  const entries = Object.entries(histogram)
    .map(([days, count]) => [Number(days), count] as const)
    .sort((a, b) => a[0] - b[0])
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  if (total === 0) return null
  let seen = 0
  for (const [days, count] of entries) {
    seen += count
    if (seen * 2 >= total) return days
  }
  return null
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>

/** Figures of a unit where nothing was counted. */
export function emptyFigures(unit: FigureUnit, villageMonthsExpected: number | null): UnitFigures {
  return {
    unit,
    issues: {
      received: 0,
      byCategory: zeroes(['personal', 'public_interest', 'administrative']),
      byChannel: zeroes(['grid_visit', 'station', 'online', 'phone_call', 'walk_in', 'deputy']),
      resolvedLocally: 0,
      escalated: 0,
      dispatched: 0,
      closed: 0,
      reopened: 0,
      satisfaction: zeroes(['satisfied', 'basically_satisfied', 'dissatisfied']),
      overdue: {
        accept: { reached: 0, overdue: 0 },
        village: { reached: 0, overdue: 0 },
        township: { reached: 0, overdue: 0 },
        department: { reached: 0, overdue: 0 },
        feedback: { reached: 0, overdue: 0 },
      },
      medianHandlingDays: null,
      handlingHistogram: {},
    },
    meetings: {
      held: 0,
      cancelled: 0,
      villageMonthsHeld: 0,
      villageMonthsExpected,
      topics: 0,
      outcomes: zeroes(['agreed', 'resolved', 'escalated', 'deferred']),
      mediators: 0,
    },
    forms: { collected: 0, satisfied: 0 },
    policies: { issued: 0, onTime: 0, late: 0, overdue: 0, pending: 0 },
    postEvaluations: { opened: 0, concluded: 0 },
    consultations: { due: 0, late: 0, unanswered: 0 },
    livelihood: { items: 0, late: 0, completed: 0 },
    outreach: { classes: 0, attendance: 0, studioSessions: 0 },
    oversight: { overdueVisits: 0, reviewMatters: 0, cases: 0, casesOverdue: 0, casesConcluded: 0 },
    disclosures: { due: 0, missing: 0 },
  }
}

/** Adds every count of `b` into a copy of `a` (numbers, and records of numbers, deeply). */
export function addCounts<T>(a: T, b: T): T {
  if (typeof a === 'number' && typeof b === 'number') return (a + b) as T
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a ?? b
  const sum: Record<string, unknown> = { ...(a as Record<string, unknown>) }
  for (const [key, value] of Object.entries(b as Record<string, unknown>)) {
    sum[key] = key in sum ? addCounts(sum[key], value) : value
  }
  return sum as T
}
