export interface BallotCodeTable {
  /** sha-256 of campaign id + ':' + the normalized code, hex; the code itself is never stored. */
  code_hash: string
  campaign_id: string
  /** One printed sheet: who printed how many, when (the ledger of issued codes). */
  batch_id: string
  issued_by: string
  issued_at: string
  used_at: string | null
  /** The form the code was spent on. */
  form_id: string | null
}
