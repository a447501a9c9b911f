/**
 * PUT/GET /api/blobs/<sha256>: photos travel apart from records. Uploads are
 * idempotent (the hash is the name), checked (hash, size, real image type)
 * and never needed before the record's text syncs.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { HttpError } from '../plugins/errors.ts'
import { requireAuth, scopePathOf } from '../plugins/scope.ts'
import { BLOB_HELMET } from '../plugins/security-headers.ts'
import { findReadableBlob, insertBlob } from './blob.repository.ts'

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

export async function blobRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database
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
      const isNew = await insertBlob(db, {
        sha256,
        contentType: type,
        data: body,
        userId: auth.user.id,
      })
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
