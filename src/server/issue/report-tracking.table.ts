/** A tracking code of an issue report, stored as its hash (migration 2026_11_27_1330). */
export interface IssueTrackingTable {
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string
  issue_id: string
  created_at: string
}
