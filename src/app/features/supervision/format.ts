/** How the supervision screens write shares and counts. */
import { rate } from '#shared/supervision/figures.ts'
import type {
  ConsultationFigures,
  LivelihoodFigures,
  IssueFigures,
  OutreachFigures,
  OversightFigures,
  UnitFigures,
} from '#shared/supervision/figures.ts'

/** A share as a percentage with one decimal, or '—' when nothing was counted. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`
}

/** 就地化解率 of a unit's matters. */
export function localRate(issues: IssueFigures): number | null {
  return rate(issues.resolvedLocally, issues.received)
}

/** 满意 + 基本满意 among the rated. */
export function satisfactionRate(issues: IssueFigures): number | null {
  const { satisfied, basically_satisfied: basic, dissatisfied } = issues.satisfaction
  return rate(satisfied + basic, satisfied + basic + dissatisfied)
}

/** Overdue stage runs, all stages together. */
export function overdueCount(issues: IssueFigures): number {
  return Object.values(issues.overdue).reduce((sum, stage) => sum + stage.overdue, 0)
}

/**
 * A unit's consultation answer figures; zero for a view cached on the device
 * before the server counted them (supervision-cache.ts keeps old views).
 */
export function consultationsOf(figures: UnitFigures): ConsultationFigures {
  const counted = (figures as Partial<UnitFigures>).consultations
  return counted ?? { due: 0, late: 0, unanswered: 0 }
}

/** A unit's mediators' outreach (issue #18.4); zero for a view cached before it was counted. */
export function outreachOf(figures: UnitFigures): OutreachFigures {
  const counted = (figures as Partial<UnitFigures>).outreach
  return counted ?? { classes: 0, attendance: 0, studioSessions: 0 }
}

/** A unit's oversight figures (issue #18); zero for a view cached before they were counted. */
export function oversightOf(figures: UnitFigures): OversightFigures {
  const counted = (figures as Partial<UnitFigures>).oversight
  return (
    counted ?? { overdueVisits: 0, reviewMatters: 0, cases: 0, casesOverdue: 0, casesConcluded: 0 }
  )
}

/** A unit's livelihood list figures (issue #16.4); zero for a view cached before they were counted. */
export function livelihoodOf(figures: UnitFigures): LivelihoodFigures {
  const counted = (figures as Partial<UnitFigures>).livelihood
  return counted ?? { items: 0, late: 0, completed: 0 }
}
