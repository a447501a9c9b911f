/** Attachment bytes, content-addressed by sha-256. */
import { sql, type Kysely } from 'kysely'
import { reaches } from '../sync/record.repository.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'

type Db = Kysely<DatabaseSchema>

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
  // Every uploader of the same bytes may read them back.
  await db
    .insertInto('blob_upload')
    .values({ sha256: blob.sha256, user_id: blob.userId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/**
 * A blob the user may read: one they uploaded, or one that a record in their
 * scope refers to (the record rule of plugins/scope.ts, in SQL).
 */
export async function findReadableBlob(db: Db, sha256: string, userId: string, scope: string) {
  return db
    .selectFrom('blob as b')
    .select(['b.content_type', 'b.size', 'b.data'])
    .where('b.sha256', '=', sha256)
    .where((eb) =>
      eb.or([
        sql<boolean>`exists (select 1 from blob_upload u where u.sha256 = b.sha256 and u.user_id = ${userId})`,
        sql<boolean>`exists (select 1 from record_blob rb join record_audience a on a.record_key = rb.record_key
          where rb.sha256 = b.sha256 and ${reaches('a.path', scope)})`,
      ]),
    )
    .executeTakeFirst()
}
