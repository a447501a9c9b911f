/** Server settings, read once from the environment with embedded defaults. */
import { resolve } from 'node:path'
import { DEFAULT_STAGE_DEADLINES, type StageDeadlineTable } from '#shared/issue/issue.deadlines.ts'
import { ISSUE_STAGES } from '#shared/issue/issue.schema.ts'
import {
  assertConsultationRules,
  DEFAULT_CONSULTATION_RULES,
  type ConsultationRules,
} from '#shared/consultation/consultation.rules.ts'
import { DEFAULT_SUBMIT_BY } from '#shared/livelihood/livelihood.deadlines.ts'
import { parseDaysTable } from './config-days.ts'
import { parseOversightConfig, type OversightConfig } from './oversight/oversight.config.ts'

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
   * Origins besides the server's own (scheme://host[:port]) from which a
   * browser may send state-changing requests: PUBLIC_ORIGIN, comma-separated.
   * Needed when a proxy rewrites Host and the browser sends no Sec-Fetch-Site
   * (plugins/csrf.ts).
   */
  publicOrigins: string[]
  /**
   * Working days per stage of an issue report, the county's own table:
   * ISSUE_STAGE_DEADLINES="accept=2,village=5,township=10,department=15,feedback=3"
   * (stages left out keep the default; docs/issues.md).
   */
  issueStageDeadlines: StageDeadlineTable
  /**
   * The county's consultation clocks (docs/consultation.md): the shortest
   * period in calendar days (CONSULTATION_MIN_DAYS, default 30) and the
   * working days after closing to answer every opinion
   * (CONSULTATION_ANSWER_DAYS, default 15).
   */
  consultationRules: ConsultationRules
  /**
   * The month and day of a livelihood list's year by which each township
   * submits its list to the county office: LIVELIHOOD_SUBMIT_BY="03-31"
   * (the default; docs/livelihood-list.md).
   */
  livelihoodSubmitBy: string
  /**
   * Bytes of new photos one user may upload per China day
   * (BLOB_DAILY_QUOTA_MB, default 100): a stolen or runaway account cannot
   * fill the disk.
   */
  blobDailyQuotaBytes: number
  /** Days after which a photo no record lists is deleted (BLOB_GC_DAYS, default 30). */
  blobGcDays: number
  /**
   * /api/health reports `degraded` when the data folder's disk has less free
   * space than this (DISK_LOW_MB, default 500), before writes start failing.
   */
  diskLowBytes: number
  /**
   * The key ballot code sheets are derived from (BALLOT_SECRET, at least 32
   * characters; ADR 0007). Unset: a random key in `dataDir/ballot-secret`,
   * made once. Set it when several server processes share one database.
   */
  ballotSecret: string | undefined
  /**
   * Sync requests (push, pull) are answered 503 + Retry-After while the event
   * loop lags more than this many ms (LOAD_SHED_LAG_MS, default 300; 0 turns
   * shedding off), so new connections are still read promptly under a
   * morning rush (ADR 0008).
   */
  loadShedLagMs: number
  /**
   * The enforcement-supervision body, the review body, the review contact
   * points and the self-correction step days (src/server/oversight/oversight.config.ts).
   */
  oversight: OversightConfig
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
    publicOrigins: parsePublicOrigins(env.PUBLIC_ORIGIN),
    issueStageDeadlines: parseStageDeadlines(env.ISSUE_STAGE_DEADLINES),
    consultationRules: parseConsultationRules(env),
    livelihoodSubmitBy: parseMonthDay('LIVELIHOOD_SUBMIT_BY', env.LIVELIHOOD_SUBMIT_BY),
    blobDailyQuotaBytes: Math.floor(
      parsePositive('BLOB_DAILY_QUOTA_MB', env.BLOB_DAILY_QUOTA_MB, 100) * 1024 * 1024,
    ),
    blobGcDays: parsePositive('BLOB_GC_DAYS', env.BLOB_GC_DAYS, 30),
    diskLowBytes: parseDiskLowMb(env.DISK_LOW_MB) * 1024 * 1024,
    ballotSecret: parseBallotSecret(env.BALLOT_SECRET),
    loadShedLagMs: parseLoadShedLag(env.LOAD_SHED_LAG_MS),
    oversight: parseOversightConfig(env),
  }
}

