/** Server settings, read once from the environment with embedded defaults. */
import { resolve } from 'node:path'
import { DEFAULT_STAGE_DEADLINES, type StageDeadlineTable } from '#shared/issue/issue.machine.ts'
import { ISSUE_STAGES, type IssueStage } from '#shared/issue/issue.schema.ts'

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
  /**
   * Working days per stage of an issue report, the county's own table:
   * ISSUE_STAGE_DEADLINES="accept=2,village=5,township=10,department=15,feedback=3"
   * (stages left out keep the default; docs/issues.md).
   */
  issueStageDeadlines: StageDeadlineTable
  /**
   * /api/health reports `degraded` when the data folder's disk has less free
   * space than this (DISK_LOW_MB, default 500), before writes start failing.
   */
  diskLowBytes: number
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
    issueStageDeadlines: parseStageDeadlines(env.ISSUE_STAGE_DEADLINES),
    diskLowBytes: parseDiskLowMb(env.DISK_LOW_MB) * 1024 * 1024,
  }
}

/** Throws at startup on a table the county mistyped, naming the bad entry. */
export function parseStageDeadlines(value: string | undefined): StageDeadlineTable {
  const table: Record<IssueStage, number> = { ...DEFAULT_STAGE_DEADLINES }
  for (const entry of (value ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue
    const [stage, days, ...rest] = entry.split('=').map((part) => part.trim())
    const known = ISSUE_STAGES.find((name) => name === stage)
    const count = Number(days)
    if (!known || rest.length > 0 || !/^\d+$/.test(days ?? '') || count < 1 || count > 365) {
      throw new Error(
        `ISSUE_STAGE_DEADLINES: "${entry}" is not <stage>=<working days 1–365>; stages: ${ISSUE_STAGES.join(', ')}`,
      )
    }
    table[known] = count
  }
  return table
}

/** Throws at startup on a threshold that is not a whole number of megabytes. */
function parseDiskLowMb(value: string | undefined): number {
  if (value === undefined || value === '') return 500
  if (!/^\d+$/.test(value)) throw new Error(`DISK_LOW_MB: "${value}" is not a whole number of MB`)
  return Number(value)
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false
  return value === 'true' ? true : value
}
