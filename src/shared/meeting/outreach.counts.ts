/**
 * How often each mediator took part in outreach: touring classes they gave
 * and sessions of a studio they belonged to that day. Shown with the days
 * of discussion on the pool's cards (the mediator's participation).
 */
import type { StudioData, TouringClassData } from './outreach.schema.ts'

/** A mediator's outreach. */
export interface OutreachCount {
  classes: number
  studioSessions: number
}

/** Classes and studio sessions per pool member id, over the records given. */
export function outreachCounts(
  classes: readonly Pick<TouringClassData, 'mediators'>[],
  studios: readonly Pick<StudioData, 'sessions'>[],
): Map<string, OutreachCount> {
  const counts = new Map<string, OutreachCount>()
  const bump = (id: string, key: keyof OutreachCount) => {
    const seen = counts.get(id) ?? { classes: 0, studioSessions: 0 }
    counts.set(id, { ...seen, [key]: seen[key] + 1 })
  }
  for (const entry of classes) {
    for (const id of new Set(entry.mediators.map((mediator) => mediator.id))) bump(id, 'classes')
  }
  for (const studio of studios) {
    for (const session of studio.sessions) {
      for (const id of new Set(session.mediatorIds)) bump(id, 'studioSessions')
    }
  }
  return counts
}
