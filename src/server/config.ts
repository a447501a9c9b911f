/** Server settings, read once from the environment with embedded defaults. */
import { resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  /** postgres://… selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl: string | undefined
  dataDir: string
  /** Folder of the built PWA; served when it exists. */
  staticDir: string
  /** Seed the demo county when the database has no org units. */
  seedDemo: boolean
  sessionDays: number
  /** Mark the session cookie Secure (set behind HTTPS). */
  secureCookies: boolean
  logLevel: string
  /**
   * Behind a reverse proxy: `true`, or the proxy's addresses (comma-separated),
   * whose X-Forwarded-For is trusted for the client address. Off by default, so
   * a client cannot forge the header to dodge the per-address login limit.
   */
  trustProxy: boolean | string
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    seedDemo: env.SEED_DEMO !== 'false',
    sessionDays: Number(env.SESSION_DAYS ?? 30),
    secureCookies: env.SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  }
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false
  return value === 'true' ? true : value
}
