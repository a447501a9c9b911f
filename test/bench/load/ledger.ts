/**
 * What the load benchmark's devices saw: latencies of push and pull, answers
 * by status, acknowledged mutations; and the check, against the database the
 * servers share, that every acknowledged change is stored exactly once.
 */
import { sql } from 'kysely'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { openDatabase } from '#server/db/database.ts'
import type { Answer } from './http-client.ts'

export interface Figures {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

export function figures(values: readonly number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  const round = (ms: number) => Math.round(ms)
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? 0),
  }
}

export class Ledger {
  readonly ms = { push: [] as number[], pull: [] as number[] }
  /** Answers by status (or network failure), per route. */
  readonly statuses = { push: new Map<string, number>(), pull: new Map<string, number>() }
  /** Mutations the server acknowledged as applied, by id: their record key. */
  readonly applied = new Map<string, string>()
  refused = 0
  sentMutations = 0

  record(route: 'push' | 'pull', answer: Answer, mutations: number): void {
    const isShed =
      typeof answer.body === 'object' &&
      answer.body !== null &&
      'code' in answer.body &&
      answer.body.code === 'server_busy'
    // A shed answer (503 server_busy) is the server's designed "come back later", not a fault.
    const label =
      answer.status === 0
        ? (answer.failure ?? 'failed')
        : `${answer.status}${isShed ? ' busy' : ''}`
    this.statuses[route].set(label, (this.statuses[route].get(label) ?? 0) + 1)
    this.ms[route].push(answer.ms)
    if (route === 'push') this.sentMutations += mutations
  }

  acknowledge(m: Mutation, isApplied: boolean): void {
    if (isApplied) this.applied.set(m.id, `${m.kind}:${m.recordId}`)
    else this.refused += 1
  }

  /** Answers that are a server fault (5xx other than a shed 503) or no answer at all. */
  failures(): number {
    let count = 0
    for (const map of Object.values(this.statuses)) {
      for (const [label, n] of map) if (!/^([1-4]\d\d|503 busy)$/.test(label)) count += n
    }
    return count
  }

  summary() {
    return {
      push_ms: figures(this.ms.push),
      pull_ms: figures(this.ms.pull),
      push_status: Object.fromEntries(this.statuses.push),
      pull_status: Object.fromEntries(this.statuses.pull),
      acknowledged: this.applied.size,
      refused: this.refused,
    }
  }
}

/**
 * Every acknowledged mutation is in sync_mutation as applied, once; and for
 * every record they touched, the applied mutations, the change-log entries
 * and the record's version agree — nothing lost, nothing applied twice.
 * Returns the problems found (empty when all holds).
 */
export async function checkStoredOnce(
  target: { databaseUrl: string | undefined; dataDir: string },
  ledgers: readonly Ledger[],
): Promise<string[]> {
  const database = openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir })
  const problems: string[] = []
  try {
    const { db } = database
    const acked = new Map<string, string>()
    for (const ledger of ledgers) for (const [id, key] of ledger.applied) acked.set(id, key)
    const ids = [...acked.keys()]
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500)
      const rows = await db
        .selectFrom('sync_mutation')
        .select(['id', 'status', 'record_key'])
        .where('id', 'in', chunk)
        .execute()
      const found = new Map(rows.map((row) => [row.id, row]))
      for (const id of chunk) {
        const row = found.get(id)
        if (!row || row.status !== 'applied' || row.record_key !== acked.get(id)) {
          problems.push(`acknowledged mutation ${id} is ${row ? row.status : 'missing'}`)
        }
      }
    }
    const keys = [...new Set(acked.values())]
    for (let start = 0; start < keys.length; start += 500) {
      const chunk = keys.slice(start, start + 500)
      const { rows } = await sql<{ key: string; version: number; applied: number; logged: number }>`
        select r.key, r.version,
          (select count(*) from sync_mutation m where m.record_key = r.key and m.status = 'applied') as applied,
          (select count(*) from change_log c where c.record_key = r.key) as logged
        from sync_record r where r.key in (${sql.join(chunk)})`.execute(db)
      if (rows.length !== chunk.length) {
        problems.push(`${chunk.length - rows.length} acknowledged records are missing`)
      }
      for (const row of rows) {
        const [version, applied, logged] = [row.version, row.applied, row.logged].map(Number)
        if (version !== applied || applied !== logged) {
          problems.push(`${row.key}: version ${version}, ${applied} applied, ${logged} logged`)
        }
      }
    }
  } finally {
    await database.close()
  }
  return problems
}
