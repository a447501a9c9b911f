/**
 * PUT/GET /api/blobs/<sha256>: photos, voice notes and signatures travel
 * apart from records. Uploads are idempotent (the hash is the name), checked
 * (hash, real type, size for that type: docs/field.md),
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
  BLOB_EXTENSIONS,
  BLOB_TYPES,
  IMAGE_TYPES,
  MAX_AUDIO_BYTES,
  MAX_IMAGE_BYTES,
  maxBytesOf,
  sniffBlobType,
} from '#shared/media/media.ts'
import {
  blobExists,
  deleteUnreferencedBlobs,
  findReadableBlob,
  insertBlob,
  releaseUploadQuota,
  reserveUploadQuota,
} from './blob.repository.ts'

/** Largest body the route reads at all (an image); audio has its own, smaller limit. */
export const MAX_BLOB_BYTES = MAX_IMAGE_BYTES

/** The image type the bytes really are, from their first bytes. */
export function sniffImageType(data: Buffer): (typeof IMAGE_TYPES)[number] | null {
  const type = sniffBlobType(data)
  return IMAGE_TYPES.find((image) => image === type) ?? null
}

const WRONG_TYPE = '只能上传 JPEG、PNG、WebP 图片或 WebM、Ogg、MP4 录音'

const params = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号无效') })

function extensionOf(type: string): string {
  const known = BLOB_TYPES.find((candidate) => candidate === type)
  return known ? BLOB_EXTENSIONS[known] : 'bin'
}

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
    // Image and audio bodies arrive as raw bytes in this plugin only.
    scoped.addContentTypeParser(
      [...BLOB_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_BLOB_BYTES },
      (_req, body, done) => done(null, body),
    )
    const api = scoped.withTypeProvider<ZodTypeProvider>()

    api.put('/api/blobs/:sha256', { schema: { params } }, async (request, reply) => {
      const auth = requireAuth(request)
      const body: unknown = request.body
      if (!Buffer.isBuffer(body) || body.length === 0)
        throw new HttpError(415, 'bad_request', WRONG_TYPE)
      const type = sniffBlobType(body)
      if (!type || type !== request.headers['content-type']) {
        throw new HttpError(415, 'bad_request', WRONG_TYPE)
      }
      // A voice note is at most a minute at a low bitrate: a bigger one is not what the app records.
      if (body.length > maxBytesOf(type)) {
        throw new HttpError(
          413,
          'bad_request',
          `录音不能超过${Math.round(MAX_AUDIO_BYTES / 1024)}KB（约一分钟），请重新录制`,
        )
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
              `attachment; filename="${request.params.sha256}.${extensionOf(blob.content_type)}"`,
            )
            .send(blob.data)
        )
      },
    )
    done()
  })
}
