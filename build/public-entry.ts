/**
 * The public pages' second entry (public.html, src/app/public/). In the dev
 * server a public URL (/w/…) is answered with public.html, as the Fastify
 * server does in production (src/server/public/public-entry.routes.ts);
 * Vite's own fallback would send index.html, the signed-in app.
 */
import type { Plugin } from 'vite'
import { isPublicEntryPath } from '../src/shared/public/public-entry.ts'

export const PUBLIC_ENTRY_HTML = 'public.html'

export function publicEntry(): Plugin {
  return {
    name: 'shuoshi-public-entry',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? ''
        if (request.method === 'GET' && isPublicEntryPath(path))
          request.url = `/${PUBLIC_ENTRY_HTML}`
        next()
      })
    },
  }
}
