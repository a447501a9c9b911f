/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every compressible file
 * of the build, after the service worker is generated, so that the server
 * sends compressed bytes without compressing on each request
 * (`@fastify/static` `preCompressed`). On a village's 3G link the first
 * screen's bytes are what the user waits for; brotli at its best level costs
 * build time once, never request time. A copy that would not be smaller is
 * not written (the server then sends the file as it is).
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin, ResolvedConfig } from 'vite'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|ico)$/
/** Below this, headers outweigh what compression saves. */
const MIN_BYTES = 1024

/** The compressed copies of `bytes`: brotli at quality 11, gzip at level 9. */
export function compressedCopies(bytes: Buffer): { br: Buffer; gz: Buffer } {
  return {
    br: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz: gzipSync(bytes, { level: 9 }),
  }
}

/** Compresses every compressible file under `dir`; returns how many copies it wrote. */
export async function precompressDir(dir: string): Promise<number> {
  let written = 0
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry)
    if (!COMPRESSIBLE.test(path) || !(await stat(path)).isFile()) continue
    const bytes = await readFile(path)
    if (bytes.length < MIN_BYTES) continue
    const copies = compressedCopies(bytes)
    for (const [suffix, copy] of Object.entries(copies)) {
      if (copy.length >= bytes.length) continue
      await writeFile(`${path}.${suffix}`, copy)
      written += 1
    }
  }
  return written
}

/** The Vite plugin: runs after every other plugin's closeBundle (the PWA's writes sw.js there). */
export function precompress(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'shuoshi:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const outDir = join(config.root, config.build.outDir)
        const written = await precompressDir(outDir)
        config.logger.info(`precompressed: ${written} .br/.gz copies in ${config.build.outDir}`)
      },
    },
  }
}
