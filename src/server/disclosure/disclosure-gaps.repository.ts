/**
 * The disclosure gaps of a subtree on a day: its stations (villages, and
 * townships for their own notices), the categories the county supervises
 * and each station's categories not published within their period
 * (src/shared/disclosure/disclosure-gaps.ts). Read from the stored records:
 * disclosures are few (a handful per station a quarter). The gaps screen
 * lists them; supervision counts them (disclosure.figures.ts).
 */
import type { Kysely } from 'kysely'
import {
  DISCLOSURE_CATEGORY_KIND,
  DISCLOSURE_KIND,
  disclosureCategoryDataSchema,
  disclosureDataSchema,
} from '#shared/disclosure/disclosure.schema.ts'
import {
  disclosureGaps,
  supervisedCategories,
  type StationGap,
  type SupervisedCategory,
} from '#shared/disclosure/disclosure-gaps.ts'
import { chinaDate } from '#shared/calendar/working-days.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { listSubtree } from '../org/org.repository.ts'

type Db = Kysely<DatabaseSchema>

/** A subtree's stations, the supervised categories and the stations' gaps. */
export interface SubtreeGaps {
  stations: OrgUnit[]
  categories: SupervisedCategory[]
  gaps: StationGap[]
}

/** The gaps of the stations under `scope` (a path) on `today` (China date). */
export async function readSubtreeGaps(db: Db, scope: string, today: string): Promise<SubtreeGaps> {
  const county = `/${pathIds(scope)[0] ?? ''}/`
  const stations = (await listSubtree(db, scope)).filter(
    (unit) => unit.tier === 'village' || unit.tier === 'township',
  )
  const records = await db
    .selectFrom('sync_record')
    .select(['id', 'kind', 'data'])
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', DISCLOSURE_KIND), eb('org_path', 'like', `${scope}%`)]),
        eb.and([eb('kind', '=', DISCLOSURE_CATEGORY_KIND), eb('org_path', 'like', `${county}%`)]),
      ]),
    )
    .execute()
  const disclosures = []
  const countyCategories = []
  for (const row of records) {
    const data: unknown = JSON.parse(row.data)
    if (row.kind === DISCLOSURE_KIND) {
      const parsed = disclosureDataSchema.safeParse(data)
      if (!parsed.success) continue
      const { unit, category, status, publishedAt } = parsed.data
      disclosures.push({
        unit,
        category,
        status,
        publishedOn: publishedAt ? chinaDate(publishedAt) : null,
      })
    } else {
      const parsed = disclosureCategoryDataSchema.safeParse(data)
      if (parsed.success) countyCategories.push({ id: row.id, ...parsed.data })
    }
  }
  const categories = supervisedCategories(countyCategories)
  const gaps = disclosureGaps(
    stations.map((unit) => unit.path),
    disclosures,
    categories,
    today,
  )
  return { stations, categories, gaps }
}
