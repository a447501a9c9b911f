/**
 * Creating the ready rows of a plan as issue reports, through the ordinary
 * write path's checks (`applyNewRecords`: a push's rules, written in bulk) as the import actor, so they land in
 * their grid's inbox, sync, count in supervision and are in the ledger.
 *
 * Each chunk of rows is one transaction: first the tickets are claimed
 * (import_ticket, primary key source + ticket), then only the claimed rows
 * are created. A ticket another import claimed meanwhile is skipped as a
 * duplicate, so a re-import — or the same file sent twice at once — creates
 * each ticket's report once.
 */
import type { FastifyBaseLogger } from 'fastify'
import { uuidv7 } from 'uuidv7'
import { IMPORT_ACTOR_ID, importActorName } from '#shared/import/import.actor.ts'
import type { ImportSource } from '#shared/import/import.schema.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { systemAuth } from '../assessment/system-actor.ts'
import type { Database } from '../db/database.ts'
import { HttpError } from '../plugins/errors.ts'
import type { KindRegistry } from '../sync/kinds.ts'
import { applyNewRecords } from '../sync/push-batch.ts'
import { claimTickets, releaseTicket } from './import.repository.ts'
import type { PlannedRow } from './import.plan.ts'

/** Rows per transaction: short enough not to hold locks long, long enough to be quick. */
const CHUNK = 500

/** Creates the plan's ready rows; marks the ones that turned out duplicate. Returns how many were created. */
export async function commitPlan(
  database: Database,
  kinds: KindRegistry,
  source: ImportSource,
  countyPath: string,
  plan: PlannedRow[],
  log?: FastifyBaseLogger,
): Promise<{ created: number; issueIds: Map<string, string> }> {
  const { db, dialect } = database
  const auth = await systemAuth(db, IMPORT_ACTOR_ID, importActorName(source.name), countyPath)
  if (!auth) throw new HttpError(404, 'not_found')
  const ready = plan.filter((row) => row.payload !== null)
  const issueIds = new Map<string, string>()
  let created = 0
  for (let at = 0; at < ready.length; at += CHUNK) {
    const chunk = ready.slice(at, at + CHUNK).map((row) => ({ row, issueId: uuidv7() }))
    const now = new Date()
    const trx = await db.startTransaction().execute()
    try {
      const claimed = await claimTickets(
        trx,
        source.id,
        chunk.map(({ row, issueId }) => ({ ticket: row.result.ticket, issueId })),
        now,
      )
      const mine = chunk.filter(({ row }) => claimed.has(row.result.ticket))
      for (const { row } of chunk) {
        if (!claimed.has(row.result.ticket)) row.result.status = 'duplicate'
      }
      const mutations: Mutation[] = mine.map(({ row, issueId }) => ({
        id: uuidv7(),
        kind: ISSUE_KIND,
        recordId: issueId,
        op: 'create',
        payload: row.payload ?? {},
        baseVersion: 0,
        seq: 0,
        deviceId: 'import',
        createdAt: now.toISOString(),
      }))
      const results = await applyNewRecords(
        { db: trx, dialect, kinds, auth, ...(log ? { log } : {}) },
        trx,
        mutations,
      )
      for (const [index, result] of results.entries()) {
        const entry = mine[index]
        if (!entry) continue
        if (result.status === 'applied') {
          created++
          issueIds.set(entry.row.result.ticket, entry.issueId)
          continue
        }
        // Checked by the plan already; a refusal here is the kind's last word.
        entry.row.result.status = 'invalid'
        entry.row.result.errors.push(result.status === 'rejected' ? result.message : '未能导入')
        await releaseTicket(trx, source.id, entry.row.result.ticket)
      }
      await trx.commit().execute()
    } catch (error) {
      await trx.rollback().execute()
      throw error
    }
  }
  return { created, issueIds }
}
