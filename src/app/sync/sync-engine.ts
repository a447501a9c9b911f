/**
 * When sync runs, and that only one tab runs it. A sync is: push the outbox,
 * upload photos, pull. It runs on start, when the device comes online, when
 * the app becomes visible, after a save, and periodically; after a failure it
 * waits with exponential backoff and jitter. Web Locks keep it to one tab
 * (a lock dies with its tab); where they are missing, a short lease in
 * localStorage does the same job less strictly.
 */
import type { Actor } from '#shared/sync/record-kind.ts'
import type { AppDb, OutboxEntry } from '#app/db/app-db.ts'
import { ApiError } from '#app/api/http.ts'
import { retryDelay } from './backoff.ts'
import { uploadBlobs } from './blobs.ts'
import { syncState, type KindMap } from './local-store.ts'
import { pullAll, type PullProgress } from './pull.ts'
import { pushOutbox, reofferSent } from './push.ts'
import type { SyncTransport } from './transport.ts'

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'outdated' | 'signed-out'

export interface SyncStatus {
  phase: SyncPhase
  lastSuccessAt: string | null
  lastError: string | null
  progress: PullProgress | null
}

export interface SyncEngineOptions {
  db: AppDb
  transport: SyncTransport
  kinds: KindMap
  /** The signed-in user as an author, or null when signed out. */
  actor: () => Omit<Actor, 'at'> | null
  onStatus?: (status: SyncStatus) => void
  pullLimit?: number
  /** Runs after each successful pull (the county settings, county-settings.ts); must not throw. */
  afterPull?: () => Promise<void>
}

const LOCK_NAME = 'shuoshi-sync'

export class SyncEngine {
  private failures = 0
  /** The last failure's `Retry-After` (a busy server shedding load), honoured by `schedule`. */
  private retryAfter: number | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<void> | null = null
  private again = false
  private status: SyncStatus = {
    phase: 'idle',
    lastSuccessAt: null,
    lastError: null,
    progress: null,
  }
  private readonly detach: Array<() => void> = []

  constructor(private readonly options: SyncEngineOptions) {}

