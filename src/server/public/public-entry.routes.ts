/**
 * Public short URLs (/w/… and the other prefixes in
 * src/shared/public/public-entry.ts) get public.html, the public pages' own
 * small bundle, instead of the PWA's index.html: a resident scanning a QR
 * code loads neither Vant nor the sync engine. Like index.html it is
 * re-checked on every visit (no-cache); its hashed assets are immutable.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { PUBLIC_ENTRY_PREFIXES } from '#shared/public/public-entry.ts'

export const PUBLIC_ENTRY_FILE = 'public.html'

/** Registers the public prefixes when the build has a public.html (tests without a build skip it). */
export function publicEntryRoutes(app: FastifyInstance, staticDir: string): void {
  if (!existsSync(join(staticDir, PUBLIC_ENTRY_FILE))) return
  for (const prefix of PUBLIC_ENTRY_PREFIXES) {
    app.get(`${prefix}*`, (_request, reply) =>
      reply.header('Cache-Control', 'no-cache').sendFile(PUBLIC_ENTRY_FILE),
    )
  }
}