/** A ballot secret shorter than this could be guessed: refused. */
export const MIN_BALLOT_SECRET_LENGTH = 32

/** BALLOT_SECRET, or undefined when unset; throws at startup when it is too short to be a key. */
function parseBallotSecret(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (value.trim().length < MIN_BALLOT_SECRET_LENGTH) {
    throw new Error(`BALLOT_SECRET must be at least ${MIN_BALLOT_SECRET_LENGTH} characters`)
  }
  return value.trim()
}

/** A positive number from the environment, or `fallback` when unset; throws at startup otherwise. */
function parsePositive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) {
    throw new Error(`${name}: "${value}" is not a positive number`)
  }
  return number
}

/** The consultation clocks; throws at startup on a value no county can mean. */
export function parseConsultationRules(env: NodeJS.ProcessEnv): ConsultationRules {
  const read = (name: string, fallback: number) => {
    const value = env[name]
    if (value === undefined || value.trim() === '') return fallback
    if (!/^\d+$/.test(value.trim())) throw new Error(`${name}: "${value}" is not a whole number`)
    return Number(value)
  }
  const rules = {
    minPeriodDays: read('CONSULTATION_MIN_DAYS', DEFAULT_CONSULTATION_RULES.minPeriodDays),
    answerWorkingDays: read(
      'CONSULTATION_ANSWER_DAYS',
      DEFAULT_CONSULTATION_RULES.answerWorkingDays,
    ),
  }
  try {
    assertConsultationRules(rules)
  } catch (error) {
    throw new Error(`CONSULTATION_MIN_DAYS / CONSULTATION_ANSWER_DAYS: ${String(error)}`)
  }
  return rules
}

/** 'MM-DD' of a day every year has (29 February is refused), or the default; throws at startup otherwise. */
export function parseMonthDay(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return DEFAULT_SUBMIT_BY
  const trimmed = value.trim()
  const match = /^(\d{2})-(\d{2})$/.exec(trimmed)
  const days = match ? new Date(Date.UTC(2025, Number(match[1]), 0)).getUTCDate() : 0
  const month = Number(match?.[1])
  if (!match || month < 1 || month > 12 || Number(match[2]) < 1 || Number(match[2]) > days) {
    throw new Error(`${name}: "${value}" is not a month and day MM-DD, e.g. 03-31`)
  }
  return trimmed
}

/** Throws at startup on a table the county mistyped, naming the bad entry. */
export function parseStageDeadlines(value: string | undefined): StageDeadlineTable {
  return parseDaysTable(
    'ISSUE_STAGE_DEADLINES',
    value,
    'stage',
    ISSUE_STAGES,
    DEFAULT_STAGE_DEADLINES,
  )
}

/** Throws at startup on an entry that is not a bare origin, naming it. */
export function parsePublicOrigins(value: string | undefined): string[] {
  const origins: string[] = []
  for (const entry of (value ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue
    const url = URL.canParse(entry) ? new URL(entry) : null
    // Compared with the Origin header, which is exactly scheme://host[:port]:
    // a path, query or trailing slash would never match, so refuse it here.
    const isBare = url?.pathname === '/' && !url.search && !url.hash && !url.username
    if (!url || !/^https?:$/.test(url.protocol) || !isBare || /[?#]/.test(entry)) {
      throw new Error(
        `PUBLIC_ORIGIN: "${entry}" is not an origin like https://shuoshi.example.gov.cn (scheme, host and port only)`,
      )
    }
    origins.push(url.origin)
  }
  return origins
}

/** LOAD_SHED_LAG_MS: a whole number of ms, 0 for never; throws at startup otherwise. */
function parseLoadShedLag(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 300
  if (!/^\d+$/.test(value.trim())) {
    throw new Error(`LOAD_SHED_LAG_MS: "${value}" is not a whole number of milliseconds`)
  }
  return Number(value.trim())
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
