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
import { isWithin } from '#shared/org/org-path.ts'
import type { OutreachFigures } from '#shared/supervision/figures.ts'
import type { Period } from '#shared/supervision/period.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { homePaths } from '../supervision/facts.ts'
import type { ByGroup, Slice } from '../supervision/supervision.queries.ts'

const inPeriod = (date: string, period: Period) => date >= period.from && date <= period.to

/** Outreach figures per group of an area slice (departments hold none). */
export async function outreachFigures(
  db: Kysely<DatabaseSchema>,
  slice: Slice,
  period: Period,
): Promise<ByGroup<OutreachFigures>> {
  const figures: ByGroup<OutreachFigures> = new Map()
  const { column, groupBy } = slice
  if (column === 'dept_path' || groupBy === 'dept_path') return figures
  const add = (home: string, counted: OutreachFigures) => {
    const paths = homePaths(home)
    const unit = paths[column]
    if (unit === null) return
    if (slice.prefix ? !isWithin(unit, slice.value) : unit !== slice.value) return
    const group = paths[groupBy]
    const seen = figures.get(group) ?? { classes: 0, attendance: 0, studioSessions: 0 }
    figures.set(group, {
      classes: seen.classes + counted.classes,
      attendance: seen.attendance + counted.attendance,
      studioSessions: seen.studioSessions + counted.studioSessions,
    })
  }
  const rows = await db
    .selectFrom('sync_record')
    .select(['kind', 'data'])
    .where('kind', 'in', [TOURING_CLASS_KIND, STUDIO_KIND])
    .execute()
  for (const row of rows) {
    const data: unknown = JSON.parse(row.data)
    if (row.kind === TOURING_CLASS_KIND) {
      const parsed = touringClassDataSchema.safeParse(data)
      if (!parsed.success || !inPeriod(parsed.data.heldOn, period)) continue
      add(parsed.data.villagePath, {
        classes: 1,
        attendance: parsed.data.attendance,
        studioSessions: 0,
      })
      continue
    }
    const parsed = studioDataSchema.safeParse(data)
    if (!parsed.success) continue
    const held = parsed.data.sessions.filter((session) => inPeriod(session.heldOn, period))
    if (held.length === 0) continue
    add(parsed.data.orgPath, { classes: 0, attendance: 0, studioSessions: held.length })
  }
  return figures
}
