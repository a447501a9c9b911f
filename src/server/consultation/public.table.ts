/** A tracking code of a public opinion, stored as its hash (migration 2026_11_27_1140). */
export interface OpinionTrackingTable {
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string
  opinion_id: string
  consultation_id: string
  created_at: string
}
