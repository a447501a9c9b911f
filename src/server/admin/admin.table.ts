/** Row types of administration (migration 2026_11_28_1040). */

/** One admin change: who, what, when, and the target before and after (JSON). */
export interface AuditLogTable {
  id: string
  at: string
  actor_id: string
  actor_name: string
  action: string
  target_type: string
  target_id: string
  /** The org path the change concerns; readers see the entries inside their subtree. */
  scope_path: string
  before: string | null
  after: string | null
}

/** A grid handed from one worker to another: the hand-over ledger. */
export interface GridHandoverTable {
  id: string
  grid_id: string
  from_user_id: string
  to_user_id: string
  by_user_id: string
  at: string
  /** Open matters of the grid at the hand-over. */
  open_matters: number
}
