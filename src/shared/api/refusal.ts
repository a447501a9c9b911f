/**
 * What can help with a change the server refused (docs/sync.md, "Refused
 * changes"): the one place that sorts refusal codes — the kinds'
 * `MutationRejection` codes and the push's own — so the 同步 page offers only
 * actions that can succeed (issue #12.9). Sending the same change again
 * helps only when the refusal depends on something that may change without
 * the person doing anything: a record or reference another device has not
 * synced yet, the day of a discussion day not come yet, a fault on the
 * server's side. Everything else needs an edit (or the change discarded):
 * sent again it would be refused again for the same reason.
 */

/** Refusals the same change may overcome when sent again later. */
export const RETRYABLE_REFUSALS: ReadonlySet<string> = new Set([
  /** The record is not on the server yet: its creation comes from another device, or later. */
  'not_found',
  /** A record the change names is not on the server yet (or not visible yet). */
  'unknown_meeting',
  'unknown_policy',
  'unknown_campaign',
  'unknown_merge_target',
  /** Minutes of a discussion day taken before its date: fine on or after the day. */
  'day_not_reached',
  /** The server's own fault (a kind's exception), logged for the county's operators. */
  'internal_refusal',
  /** The change's id met another change's: sent again it goes under a new id. */
  'id_conflict',
])

/** What the 同步 page may offer for a refused change. */
export type RefusalRemedy = 'retry' | 'edit'

/**
 * The action that can help with a refusal of `code`, besides discarding
 * (always possible): send it again, or change the record first.
 */
export function refusalRemedy(code: string): RefusalRemedy {
  return RETRYABLE_REFUSALS.has(code) ? 'retry' : 'edit'
}
