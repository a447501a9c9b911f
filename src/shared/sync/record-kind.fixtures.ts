/**
 * Test helpers for record kinds: what a kind's `apply` refused. Shared by
 * the kinds' unit tests so each does not catch its refusals its own way.
 */
import { MutationRejection } from './record-kind.ts'

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
