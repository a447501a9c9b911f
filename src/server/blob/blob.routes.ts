/**
 * PUT/GET /api/blobs/<sha256>: photos travel apart from records. Uploads are
 * idempotent (the hash is the name), checked (hash, size, real image type),
 * counted against the uploader's daily quota, and never needed before the
 * record's text syncs. Photos no record lists are deleted after a while.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { chinaDate } from '#shared/calendar/working-days.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { HttpError } from '../plugins/errors.ts'
import { requireAuth, scopePathOf } from '../plugins/scope.ts'
import { BLOB_HELMET } from '../plugins/security-headers.ts'
import {
  blobExists,
  deleteUnreferencedBlobs,
  findReadableBlob,
  insertBlob,
  releaseUploadQuota,
  reserveUploadQuota,
} from './blob.repository.ts'

export const MAX_BLOB_BYTES = 1024 * 1024
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}

/** The image type the bytes really are, from their first bytes. */
export function sniffImageType(data: Buffer): (typeof IMAGE_TYPES)[number] | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return 'image/jpeg'
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png'
  }
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp'
  }
  return null
}

const params = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号无效') })

const DAY_MS = 24 * 60 * 60 * 1000
/** How often each server looks for unreferenced photos. */
export const BLOB_GC_INTERVAL_MS = 60 * 60 * 1000

/**
 * Deletes photos that no record lists and that were uploaded more than
 * `days` days before `now` (a device uploads right after pushing the text,
 * so a photo still unlisted after days was abandoned or never meant for a
 * record), and quota days older than yesterday. Returns how many went.
 */
export function collectBlobGarbage(
  db: Kysely<DatabaseSchema>,
  { days, now = new Date() }: { days: number; now?: Date },
): Promise<number> {
  return deleteUnreferencedBlobs(db, {
    before: new Date(now.getTime() - days * DAY_MS).toISOString(),
    quotaBefore: chinaDate(new Date(now.getTime() - DAY_MS).toISOString()),
  })
}

export async function blobRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database
  const { blobDailyQuotaBytes, blobGcDays } = app.config
  const collect = () =>
    collectBlobGarbage(db, { days: blobGcDays })
      .then((deleted) => {
        if (deleted > 0) app.log.info({ deleted }, 'deleted unreferenced photos')
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'photo garbage collection failed'))
  let timer: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => {
    await collect()
    // Unref'd: a pending collection never keeps the process alive on shutdown.
    timer = setInterval(() => void collect(), BLOB_GC_INTERVAL_MS).unref()
  })
  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer)
    done()
  })
  await app.register((scoped, _options, done) => {
    // Image bodies arrive as raw bytes in this plugin only.
    scoped.addContentTypeParser(
      [...IMAGE_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_BLOB_BYTES },
      (_req, body, done) => done(null, body),
    )
    const api = scoped.withTypeProvider<ZodTypeProvider>()

    api.put('/api/blobs/:sha256', { schema: { params } }, async (request, reply) => {
      const auth = requireAuth(request)
      const body: unknown = request.body
      if (!Buffer.isBuffer(body) || body.length === 0)
        throw new HttpError(415, 'bad_request', '只能上传 JPEG、PNG 或 WebP 图片')
      const type = sniffImageType(body)
      if (!type || type !== request.headers['content-type']) {
        throw new HttpError(415, 'bad_request', '只能上传 JPEG、PNG 或 WebP 图片')
      }
      const sha256 = createHash('sha256').update(body).digest('hex')
      if (sha256 !== request.params.sha256)
        throw new HttpError(400, 'bad_request', '文件内容与编号不符，请重新上传')
      // New bytes count against the uploader's day; bytes already here cost nothing.
      const quota = {
        userId: auth.user.id,
        day: chinaDate(new Date().toISOString()),
        bytes: body.length,
      }
      const isStored = await blobExists(db, sha256)
      if (!isStored && !(await reserveUploadQuota(db, { ...quota, limit: blobDailyQuotaBytes }))) {
        throw new HttpError(429, 'upload_quota_exceeded')
      }
      const isNew = await insertBlob(db, {
        sha256,
        contentType: type,
        data: body,
        userId: auth.user.id,
      })
      // A parallel upload of the same bytes stored them first: give the reservation back.
      if (!isStored && !isNew) await releaseUploadQuota(db, quota)
      return reply.status(isNew ? 201 : 200).send({ sha256, size: body.length })
    })

    api.get(
      '/api/blobs/:sha256',
      { schema: { params }, helmet: BLOB_HELMET },
      async (request, reply) => {
        const auth = requireAuth(request)
        const blob = await findReadableBlob(
          db,
          request.params.sha256,
          auth.user.id,
          scopePathOf(auth),
        )
        // Missing and not allowed look the same.
        if (!blob) throw new HttpError(404, 'not_found')
        return (
          reply
            .header('content-type', blob.content_type)
            .header('cache-control', 'private, max-age=31536000, immutable')
            // A download, never a page: opened directly, even a polyglot renders nothing.
            .header(
              'content-disposition',
              `attachment; filename="${request.params.sha256}.${EXTENSIONS[blob.content_type] ?? 'bin'}"`,
            )
            .send(blob.data)
        )
      },
    )
    done()
  })
}
