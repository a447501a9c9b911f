/**
 * The device engine in Chromium, for the benchmark: bundled by Vite (IIFE) and
 * served by the real server with a blank page. The bench drives it through
 * `window.shuoshiBench` with page.evaluate. Same code as the app: AppDb
 * (Dexie over IndexedDB), saveChange, pullAll and the HTTP transport (fetch,
 * same origin, session cookie).
 */
import type { Me } from '#shared/auth/auth.schema.ts'
import type { Actor } from '#shared/sync/record-kind.ts'
import { AppDb } from '#app/db/app-db.ts'
import { saveChange, syncState } from '#app/sync/local-store.ts'
import { pullAll } from '#app/sync/pull.ts'
import { httpTransport } from '#app/sync/transport.ts'
import type { SyncTransport } from '#app/sync/transport.ts'
import { MEMO_KINDS } from '../../support/memo-kind.ts'

export type BenchActor = Omit<Actor, 'at'>

export interface PullFigures {
  ms: number
  /** Time spent waiting for the server's pages (fetch + JSON). */
  fetchMs: number
  pages: number
  changes: number
  records: number
}

async function login(phone: string, password: string): Promise<Me> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password }),
  })
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as Me
}

/** `count` saves of a new memo, one at a time; the duration of each in ms. */
async function saves(count: number, actor: BenchActor): Promise<number[]> {
  const db = new AppDb(`bench-saves-${Date.now()}`)
  try {
    // Opening the database and making the device id are not part of a save.
    await db.open()
    await syncState(db)
    const durations: number[] = []
    for (let i = 0; i < count; i++) {
      const started = performance.now()
      await saveChange(
        db,
        MEMO_KINDS,
        { ...actor, at: new Date().toISOString() },
        {
          kind: 'memo',
          op: 'create',
          payload: {
            text: `门口路灯坏了 #${i}`,
            orgPath: actor.orgPath,
            secret: '13800000000',
            photos: [],
          },
        },
      )
      durations.push(performance.now() - started)
    }
    return durations
  } finally {
    await db.delete()
  }
}

/** A first sync into an empty database, through the real HTTP transport. */
async function firstPull(actor: BenchActor): Promise<PullFigures> {
  const db = new AppDb(`bench-pull-${Date.now()}`)
  try {
    await db.open()
    await syncState(db)
    let pages = 0
    let fetchMs = 0
    const transport: SyncTransport = {
      ...httpTransport,
      async pull(cursor, limit) {
        pages += 1
        const started = performance.now()
        try {
          return await httpTransport.pull(cursor, limit)
        } finally {
          fetchMs += performance.now() - started
        }
      },
    }
    const started = performance.now()
    const changes = await pullAll(db, transport, MEMO_KINDS, (entry) => ({
      ...actor,
      at: entry.createdAt,
    }))
    const ms = performance.now() - started
    return { ms, fetchMs, pages, changes, records: await db.records.count() }
  } finally {
    await db.delete()
  }
}

const api = { login, saves, firstPull }
export type ShuoshiBench = typeof api

declare global {
  interface Window {
    shuoshiBench: ShuoshiBench
  }
}

window.shuoshiBench = api
