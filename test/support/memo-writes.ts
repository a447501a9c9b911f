/**
 * Writes memos straight through the sync repository, bypassing the API, the
 * way push does inside its transaction. Tests use it to hold a write
 * transaction open (the late-commit race) or to put several changes in one
 * transaction (change-log rows sharing one txid).
 */
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '#server/db/database-schema.ts'
import type { DialectName } from '#server/db/database.ts'
import {
  findAudience,
  findRecord,
  recordKey,
  saveRecord,
  type RecordRow,
} from '#server/sync/record.repository.ts'
import { memoKind, type MemoData } from './memo-kind.ts'
import { userIdOf } from './demo-county.ts'

/** A memo's data with test defaults. */
export function memoData(orgPath: string, fields: Partial<MemoData> = {}): MemoData {
  return {
    text: '直接写入的记录',
    orgPath,
    ownerId: userIdOf('gridWorker'),
    assignedPath: null,
    secret: '13800000000',
    done: false,
    photos: [],
    ...fields,
  }
}

/**
 * Creates or replaces memo `id` with `data` in `db` (a transaction, usually),
 * bumping its version; returns the new version.
 */
export async function saveMemo(
  db: Kysely<DatabaseSchema>,
  dialect: DialectName,
  id: string,
  data: MemoData,
): Promise<number> {
  const key = recordKey('memo', id)
  const current = await findRecord(db, dialect, key, { lock: 'update' })
  const previousAudience = current ? await findAudience(db, key) : []
  const audience = memoKind.audience(data)
  const now = new Date().toISOString()
  const row: RecordRow = {
    key,
    kind: 'memo',
    id,
    version: (current?.version ?? 0) + 1,
    org_path: data.orgPath,
    data: JSON.stringify(memoKind.schema.parse(data)),
    created_at: current?.created_at ?? now,
    updated_at: now,
  }
  await saveRecord(db, row, {
    isNew: !current,
    audience,
    previousAudience,
    attachments: data.photos,
  })
  return row.version
}

/** The change-log position (txid, seq) of a record's latest change. */
export async function lastChangeOf(
  db: Kysely<DatabaseSchema>,
  id: string,
): Promise<{ txid: number; seq: number }> {
  const row = await db
    .selectFrom('change_log')
    .select(['txid', 'seq'])
    .where('record_key', '=', recordKey('memo', id))
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow()
  return { txid: Number(row.txid), seq: Number(row.seq) }
}
