/**
 * Attachment bytes, content-addressed by sha-256, and the rules of who may
 * read them, list them on a record, and upload how much (docs/sync.md,
 * "Photos").
 */
import { sql, type Kysely } from 'kysely'
import { MutationRejection } from '#shared/sync/record-kind.ts'
import { reaches } from '../sync/record.repository.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { scopePathOf } from '../plugins/scope.ts'

type Db = Kysely<DatabaseSchema>

/** True when the bytes of `sha256` are on the server. */
export async function blobExists(db: Db, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom('blob')
    .select('sha256')
    .where('sha256', '=', sha256)
    .executeTakeFirst()
  return row !== undefined
}

/** Stores a blob unless it is already there; true when it was new. */
export async function insertBlob(
  db: Db,
  blob: { sha256: string; contentType: string; data: Buffer; userId: string },
): Promise<boolean> {
  const now = new Date().toISOString()
  const result = await db
    .insertInto('blob')
    .values({
      sha256: blob.sha256,
      content_type: blob.contentType,
      size: blob.data.length,
      data: blob.data,
      created_by: blob.userId,
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  // Every uploader of the same bytes may read them back, and may list them.
  await db
    .insertInto('blob_upload')
    .values({ sha256: blob.sha256, user_id: blob.userId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/**
 * SQL for "the user may read blob `b`": they uploaded it, or a record in
 * their scope lists it through an effective link. A link is effective when
 * the bytes were on the server when it was made (the linker was then
 * checked to be entitled to them), or once the linker has uploaded them
 * too: a hash listed before anyone uploaded it proves nothing, so it grants
 * nothing until its linker shows they hold the bytes.
 */
function readableBy(userId: string, scope: string) {
  return sql<boolean>`(
    exists (select 1 from blob_upload u where u.sha256 = b.sha256 and u.user_id = ${userId})
    or exists (select 1 from record_blob rb join record_audience a on a.record_key = rb.record_key
      where rb.sha256 = b.sha256 and ${reaches('a.path', scope)}
        and (rb.pending = 0 or exists (select 1 from blob_upload lu
          where lu.sha256 = rb.sha256 and lu.user_id = rb.linked_by))))`
}

/** A blob the user may read (see `readableBy`). */
export async function findReadableBlob(db: Db, sha256: string, userId: string, scope: string) {
  return db
    .selectFrom('blob as b')
    .select(['b.content_type', 'b.size', 'b.data'])
    .where('b.sha256', '=', sha256)
    .where(readableBy(userId, scope))
    .executeTakeFirst()
}

/**
 * The link rule, for hashes a record lists that it did not list before: a
 * hash whose bytes are on the server may be listed only by someone who may
 * read them; a hash not uploaded yet may be listed (photos travel after the
 * text) and becomes a pending link. Refuses with `attachment_not_allowed`.
 */
export async function assertAttachmentsAllowed(
  db: Db,
  auth: AuthContext,
  hashes: readonly string[],
): Promise<void> {
  if (hashes.length === 0) return
  const forbidden = await db
    .selectFrom('blob as b')
    .select('b.sha256')
    .where('b.sha256', 'in', [...new Set(hashes)])
    .where(sql<boolean>`not ${readableBy(auth.user.id, scopePathOf(auth))}`)
    .executeTakeFirst()
  if (forbidden) {
    throw new MutationRejection(
      'attachment_not_allowed',
      '所附照片不是您上传的，也不在您可查看的记录中，不能使用',
    )
  }
}

/**
 * Reserves `bytes` of `userId`'s upload quota for `day`, atomically: one
 * upsert that adds only while the total stays within `limit`, so parallel
 * uploads can never together pass it. False when the quota would be passed.
 */
export async function reserveUploadQuota(
  db: Db,
  { userId, day, bytes, limit }: { userId: string; day: string; bytes: number; limit: number },
): Promise<boolean> {
  if (bytes > limit) return false
  const row = await db
    .insertInto('blob_upload_quota')
    .values({ user_id: userId, day, bytes })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'day'])
        .doUpdateSet({ bytes: sql`blob_upload_quota.bytes + excluded.bytes` })
        .where(sql<boolean>`blob_upload_quota.bytes + excluded.bytes <= ${limit}`),
    )
    .returning('bytes')
    .executeTakeFirst()
  return row !== undefined
}

/** Gives back a reservation whose bytes were not stored after all (another upload won). */
export async function releaseUploadQuota(
  db: Db,
  { userId, day, bytes }: { userId: string; day: string; bytes: number },
): Promise<void> {
  await db
    .updateTable('blob_upload_quota')
    .set({ bytes: sql`bytes - ${bytes}` })
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .execute()
}

/**
 * Deletes blobs stored before `before` that no record lists, with their
 * upload marks, and quota days before `quotaBefore`. Returns how many blobs
 * went. Safe to run from several servers at once.
 */
export async function deleteUnreferencedBlobs(
  db: Db,
  { before, quotaBefore }: { before: string; quotaBefore: string },
): Promise<number> {
  const result = await db
    .deleteFrom('blob')
    .where('created_at', '<', before)
    .where(sql<boolean>`not exists (select 1 from record_blob rb where rb.sha256 = blob.sha256)`)
    .executeTakeFirst()
  await db
    .deleteFrom('blob_upload')
    .where(sql<boolean>`not exists (select 1 from blob b where b.sha256 = blob_upload.sha256)`)
    .execute()
  await db.deleteFrom('blob_upload_quota').where('day', '<', quotaBefore).execute()
  return Number(result.numDeletedRows)
}
