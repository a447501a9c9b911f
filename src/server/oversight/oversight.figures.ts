/**
 * Oversight figures for supervision (issue #18): deputies' villages whose
 * visits are overdue on `today` (counted at the village), review matters
 * taken in during the period (at the station), and self-correction cases
 * opened in the period with how many are overdue today and concluded (at
 * the enforcing department). All are few (tens a year), so they are read
 * from the stored records, as livelihood items are.
 */
import type { Kysely } from 'kysely'
import {
  DEPUTY_PLAN_KIND,
  DEPUTY_VISIT_KIND,
  deputyPlanDataSchema,
  deputyVisitDataSchema,
} from '#shared/deputy/deputy.schema.ts'
import { visitPlanStatus } from '#shared/deputy/visit-plan.ts'
import { REVIEW_KIND } from '#shared/oversight/review.kind.ts'
import { reviewDataSchema } from '#shared/oversight/review.schema.ts'
import { isCaseOverdue } from '#shared/oversight/self-correction.deadlines.ts'
import {
  SELF_CORRECTION_KIND,
  selfCorrectionDataSchema,
} from '#shared/oversight/self-correction.schema.ts'
import type { OversightFigures } from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { homePaths } from '../supervision/facts.ts'
import { inSlice, readRecords, tally } from '../supervision/record-tally.ts'
import type { ByGroup, Slice } from '../supervision/supervision.queries.ts'

type Db = Kysely<DatabaseSchema>

const ZERO: OversightFigures = {
  overdueVisits: 0,
  reviewMatters: 0,
  cases: 0,
  casesOverdue: 0,
  casesConcluded: 0,
}

/** Oversight figures per group of `slice`. */
export async function oversightFigures(
  db: Db,
  slice: Slice,
  period: Period,
  today: string,
): Promise<ByGroup<OversightFigures>> {
  const { figures, add } = tally(ZERO)
  const inPeriod = (date: string) => date >= period.from && date <= period.to

  const { column, groupBy } = slice
  if (column === 'dept_path' || groupBy === 'dept_path') {
    if (column !== 'dept_path' || groupBy !== 'dept_path') return figures
    const cases = await readRecords(db, SELF_CORRECTION_KIND, selfCorrectionDataSchema)
    for (const { data } of cases) {
      if (!inPeriod(data.openedOn) || !inSlice(slice, data.departmentPath)) continue
      add(data.departmentPath, {
        cases: 1,
        casesOverdue: isCaseOverdue(data, today) ? 1 : 0,
        casesConcluded: data.status === 'concluded' ? 1 : 0,
      })
    }
    return figures
  }

  const reviews = await readRecords(db, REVIEW_KIND, reviewDataSchema)
  for (const { data } of reviews) {
    const paths = homePaths(data.stationPath)
    if (!inPeriod(data.receivedOn) || !inSlice(slice, paths[column])) continue
    add(paths[groupBy], { reviewMatters: 1 })
  }
  const plans = await readRecords(db, DEPUTY_PLAN_KIND, deputyPlanDataSchema)
  if (plans.length === 0) return figures
  const visits = await readRecords(db, DEPUTY_VISIT_KIND, deputyVisitDataSchema)
  for (const plan of plans) {
    const own = visits.flatMap(({ data }) => (data.planId === plan.id ? [data] : []))
    for (const status of visitPlanStatus(plan.data, own, today)) {
      if (status.state !== 'overdue') continue
      const paths = homePaths(status.villagePath)
      if (!inSlice(slice, paths[column])) continue
      add(paths[groupBy], { overdueVisits: 1 })
    }
  }
  return figures
}
