/**
 * Mediators' outreach for supervision (issue #18.4): per unit, the touring
 * classes held in the period with their attendance, and the studio sessions
 * held in the period. Counted where the class or studio is home (a studio
 * at the county itself sits under no township and is counted in no area).
 * Classes and studios are few (tens per township a year), so they are read
 * from the stored records, as livelihood items are.
 */
import type { Kysely } from 'kysely'
import {
  STUDIO_KIND,
  studioDataSchema,
  TOURING_CLASS_KIND,
  touringClassDataSchema,
} from '#shared/meeting/outreach.schema.ts'
import type { OutreachFigures } from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { homePaths } from '../supervision/facts.ts'
import { inSlice, readRecords, tally } from '../supervision/record-tally.ts'
import type { ByGroup, Slice } from '../supervision/supervision.queries.ts'

const inPeriod = (date: string, period: Period) => date >= period.from && date <= period.to

/** Outreach figures per group of an area slice (departments hold none). */
export async function outreachFigures(
  db: Kysely<DatabaseSchema>,
  slice: Slice,
  period: Period,
): Promise<ByGroup<OutreachFigures>> {
  const { figures, add } = tally<OutreachFigures>({ classes: 0, attendance: 0, studioSessions: 0 })
  const { column, groupBy } = slice
  if (column === 'dept_path' || groupBy === 'dept_path') return figures
  const addAt = (home: string, counted: Partial<OutreachFigures>) => {
    const paths = homePaths(home)
    if (inSlice(slice, paths[column])) add(paths[groupBy], counted)
  }
  for (const { data } of await readRecords(db, TOURING_CLASS_KIND, touringClassDataSchema)) {
    if (!inPeriod(data.heldOn, period)) continue
    addAt(data.villagePath, { classes: 1, attendance: data.attendance })
  }
  for (const { data } of await readRecords(db, STUDIO_KIND, studioDataSchema)) {
    const held = data.sessions.filter((session) => inPeriod(session.heldOn, period))
    if (held.length > 0) addAt(data.orgPath, { studioSessions: held.length })
  }
  return figures
}
