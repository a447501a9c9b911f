export interface SessionTable {
  /** sha-256 of the opaque token, hex; the token itself is never stored. */
  token_hash: string
  user_id: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}
