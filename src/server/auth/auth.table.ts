export interface SessionTable {
  /** sha-256 of the opaque token, hex; the token itself is never stored. */
  token_hash: string
  user_id: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}

export interface LoginFailureTable {
  /** "phone:<phone>" or "ip:<address>". */
  key: string
  failed_at: string
}
