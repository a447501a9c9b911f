/**
 * One supervision view: the figures of a unit the viewer may see and of each
 * unit one level below it, for a period. Which facts count for which row is
 * decided here from the unit's tier; the counting is in supervision.queries.ts.
 */
import type { Kysely } from 'kysely'
import { isWithin } from '#shared/org/org-path.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import {
  addCounts,
  emptyFigures,
  medianOf,
  type FigureUnit,
  type SupervisionView,
  type UnitFigures,
} from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { findPathUnits, listSubtree } from '../org/org.repository.ts'
import {
  formFigures,
  issueFigures,
  latePolicies,
  meetingFigures,
  policyFigures,
  postEvaluationFigures,
  type ByGroup,
  type Slice,
} from './supervision.queries.ts'
import { consultationFigures } from './consultation.queries.ts'
import { livelihoodFigures } from '../livelihood/livelihood.figures.ts'
import { outreachFigures } from '../outreach/outreach.figures.ts'
import { oversightFigures } from '../oversight/oversight.figures.ts'
import { disclosureFigures } from '../disclosure/disclosure.figures.ts'
import { splitPeriod } from './period-split.ts'
import { summaryFigures } from './summary.queries.ts'

type Db = Kysely<DatabaseSchema>

/** The slice of facts a unit's area rows count, by the unit's tier (departments have none). */
function areaSlice(unit: OrgUnit): Slice | null {
  switch (unit.tier) {
    case 'county':
      return { column: 'township_path', value: unit.path, prefix: true, groupBy: 'township_path' }
    case 'township':
      return { column: 'township_path', value: unit.path, groupBy: 'village_path' }
    case 'village':
      return { column: 'village_path', value: unit.path, groupBy: 'grid_path' }
    case 'grid':
      return { column: 'grid_path', value: unit.path, groupBy: 'grid_path' }
    case 'department':
    case 'deputy':
      return null
  }
}

/** The slice of facts the department rows count: the county's departments, or the one viewed. */
function departmentSlice(unit: OrgUnit): Slice | null {
  if (unit.tier === 'county')
    return { column: 'dept_path', value: unit.path, prefix: true, groupBy: 'dept_path' }
  if (unit.tier === 'department')
    return { column: 'dept_path', value: unit.path, groupBy: 'dept_path' }
  return null
}

interface Counted {
  issues: Awaited<ReturnType<typeof issueFigures>>
  meetings: Awaited<ReturnType<typeof meetingFigures>>
  forms: Awaited<ReturnType<typeof formFigures>>
  policies: Awaited<ReturnType<typeof policyFigures>>
  postEvaluations: Awaited<ReturnType<typeof postEvaluationFigures>>
  consultations: Awaited<ReturnType<typeof consultationFigures>>
  livelihood: Awaited<ReturnType<typeof livelihoodFigures>>
  outreach: Awaited<ReturnType<typeof outreachFigures>>
  oversight: Awaited<ReturnType<typeof oversightFigures>>
  disclosures: Awaited<ReturnType<typeof disclosureFigures>>
}

/** Where a view's figures are read from: whole months from the summary (the default), or all from the facts. */
export type FigureSource = 'summary' | 'facts'

async function countSlice(
  db: Db,
  slice: Slice,
  period: Period,
  today: string,
  source: FigureSource,
): Promise<Counted> {
  // One after the other: a SQLite connection runs one statement at a time anyway,
  // and on PostgreSQL one view should not take five pooled connections.
  const { months, edges } =
    source === 'summary' ? splitPeriod(period) : { months: [], edges: [period] }
  let counted: Omit<
    Counted,
    | 'policies'
    | 'postEvaluations'
    | 'consultations'
    | 'livelihood'
    | 'outreach'
    | 'oversight'
    | 'disclosures'
  > =
    months.length > 0
      ? await summaryFigures(db, slice, months, today)
      : { issues: new Map(), meetings: new Map(), forms: new Map() }
  for (const edge of edges) {
    counted = {
      issues: mergeGroups(counted.issues, await issueFigures(db, slice, edge, today)),
      meetings: mergeGroups(counted.meetings, await meetingFigures(db, slice, edge)),
      forms: mergeGroups(counted.forms, await formFigures(db, slice, edge)),
    }
  }
  // Policies, post-evaluations and consultations are few: counted for the whole period.
  const policies = await policyFigures(db, slice, period, today)
  const postEvaluations = await postEvaluationFigures(db, slice, period)
  const consultations = await consultationFigures(db, slice, period, today)
  const livelihood = await livelihoodFigures(db, slice, period, today)
  const outreach = await outreachFigures(db, slice, period)
  const oversight = await oversightFigures(db, slice, period, today)
  const disclosures = await disclosureFigures(db, slice, today)
  return {
    ...counted,
    policies,
    postEvaluations,
    consultations,
    livelihood,
    outreach,
    oversight,
    disclosures,
  }
}

/** Counts of two parts of a period added per group (medians are taken again by `rowOf`). */
function mergeGroups<T>(a: ByGroup<T>, b: ByGroup<T>): ByGroup<T> {
  const merged = new Map(a)
  for (const [group, figures] of b) {
    const seen = merged.get(group)
    merged.set(group, seen === undefined ? figures : addCounts(seen, figures))
  }
  return merged
}

