/**
 * Test helpers for record kinds: an actor, and what a kind's `apply`
 * refused. Shared by the kinds' unit tests so each does not build its actors
 * or catch its refusals its own way.
 */
import type { Role } from '../auth/roles.ts'
import { pathIds } from '../org/org-path.ts'
import { MutationRejection, type Actor } from './record-kind.ts'

/** The refusal `run` throws; any other error passes through, and no refusal fails the test. */
export function refusalOf(run: () => unknown): MutationRejection {
  try {
    run()
  } catch (error) {
    if (error instanceof MutationRejection) return error
    throw error
  }
  throw new Error('expected a MutationRejection')
}

/** The code of the refusal `run` throws (see `refusalOf`). */
export const refusalCodeOf = (run: () => unknown): string => refusalOf(run).code

/** An actor of `role` at the unit `orgPath` (its id the path's last), acting at `at`. */
export function actorAt(
  role: Role,
  orgPath: string,
  user: { id: string; name: string },
  at: string,
): Actor {
  const orgUnitId = pathIds(orgPath).at(-1) ?? ''
  return { userId: user.id, userName: user.name, role, orgUnitId, orgPath, at }
}