  /** Starts listening for the moments to sync, and syncs once now. */
  start(): void {
    const onOnline = () => void this.requestSync()
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.requestSync()
    }
    window.addEventListener('online', onOnline)
    document.addEventListener('visibilitychange', onVisible)
    this.detach.push(
      () => window.removeEventListener('online', onOnline),
      () => document.removeEventListener('visibilitychange', onVisible),
    )
    void this.requestSync()
  }

  stop(): void {
    clearTimeout(this.timer)
    this.detach.splice(0).forEach((undo) => undo())
  }

  /** Asks for a sync soon; calls during a running sync make it run once more. */
  requestSync(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.runLocked().finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        void this.requestSync()
      }
    })
    return this.running
  }

  private async runLocked(): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    if (locks) {
      // ifAvailable: if another tab is syncing, this one simply skips.
      await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
        if (lock) await this.syncOnce()
      })
    } else if (takeLease()) {
      try {
        await this.syncOnce()
      } finally {
        releaseLease()
      }
    }
  }

  /** One full sync: push, photos, pull. Public for tests and the 同步 page's button. */
  async syncOnce(): Promise<void> {
    const { db, transport, kinds } = this.options
    const author = this.options.actor()
    if (!author) return this.setStatus({ phase: 'signed-out' })
    const state = await syncState(db)
    // After a reload the engine starts empty: its first status (offline, say)
    // must still name the last success the device recorded, or the 同步 page
    // says 尚未同步 next to a sync health that says an hour ago.
    if (this.status.lastSuccessAt === null && state.lastSuccessAt !== null) {
      this.status = { ...this.status, lastSuccessAt: state.lastSuccessAt }
    }
    if (state.isOutdated) return this.setStatus({ phase: 'outdated' })
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.schedule()
      return this.setStatus({ phase: 'offline' })
    }
    const actorFor = (entry: OutboxEntry): Actor => ({ ...author, at: entry.createdAt })
    this.setStatus({ phase: 'syncing', progress: null })
    try {
      const push = () => pushOutbox(db, transport, kinds, actorFor, author.userId)
      const pull = () =>
        pullAll(db, transport, kinds, actorFor, {
          limit: this.options.pullLimit,
          onProgress: (progress) => this.setStatus({ progress }),
        })
      const pushed = await push()
      // The server was restored or replaced: offer again what it may have
      // lost, in the first order, then copy everything again (docs/sync.md).
      let isReoffered = false
      if (pushed.epoch && state.epoch && pushed.epoch !== state.epoch) {
        await reofferSent(db, pushed.epoch)
        isReoffered = true
        await push()
      }
      await uploadBlobs(db, transport)
      await pull()
      // Nothing was waiting to push, so the pull was first to see the new epoch.
      const after = await syncState(db)
      if (!isReoffered && state.epoch && after.epoch && after.epoch !== state.epoch) {
        if ((await reofferSent(db, after.epoch)) > 0) {
          await push()
          await uploadBlobs(db, transport)
        }
        await pull()
      }
      await this.options.afterPull?.()
      this.failures = 0
      this.retryAfter = null
      const now = new Date().toISOString()
      await db.syncMeta.update('state', { lastSuccessAt: now, lastError: null, lastFailure: null })
      this.setStatus({ phase: 'idle', lastSuccessAt: now, lastError: null, progress: null })
    } catch (error) {
      await this.fail(error)
    }
    this.schedule()
  }

  private async fail(error: unknown): Promise<void> {
    const { db } = this.options
    if (error instanceof ApiError && error.status === 426) {
      // Keep the outbox untouched; the person updates the app, then sync resumes.
      await db.syncMeta.update('state', {
        isOutdated: true,
        lastError: error.message,
        lastFailure: 'outdated',
      })
      return this.setStatus({ phase: 'outdated', lastError: error.message })
    }
    if (error instanceof ApiError && error.status === 401) {
      await db.syncMeta.update('state', { lastError: error.message, lastFailure: 'signed-out' })
      return this.setStatus({ phase: 'signed-out', lastError: error.message })
    }
    this.failures += 1
    this.retryAfter = error instanceof ApiError ? error.retryAfter : null
    const message = error instanceof ApiError ? error.message : '网络不可用，稍后自动重试'
    // Sync health (sync-health.ts): an answer from the server is its error;
    // no answer while the browser says online is a server out of reach.
    await db.syncMeta.update('state', {
      lastError: message,
      lastFailure: error instanceof ApiError ? 'server' : 'unreachable',
    })
    this.setStatus({
      phase: error instanceof ApiError ? 'error' : 'offline',
      lastError: message,
      progress: null,
    })
  }

  private schedule(): void {
    clearTimeout(this.timer)
    if (this.detach.length === 0) return // not started: tests drive syncOnce themselves
    this.timer = setTimeout(
      () => void this.requestSync(),
      retryDelay(this.failures, this.retryAfter),
    )
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch }
    this.options.onStatus?.(this.status)
  }
}

const LEASE_KEY = 'shuoshi-sync-lease'
const LEASE_MS = 60_000
const tabId = Math.random().toString(36).slice(2)

function takeLease(): boolean {
  try {
    const held: unknown = JSON.parse(localStorage.getItem(LEASE_KEY) ?? 'null')
    const isHeld =
      typeof held === 'object' &&
      held !== null &&
      'owner' in held &&
      'until' in held &&
      held.owner !== tabId &&
      typeof held.until === 'number' &&
      held.until > Date.now()
    if (isHeld) return false
    localStorage.setItem(LEASE_KEY, JSON.stringify({ owner: tabId, until: Date.now() + LEASE_MS }))
    return true
  } catch {
    return true // no storage at all: a single tab is all there can be
  }
}

function releaseLease(): void {
  try {
    localStorage.removeItem(LEASE_KEY)
  } catch {
    // nothing to release
  }
}
