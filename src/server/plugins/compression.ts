/**
 * Compressed answers (issue #13): a village's 3G link carries about 1.6 Mbit/s
 * down, so a pull page or a list sent raw costs the user seconds that
 * compression saves for a little server CPU. Answers above 1 KB whose type
 * compresses (JSON, text) go out as brotli or gzip, whichever the client
 * accepts (brotli first). Brotli runs at quality 4: close to gzip's speed with
 * a better ratio, where quality 11 would cost a county's morning rush ten
 * times the CPU. The built app's files are compressed once at build
 * (build/precompress.ts) and served as they are; this hook leaves an answer
 * that already has a Content-Encoding alone.
 *
 * Request bodies are not decompressed: devices send them raw today, and a
 * decompressing hook is one more thing an attacker could feed.
 */
import { constants } from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import type { FastifyInstance } from 'fastify'

/** Answers smaller than this go out raw: headers and framing outweigh the saving. */
export const COMPRESSION_THRESHOLD_BYTES = 1024

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  })
}
