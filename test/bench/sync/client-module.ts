/**
 * The device's own sync module against the real server: push (fake-indexeddb
 * store, timed inject transport), first pull into a fresh store, and the same
 * in Chromium's IndexedDB over HTTP.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { DEFAULT_PULL_LIMIT } from '#shared/sync/sync.protocol.ts'
import { AppDb, type OutboxEntry } from '#app/db/app-db.ts'
import { saveChange } from '#app/sync/local-store.ts'
import { pushOutbox } from '#app/sync/push.ts'
import { pullAll } from '#app/sync/pull.ts'
import { DEMO_PASSWORD } from '#server/auth/demo-accounts.seed.ts'
import { injectTransport } from '../../support/inject-transport.ts'
import { MEMO_KINDS } from '../../support/memo-kind.ts'
import { PHONES, type Person } from '../../support/demo-county.ts'
import type { BenchServer, Session } from '../support/bench-server.ts'
import { openBenchBrowser } from '../support/browser.ts'
import type { PullFigures } from '../browser/entry.ts'
import { emit, log, percentile, perSecond, round, using } from './output.ts'

/** An app whose inject() calls are timed: the server's share of a client operation. */
export function timedApp(app: FastifyInstance) {
  const timing = { ms: 0, calls: 0 }
  const proxy = {
    async inject(options: InjectOptions): Promise<LightMyRequestResponse> {
      const started = performance.now()
      try {
        return await app.inject(options)
      } finally {
        timing.ms += performance.now() - started
        timing.calls += 1
      }
    },
  } as unknown as FastifyInstance
  return { app: proxy, timing }
}

export async function benchPush(
  server: BenchServer,
  session: Session,
  count: number,
): Promise<void> {
  const db = new AppDb(`bench-push-${server.dialect}-${randomBytes(4).toString('hex')}`)
  try {
    const savesStarted = performance.now()
    for (let i = 0; i < count; i++) {
      await saveChange(
        db,
        MEMO_KINDS,
        { ...session.actor, at: new Date().toISOString() },
        {
          kind: 'memo',
          op: 'create',
          payload: {
            text: `门口路灯坏了 #${i}`,
            orgPath: session.actor.orgPath,
            secret: '13800000000',
            photos: [],
          },
        },
      )
    }
    const savesMs = performance.now() - savesStarted
    log(
      `${server.dialect}: ${count} local saves (fake-indexeddb) in ${Math.round(savesMs)} ms; pushing`,
    )

    const { app, timing } = timedApp(server.app)
    const transport = injectTransport({ app: () => app, cookie: () => session.cookie })
    const actorFor = (entry: OutboxEntry) => ({ ...session.actor, at: entry.createdAt })
    const started = performance.now()
    const outcome = await pushOutbox(db, transport, MEMO_KINDS, actorFor, session.actor.userId)
    const totalMs = performance.now() - started
    const left = await db.outbox.count()
    if (outcome.applied !== count || outcome.rejected !== 0 || left !== 0) {
      throw new Error(
        `push: applied ${outcome.applied}, rejected ${outcome.rejected}, ${left} left in the outbox`,
      )
    }
    emit({
      bench: 'push',
      dialect: server.dialect,
      mutations: count,
      requests: timing.calls,
      totalMs: round(totalMs),
      mutationsPerSec: perSecond(count, totalMs),
      serverMs: round(timing.ms),
      serverMutationsPerSec: perSecond(count, timing.ms),
      clientMs: round(totalMs - timing.ms),
      localSaves: {
        store: 'fake-indexeddb',
        ms: round(savesMs),
        perSec: perSecond(count, savesMs),
      },
    })
  } finally {
    await db.delete()
  }
}

export async function benchFirstPull(
  server: BenchServer,
  session: Session,
  expected: number,
): Promise<void> {
  const db = new AppDb(`bench-pull-${server.dialect}-${randomBytes(4).toString('hex')}`)
  try {
    const { app, timing } = timedApp(server.app)
    const transport = injectTransport({ app: () => app, cookie: () => session.cookie })
    const actorFor = (entry: OutboxEntry) => ({ ...session.actor, at: entry.createdAt })
    let progress = { done: 0, total: 0 }
    const started = performance.now()
    const changes = await pullAll(db, transport, MEMO_KINDS, actorFor, {
      onProgress: (value) => (progress = value),
    })
    const totalMs = performance.now() - started
    const records = await db.records.count()
    if (records !== expected)
      throw new Error(`first pull: ${records} records, expected ${expected}`)
    emit({
      bench: 'first_pull',
      dialect: server.dialect,
      store: 'fake-indexeddb',
      records,
      changes,
      pages: timing.calls,
      limit: DEFAULT_PULL_LIMIT,
      lastProgress: progress,
      totalMs: round(totalMs),
      recordsPerSec: perSecond(records, totalMs),
      serverMs: round(timing.ms),
      clientMs: round(totalMs - timing.ms),
    })
  } finally {
    await db.delete()
  }
}

export async function benchBrowser(
  server: BenchServer,
  expected: number,
  { person, saves }: { person: Person; saves: number },
): Promise<void> {
  if (!server.baseUrl) throw new Error('the browser bench needs a listening server')
  await using(await openBenchBrowser(server.baseUrl), async ({ page }) => {
    const me = await page.evaluate(
      ([phone, password]) => window.shuoshiBench.login(phone, password),
      [PHONES[person], DEMO_PASSWORD] as const,
    )
    const actor = {
      userId: me.user.id,
      userName: me.user.name,
      role: me.user.role,
      orgUnitId: me.user.orgUnitId,
      orgPath: me.orgUnit.path,
    }
    const durations = await page.evaluate(([count, who]) => window.shuoshiBench.saves(count, who), [
      saves,
      actor,
    ] as const)
    emit({
      bench: 'browser_save',
      dialect: server.dialect,
      store: 'chromium-indexeddb',
      saves: durations.length,
      p50Ms: round(percentile(durations, 50)),
      p95Ms: round(percentile(durations, 95)),
      meanMs: round(durations.reduce((sum, value) => sum + value, 0) / durations.length),
      maxMs: round(Math.max(...durations)),
    })
    const pull: PullFigures = await page.evaluate(
      (who) => window.shuoshiBench.firstPull(who),
      actor,
    )
    if (pull.records !== expected)
      throw new Error(`browser pull: ${pull.records} records, expected ${expected}`)
    emit({
      bench: 'browser_first_pull',
      dialect: server.dialect,
      store: 'chromium-indexeddb',
      records: pull.records,
      changes: pull.changes,
      pages: pull.pages,
      totalMs: round(pull.ms),
      recordsPerSec: perSecond(pull.records, pull.ms),
      fetchMs: round(pull.fetchMs),
      clientMs: round(pull.ms - pull.fetchMs),
    })
  })
}
