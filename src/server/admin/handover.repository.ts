/** The grid hand-over ledger and what a hand-over flags. Plain functions of (db | trx). */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Handover } from '#shared/admin/admin.schema.ts'
import { ISSUE_KIND } from '#shared/issue/issue.kind.ts'
import { z } from 'zod'
import { ISSUE_STATUSES, TERMINAL_STATUSES } from '#shared/issue/issue.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

export interface OpenMatter {
  id: string
  title: string
  status: string
  isFromOldWorker: boolean
  needsFollowUp: boolean
}

/** The few fields of a stored issue a hand-over reads. */
const matterShape = z.object({
  title: z.string(),
  status: z.enum(ISSUE_STATUSES),
  reporterId: z.string(),
})

/**
 * The issues homed in the grid that are not finished, flagged for the new
 * worker: those the old worker logged (they may have notes of them), and
 * those waiting for a feedback visit (回访: the follow-up is now the new worker's).
 */
export async function listOpenMatters(
  db: Db,
  gridPath: string,
  oldWorkerId: string,
): Promise<OpenMatter[]> {
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', ISSUE_KIND)
    .where('org_path', 'like', `${gridPath}%`)
    .orderBy('created_at')
    .execute()
  return rows.flatMap((row) => {
    const parsed = matterShape.safeParse(JSON.parse(row.data))
    if (!parsed.success || TERMINAL_STATUSES.includes(parsed.data.status)) return []
    const { title, status, reporterId } = parsed.data
    return [
      {
        id: row.id,
        title,
        status,
        isFromOldWorker: reporterId === oldWorkerId,
        needsFollowUp: status === 'awaiting_feedback',
      },
    ]
  })
}

/** When a user's phone last sent a change the server received (null: never). */
export async function findLastPushAt(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('sync_mutation')
    .select((eb) => eb.fn.max('created_at').as('last'))
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.last ?? null
}

export interface NewHandover {
  gridId: string
  fromUserId: string
  toUserId: string
  byUserId: string
  at: string
  openMatters: number
}

export async function insertHandover(db: Db, handover: NewHandover): Promise<string> {
  const id = randomUUID()
  await db
    .insertInto('grid_handover')
    .values({
      id,
      grid_id: handover.gridId,
      from_user_id: handover.fromUserId,
      to_user_id: handover.toUserId,
      by_user_id: handover.byUserId,
      at: handover.at,
      open_matters: handover.openMatters,
    })
    .execute()
  return id
}

/**
 * The hand-overs of the grids under `path` with the names they show, unordered:
 * the on-screen list's and the Excel ledger's (src/server/ledger/handover.rows.ts) query.
 */
export function selectHandovers(db: Db, path: string) {
  return db
    .selectFrom('grid_handover as h')
    .innerJoin('org_unit as g', 'g.id', 'h.grid_id')
    .innerJoin('app_user as f', 'f.id', 'h.from_user_id')
    .innerJoin('app_user as t', 't.id', 'h.to_user_id')
    .innerJoin('app_user as b', 'b.id', 'h.by_user_id')
    .select([
      'h.id',
      'h.grid_id',
      'g.name as grid_name',
      'g.path as grid_path',
      'h.from_user_id',
      'f.name as from_name',
      'h.to_user_id',
      't.name as to_name',
      'h.by_user_id',
      'b.name as by_name',
      'h.at',
      'h.open_matters',
    ])
    .where('g.path', 'like', `${path}%`)
}

/** A row of `selectHandovers` as a line of the ledger. */
export function toHandover(row: {
  id: string
  grid_id: string
  grid_name: string
  from_user_id: string
  from_name: string
  to_user_id: string
  to_name: string
  by_user_id: string
  by_name: string
  at: string
  open_matters: number | string
}): Handover {
  return {
    id: row.id,
    gridId: row.grid_id,
    gridName: row.grid_name,
    fromUser: { id: row.from_user_id, name: row.from_name },
    toUser: { id: row.to_user_id, name: row.to_name },
    byUser: { id: row.by_user_id, name: row.by_name },
    at: row.at,
    openMatters: Number(row.open_matters),
  }
}

/** The hand-overs of the grids under `path`, newest first (the ledger). */
export async function listHandovers(db: Db, path: string): Promise<Handover[]> {
  const rows = await selectHandovers(db, path)
    .orderBy('h.at', 'desc')
    .orderBy('h.id')
    .limit(500)
    .execute()
  return rows.map(toHandover)
}
