/**
 * Sends a photo's bytes to a public page's reader (no account). The caller
 * has already checked that the photo is on that public page; this only
 * reads the bytes and answers with them, cacheable for a day.
 */
import type { FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { HttpError } from '../plugins/errors.ts'

/** Replies with the blob `sha256`, or a 404 when its bytes are not on the server. */
export async function sendPublicPhoto(
  db: Kysely<DatabaseSchema>,
  reply: FastifyReply,
  sha256: string,
): Promise<FastifyReply> {
  const blob = await db
    .selectFrom('blob')
    .select(['content_type', 'data'])
    .where('sha256', '=', sha256)
    .executeTakeFirst()
  if (!blob) throw new HttpError(404, 'not_found')
  return reply
    .header('content-type', blob.content_type)
    .header('cache-control', 'public, max-age=86400')
    .header('content-disposition', `inline; filename="${sha256}"`)
    .send(blob.data)
}
