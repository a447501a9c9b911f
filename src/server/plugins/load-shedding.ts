/**
 * Sheds sync traffic early when the event loop falls behind (ADR 0008).
 * A saturated Node process reads new connections only between the callbacks
 * of the ones it holds, so under a morning rush a phone on a fresh
 * connection waited seconds before its request was even read. While the
 * loop's lag is above the limit, a push or pull is answered at once with
 * 503 `server_busy` and `Retry-After` — nothing is read from the database,
 * nothing is validated — and the phone retries later with its outbox intact
 * (src/app/sync/backoff.ts). Sign-in, health and photos are never shed.
 */
import type { FastifyInstance } from 'fastify'
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'

/** How often the loop's lag is sampled: a timer that fires late shows a loop behind. */
const SAMPLE_MS = 50

/** Seconds a shed phone waits at least before it tries again (it adds jitter). */
export const SHED_RETRY_AFTER_SECONDS = 2

/** The routes shed under load: what phones retry on their own, unattended. */
const SHED_PREFIX = '/api/sync/'

/** The event loop's lag: how late the last sampling timer fired, in ms. */
export class LoopLag {
  private lastMs = 0
  private expected = performance.now() + SAMPLE_MS
  private readonly timer: NodeJS.Timeout

  constructor() {
    this.timer = setInterval(() => {
      const now = performance.now()
      this.lastMs = Math.max(0, now - this.expected)
      this.expected = now + SAMPLE_MS
    }, SAMPLE_MS)
    // Never what keeps the process alive.
    this.timer.unref()
  }

  get ms(): number {
    // A loop blocked right now has not run the timer yet: count that wait too.
    return Math.max(this.lastMs, performance.now() - this.expected)
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

/** Answers sync requests 503 + Retry-After while the loop lags more than `maxLagMs` (0: never). */
export function registerLoadShedding(app: FastifyInstance, maxLagMs: number): void {
  if (maxLagMs <= 0) return
  const lag = new LoopLag()
  app.addHook('onClose', (_instance, done) => {
    lag.stop()
    done()
  })
  let shed = 0
  let loggedAt = 0
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith(SHED_PREFIX) || lag.ms <= maxLagMs) return done()
    // Answered here, past the error handler: a shed answer must stay cheap
    // (no stack, one log line a second at most).
    shed += 1
    if (Date.now() - loggedAt >= 1000) {
      request.log.warn({ lagMs: Math.round(lag.ms), shed }, 'busy: sync requests shed')
      loggedAt = Date.now()
      shed = 0
    }
    void reply
      .code(503)
      .header('retry-after', String(SHED_RETRY_AFTER_SECONDS))
      .send({ code: 'server_busy', message: ERROR_MESSAGES.server_busy })
  })
}
