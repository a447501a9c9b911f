/**
 * The public progress of the livelihood list (issue #16.6): what a township's
 * notice board QR code and the county's page show anyone, without an account.
 * An allow-list: `publicItemOf` copies only these fields, so a field added
 * to the item later stays private until someone adds it here on purpose.
 * Never a resident's name or phone, never the source reports' texts, nor the
 * item's description or progress notes (free text that may name people);
 * only the item's title and place, the units, dates, the percentage, the
 * count of residents' reports and the latest photo.
 */
import { z } from 'zod'
import { pathIds } from '../org/org-path.ts'
import { completionDue, livelihoodOverdue } from './livelihood.deadlines.ts'
import { askerCount, type LivelihoodItemData, type LivelihoodStatus } from './livelihood.schema.ts'

/**
 * Items on the county's plan are public (accepted, being built, completed):
 * a township's list before the county office accepts it may still change.
 */
export const PUBLIC_STATUSES: readonly LivelihoodStatus[] = ['accepted', 'in_progress', 'completed']

/** How a public item stands: 已完成, 按期推进, 延期. */
export const PUBLIC_STATES = ['completed', 'on_time', 'delayed'] as const
export type PublicState = (typeof PUBLIC_STATES)[number]

export const publicItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  place: z.string(),
  townshipName: z.string(),
  responsibleUnitName: z.string(),
  percent: z.number(),
  state: z.enum(PUBLIC_STATES),
  /** The completion date in force ('YYYY-MM-DD'), the latest delay's if any. */
  plannedCompletion: z.string().nullable(),
  completedOn: z.string().nullable(),
  /** The date of the latest progress report or the acceptance. */
  updatedOn: z.string().nullable(),
  /** The content hash of the latest photo (served by the public photo route), or null. */
  photo: z.string().nullable(),
  /** How many residents' reports and opinions asked for it (a count, never who). */
  sourceCount: z.number(),
})
export type PublicItem = z.infer<typeof publicItemSchema>

export const publicProgressSchema = z.object({
  unitName: z.string(),
  tier: z.enum(['county', 'township']),
  year: z.number(),
  items: z.array(publicItemSchema),
  counts: z.object({ completed: z.number(), onTime: z.number(), delayed: z.number() }),
})
export type PublicProgress = z.infer<typeof publicProgressSchema>

/** How the item stands on `today`: delayed once it was postponed or is late by its own rules. */
export function publicStateOf(data: LivelihoodItemData, today: string): PublicState {
  if (data.status === 'completed') return 'completed'
  return data.delays.length > 0 || livelihoodOverdue(data, today).length > 0 ? 'delayed' : 'on_time'
}

/** The latest photo: the acceptance's, else the newest progress report's that has one. */
function latestPhoto(data: LivelihoodItemData): string | null {
  const fromCompletion = data.completion?.photos.at(-1)
  if (fromCompletion) return fromCompletion
  for (let i = data.progress.length - 1; i >= 0; i--) {
    const photo = data.progress[i]?.photos.at(-1)
    if (photo) return photo
  }
  return null
}

/**
 * The public fields of item `id`, or null when it is not public. `unitName`
 * names an org path (the township, the responsible unit).
 */
export function publicItemOf(
  id: string,
  data: LivelihoodItemData,
  today: string,
  unitName: (path: string) => string,
): PublicItem | null {
  if (!PUBLIC_STATUSES.includes(data.status)) return null
  const completed = data.status === 'completed'
  return {
    id,
    name: data.name,
    place: data.place,
    townshipName: unitName(data.township),
    responsibleUnitName: unitName(data.plan?.responsibleUnit ?? data.township),
    percent: completed ? 100 : (data.progress.at(-1)?.percent ?? 0),
    state: publicStateOf(data, today),
    plannedCompletion: completionDue(data),
    completedOn: data.completion?.completedOn ?? null,
    updatedOn: data.completion?.acceptedOn ?? data.progress.at(-1)?.date ?? null,
    photo: latestPhoto(data),
    sourceCount: askerCount(data),
  }
}

/** The page's counts: completed, on time, delayed. */
export function publicCounts(items: readonly PublicItem[]): PublicProgress['counts'] {
  return {
    completed: items.filter((item) => item.state === 'completed').length,
    onTime: items.filter((item) => item.state === 'on_time').length,
    delayed: items.filter((item) => item.state === 'delayed').length,
  }
}

/**
 * The unit whose public progress page (`/gs/:unitId`) a signed-in user's
 * 公示 link and notice-board poster open: their township's for a township
 * and everyone below it (a village sees its township's list, issue #16.7),
 * else the county's whole list (the county office, a department — whose
 * items span townships — and the admin). `path` is that unit's org path.
 */
export function publicProgressUnitOf(viewer: { role: string; orgPath: string }): {
  id: string
  path: string
} {
  const ids = pathIds(viewer.orgPath)
  const depth = viewer.role === 'department_staff' || ids.length < 2 ? 1 : 2
  const path = `/${ids.slice(0, depth).join('/')}/`
  return { id: ids[depth - 1] ?? '', path }
}
