/** Import sources, their tickets and the open API's tokens (migration 2026_11_28_1030). */
export interface ImportSourceTable {
  id: string
  /** The county whose staff use it. */
  county_id: string
  name: string
  channel: string
  category: string
  /** JSON of the column mapping (ImportColumns). */
  columns: string
  updated_by: string
  updated_at: string
}

/** A source's ticket and the report it became: the dedupe key. */
export interface ImportTicketTable {
  source_id: string
  ticket: string
  issue_id: string
  created_at: string
}

/** A service account's token (stored hashed). */
export interface ApiTokenTable {
  id: string
  name: string
  /** SHA-256 (hex) of the token. */
  token_hash: string
  unit_id: string
  role: string
  /** The source its pushed reports are deduped under. */
  source_id: string
  created_by: string
  created_at: string
  revoked_at: string | null
}
