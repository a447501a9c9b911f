/**
 * Scoring (考核评分): each unit's figures become indicator values (shares in
 * [0, 1]); each value earns points against the county's target (full marks
 * at or above it); the score is the weighted mean of the points of the
 * indicators that could be measured. Units are ranked by score; those at or
 * above `commendAt` are commended (表彰), those below `notifyBelow` notified
 * (通报), each with the indicator values that put them there.
 */
import { z } from 'zod'
import { rate, type UnitFigures } from './figures.ts'

/** The indicators (考核指标) a county may weigh. */
export const INDICATORS = [
  'local_resolution',
  'satisfaction',
  'on_time',
  'closure',
  'fixed_day',
  'form_satisfaction',
  'interpretation',
  'disclosure',
] as const
/** An indicator. */
export type Indicator = (typeof INDICATORS)[number]

/** The county's scoring standards (评分标准). */
export interface Standards {
  /** Relative weights, 0–100; 0 leaves an indicator out. */
  weights: Record<Indicator, number>
  /** The share that earns full marks, in (0, 1]. */
  targets: Record<Indicator, number>
  /** Score (0–100) from which a unit is commended. */
  commendAt: number
  /** Score below which a unit is notified. */
  notifyBelow: number
}

/** The standards a county starts with (docs/supervision.md). */
export const DEFAULT_STANDARDS: Standards = {
  weights: {
    local_resolution: 20,
    satisfaction: 25,
    on_time: 20,
    closure: 10,
    fixed_day: 15,
    form_satisfaction: 5,
    interpretation: 5,
    disclosure: 5,
  },
  targets: {
    local_resolution: 0.8,
    satisfaction: 0.95,
    on_time: 0.95,
    closure: 0.9,
    fixed_day: 1,
    form_satisfaction: 0.9,
    interpretation: 1,
    disclosure: 1,
  },
  commendAt: 90,
  notifyBelow: 60,
}

const weight = z
  .number({ error: '权重应为0到100的数' })
  .min(0, '权重应为0到100的数')
  .max(100, '权重应为0到100的数')
const target = z
  .number({ error: '达标值应在1%到100%之间' })
  .min(0.01, '达标值应在1%到100%之间')
  .max(1, '达标值应在1%到100%之间')
const threshold = z
  .number({ error: '分数线应为0到100的数' })
  .min(0, '分数线应为0到100的数')
  .max(100, '分数线应为0到100的数')

/** What county staff send to change the standards (every field, validated). */
export const standardsSchema = z
  .object({
    weights: z.object(
      Object.fromEntries(INDICATORS.map((i) => [i, weight])) as Record<Indicator, typeof weight>,
    ),
    targets: z.object(
      Object.fromEntries(INDICATORS.map((i) => [i, target])) as Record<Indicator, typeof target>,
    ),
    commendAt: threshold,
    notifyBelow: threshold,
  })
  .refine((value) => Object.values(value.weights).some((w) => w > 0), {
    message: '至少一项指标的权重应大于0',
    path: ['weights'],
  })
  .refine((value) => value.notifyBelow < value.commendAt, {
    message: '通报分数线应低于表彰分数线',
    path: ['notifyBelow'],
  })

/** An indicator's value for a unit, or null when nothing was there to measure. */
export function indicatorValue(indicator: Indicator, figures: UnitFigures): number | null {
  const { issues, meetings, forms, policies } = figures
  switch (indicator) {
    case 'local_resolution':
      return rate(issues.resolvedLocally, issues.received)
    case 'satisfaction': {
      const { satisfied, basically_satisfied: basic, dissatisfied } = issues.satisfaction
      return rate(satisfied + basic, satisfied + basic + dissatisfied)
    }
    case 'on_time': {
      const stages = Object.values(issues.overdue)
      const late = rate(
        stages.reduce((sum, stage) => sum + stage.overdue, 0),
        stages.reduce((sum, stage) => sum + stage.reached, 0),
      )
      return late === null ? null : 1 - late
    }
    case 'closure':
      return rate(issues.closed, issues.received)
    case 'fixed_day':
      return meetings.villageMonthsExpected === null
        ? null
        : rate(
            Math.min(meetings.villageMonthsHeld, meetings.villageMonthsExpected),
            meetings.villageMonthsExpected,
          )
    case 'form_satisfaction':
      return rate(forms.satisfied, forms.collected)
    case 'interpretation':
      return rate(policies.onTime, policies.onTime + policies.late + policies.overdue)
    case 'disclosure': {
      // A view cached on the device before disclosures were counted has none: not measured.
      const disclosures = (figures as Partial<UnitFigures>).disclosures
      const missing = disclosures ? rate(disclosures.missing, disclosures.due) : null
      return missing === null ? null : 1 - missing
    }
  }
}

/** One indicator's part of a score. */
export interface ScorePart {
  indicator: Indicator
  value: number
  /** 0–100: the value against the target, capped at full marks. */
  points: number
  weight: number
}

/** A unit's score with the parts it came from; null score when no weighed indicator had data. */
export interface UnitScore {
  unitId: string
  name: string
  score: number | null
  parts: ScorePart[]
  /** 1 for the best; equal scores share a rank; null when unscored. */
  rank: number | null
}

/** The score of one unit. */
export function scoreUnit(figures: UnitFigures, standards: Standards): Omit<UnitScore, 'rank'> {
  const parts: ScorePart[] = []
  for (const indicator of INDICATORS) {
    const weightOf = standards.weights[indicator]
    const value = indicatorValue(indicator, figures)
    if (weightOf <= 0 || value === null) continue
    const points = Math.min(1, value / standards.targets[indicator]) * 100
    parts.push({ indicator, value, points, weight: weightOf })
  }
  const weights = parts.reduce((sum, part) => sum + part.weight, 0)
  const score =
    weights === 0
      ? null
      : Math.round(
          (parts.reduce((sum, part) => sum + part.points * part.weight, 0) / weights) * 10,
        ) / 10
  return { unitId: figures.unit.id, name: figures.unit.name, score, parts }
}

/** Scores of units, best first (unscored last, by name), with ranks. */
export function rankUnits(units: readonly UnitFigures[], standards: Standards): UnitScore[] {
  const scored = units.map((unit) => scoreUnit(unit, standards))
  scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh-CN'))
  return scored.map((unit) => ({
    ...unit,
    rank:
      unit.score === null
        ? null
        : 1 + scored.filter((other) => (other.score ?? -1) > (unit.score ?? -1)).length,
  }))
}

/** The commended (表彰) and to-be-notified (通报) units of a ranking. */
export function honourLists(ranking: readonly UnitScore[], standards: Standards) {
  return {
    commended: ranking.filter((unit) => unit.score !== null && unit.score >= standards.commendAt),
    notified: ranking.filter((unit) => unit.score !== null && unit.score < standards.notifyBelow),
  }
}
