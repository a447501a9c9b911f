/**
 * Changes sent from a hand-over file (issue #21.3, docs/field.md
 * "Hand-over file"): a colleague of the same unit sends what the author's
 * phone could not. The sender is the actor (the server trusts only the
 * session); the author it names is checked (`mayHandOver`) and kept beside
 * the sender, so the author's own phone, sending the same change later, is
 * answered "duplicate" instead of "id conflict".
 */
import { MutationRejection } from '#shared/sync/record-kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { mayHandOver } from '../plugins/scope.ts'
import type { MutationRow } from './mutation.repository.ts'
import type { PushContext } from './push.ts'

/** The author a change names, or null when the sender is its author. */
export function handedOverFrom(auth: AuthContext, m: Mutation): string | null {
  return m.handedOverFrom && m.handedOverFrom !== auth.user.id ? m.handedOverFrom : null
}

/**
 * Why a handed-over change is refused before anything is written, or null:
 * its author is neither the sender nor a colleague of the sender's unit.
 */
export async function handoverRefusal(
  ctx: PushContext,
  m: Mutation,
): Promise<MutationRejection | null> {
  const author = handedOverFrom(ctx.auth, m)
  if (!author || (await mayHandOver(ctx.db, ctx.auth, author))) return null
  return new MutationRejection(
    'handover_not_colleague',
    '交接的修改来自其他单位的账号，不能由您发送',
  )
}

/**
 * Whether the sender of `m` may be answered with the outcome of its first
 * delivery `prior`: a mutation id belongs to the people of that delivery —
 * who sent it and whose change it was — and nobody else learns its outcome.
 * Only called after `handoverRefusal` passed, so a named author is a colleague.
 */
export function mayLearnOutcome(auth: AuthContext, m: Mutation, prior: MutationRow): boolean {
  const theirs = [prior.user_id, prior.handed_over_from]
  return (
    theirs.includes(auth.user.id) || (m.handedOverFrom ? theirs.includes(m.handedOverFrom) : false)
  )
}
