/**
 * The frame of a demo seed that writes synced records (policy campaign,
 * consultation, catalogue, deputy plan): it writes through the ordinary write
 * path as the seed's system actor, with fixed ids, so seeding twice changes
 * nothing; without the demo county it writes nothing and says so.
 */
import { chinaDate } from '#shared/calendar/working-days.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import type { AuthContext } from '../plugins/auth.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyBatch } from '../sync/push.ts'
import type { Database } from './database.ts'

/** What a demo seed writes with. */
export interface DemoSeedContext {
  database: Database
  /** The seed's system actor, a county staff member of the demo county. */
  auth: AuthContext
  now: Date
  /** `now` as a China date. */
  today: string
  /** Applies `mutations` through the ordinary write path as `as` (the seed's actor by default). */
  apply(this: void, mutations: readonly Mutation[], as?: AuthContext): Promise<void>
}

/** A demo seed: true once its records are there, false when the demo county is missing. */
export type DemoSeed = (database: Database, kinds: KindRegistry, now?: Date) => Promise<boolean>

/**
 * The demo seed `write` run as the seed's system actor in the county of
 * `somePath`; `write` answers false when something else it needs is missing.
 */
export function demoSeed(
  somePath: string,
  write: (seed: DemoSeedContext) => Promise<boolean | undefined>,
): DemoSeed {
  return async (database, kinds, now = new Date()) => {
    const auth = await systemAuth(database.db, 'system:seed', '演示数据', somePath)
    if (!auth) return false
    const apply = async (mutations: readonly Mutation[], as = auth) => {
      await applyBatch({ ...database, kinds, auth: as }, mutations)
    }
    const today = chinaDate(now.toISOString())
    return (await write({ database, auth, now, today, apply })) !== false
  }
}
