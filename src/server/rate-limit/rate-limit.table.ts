export interface RateLimitTable {
  /** What is counted, e.g. "login-phone:<phone>" or "ballot-fail:<address>". */
  key: string
  /** When the current window ends (ISO); an ended window counts as empty. */
  window_ends_at: string
  /** Attempts in the current window, including ones still being checked. */
  attempts: number
}