/** The figures counted for group `key` onto an empty row. */
function rowOf(unit: FigureUnit, expected: number | null, counted: Counted, key: string | null) {
  const figures = emptyFigures(unit, expected)
  const pick = <T>(map: ByGroup<T>, base: T): T => {
    const found = map.get(key)
    return found ? addCounts(base, found) : base
  }
  figures.issues = pick(counted.issues, figures.issues)
  figures.meetings = { ...figures.meetings, ...pick(counted.meetings, figures.meetings) }
  figures.meetings.villageMonthsExpected = expected
  figures.forms = pick(counted.forms, figures.forms)
  figures.policies = pick(counted.policies, figures.policies)
  figures.postEvaluations = pick(counted.postEvaluations, figures.postEvaluations)
  figures.consultations = pick(counted.consultations, figures.consultations)
  figures.livelihood = pick(counted.livelihood, figures.livelihood)
  figures.outreach = pick(counted.outreach, figures.outreach)
  figures.oversight = pick(counted.oversight, figures.oversight)
  figures.disclosures = pick(counted.disclosures, figures.disclosures)
  figures.issues.medianHandlingDays = medianOf(figures.issues.handlingHistogram)
  return figures
}

/** Sums of every group of a slice (the records at no unit of the level included). */
function sumAll(unit: FigureUnit, expected: number | null, counted: Counted): UnitFigures {
  const keys = new Set<string | null>()
  for (const map of Object.values(counted) as Array<ByGroup<unknown>>)
    for (const key of map.keys()) keys.add(key)
  let sum = emptyFigures(unit, expected)
  for (const key of keys) {
    const row = rowOf(unit, expected, counted, key)
    sum = {
      ...sum,
      issues: addCounts(sum.issues, row.issues),
      meetings: addCounts(sum.meetings, { ...row.meetings, villageMonthsExpected: null }),
      forms: addCounts(sum.forms, row.forms),
      policies: addCounts(sum.policies, row.policies),
      postEvaluations: addCounts(sum.postEvaluations, row.postEvaluations),
      consultations: addCounts(sum.consultations, row.consultations),
      livelihood: addCounts(sum.livelihood, row.livelihood),
      outreach: addCounts(sum.outreach, row.outreach),
      oversight: addCounts(sum.oversight, row.oversight),
      disclosures: addCounts(sum.disclosures, row.disclosures),
    }
  }
  sum.meetings.villageMonthsExpected = expected
  sum.issues.medianHandlingDays = medianOf(sum.issues.handlingHistogram)
  return sum
}

const figureUnit = (unit: OrgUnit, subtree: readonly OrgUnit[]): FigureUnit => ({
  id: unit.id,
  name: unit.name,
  tier: unit.tier,
  path: unit.path,
  hasChildren: subtree.some((other) => other.parentId === unit.id),
})

/**
 * The view of `unit` for a viewer scoped at `scopePath` (the caller has
 * checked that the unit lies in that scope).
 */
export async function buildView(
  db: Db,
  unit: OrgUnit,
  scopePath: string,
  period: Period,
  today: string,
  source: FigureSource = 'summary',
): Promise<SupervisionView> {
  const subtree = await listSubtree(db, unit.path)
  const months = period.months.length
  const villagesUnder = (path: string) =>
    subtree.filter((other) => other.tier === 'village' && isWithin(other.path, path)).length
  const expectedFor = (target: OrgUnit) =>
    target.tier === 'grid' || target.tier === 'department'
      ? null
      : villagesUnder(target.path) * months
  const self = figureUnit(unit, subtree)
  const trail = (await findPathUnits(db, unit.path))
    .filter((above) => isWithin(above.path, scopePath))
    .map((above) => figureUnit(above, above.id === unit.id ? subtree : [unit]))

  const area = areaSlice(unit)
  const areaCounted = area ? await countSlice(db, area, period, today, source) : null
  const children = subtree.filter((child) => child.parentId === unit.id)
  const areas =
    area && areaCounted && unit.tier !== 'grid'
      ? children
          // Departments and deputies' units hang under the county but are no area of it.
          .filter((child) => child.tier !== 'department' && child.tier !== 'deputy')
          .map((child) =>
            rowOf(figureUnit(child, subtree), expectedFor(child), areaCounted, child.path),
          )
      : []

  const depts = departmentSlice(unit)
  const deptCounted = depts ? await countSlice(db, depts, period, today, source) : null
  const deptUnits =
    unit.tier === 'department' ? [unit] : children.filter((c) => c.tier === 'department')
  const departments = deptCounted
    ? deptUnits.map((dept) => rowOf(figureUnit(dept, subtree), null, deptCounted, dept.path))
    : []

  let total = areaCounted
    ? sumAll(self, expectedFor(unit), areaCounted)
    : emptyFigures(self, expectedFor(unit))
  if (deptCounted) {
    const deptTotal = sumAll(self, null, deptCounted)
    // Policies, post-evaluations and consultations belong to departments only;
    // a department's own view counts the matters dispatched to it as its issues.
    total = {
      ...total,
      policies: deptTotal.policies,
      postEvaluations: deptTotal.postEvaluations,
      consultations: deptTotal.consultations,
      // Cases are the departments'; visits and review matters the areas'.
      oversight: addCounts(total.oversight, deptTotal.oversight),
      ...(unit.tier === 'department'
        ? { issues: deptTotal.issues, forms: deptTotal.forms, livelihood: deptTotal.livelihood }
        : {}),
    }
  }
  const names = new Map(subtree.map((other) => [other.path, other.name]))
  const late = depts
    ? await latePolicies(db, depts, period, today, (path) => (path && names.get(path)) || '')
    : []
  return { period, today, trail, total, areas, departments, latePolicies: late }
}
