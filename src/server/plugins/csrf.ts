/**
 * Cross-site request forgery guard: one onRequest hook refuses every
 * state-changing request (POST, PUT, PATCH, DELETE — on any URL, routed or
 * not) that a browser says comes from another site, before authentication or
 * any route runs. SameSite=Lax cookies alone still let a sibling subdomain
 * (same site) post, and are only as good as the browser's defaults.
 *
 * The rules, in order (docs/architecture.md, "Browser defences"):
 * 1. An Origin listed in PUBLIC_ORIGIN passes.
 * 2. Sec-Fetch-Site, when sent, decides: `same-origin` or `none` (the user's
 *    own action) pass; `same-site` and `cross-site` are refused — a sibling
 *    host under the same domain is another application.
 * 3. Otherwise an Origin, when sent, must be the server's own origin (scheme
 *    and Host as the client sees them, X-Forwarded-* only under TRUST_PROXY).
 *    `Origin: null` (sandboxed frames, data: URLs) is refused.
 * 4. A request with neither header passes: browsers send at least one of them
 *    on every cross-origin POST/PUT/PATCH/DELETE, and the tools without them
 *    (curl, scripts, inject()) carry no victim's cookies.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpError } from './errors.ts'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function registerCsrfGuard(app: FastifyInstance, publicOrigins: readonly string[]): void {
  const allowed = new Set(publicOrigins)
  app.addHook('onRequest', (request, _reply, done) => {
    if (!STATE_CHANGING.has(request.method) || isSameOriginRequest(request, allowed)) {
      done()
      return
    }
    request.log.warn(
      {
        origin: request.headers.origin,
        secFetchSite: request.headers['sec-fetch-site'],
        url: request.url,
      },
      'cross-site request refused',
    )
    done(new HttpError(403, 'cross_site_request'))
  })
}

function isSameOriginRequest(request: FastifyRequest, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.origin
  const site = request.headers['sec-fetch-site']
  const normalized = origin === undefined ? undefined : normalizeOrigin(origin)
  if (normalized && allowed.has(normalized)) return true
  if (site !== undefined) return site === 'same-origin' || site === 'none'
  if (origin === undefined) return true
  return normalized !== null && normalized === ownOrigin(request)
}

/** scheme://host[:non-default port], lowercased; null for "null" and anything unparsable. */
function normalizeOrigin(value: string): string | null {
  if (!URL.canParse(value)) return null
  const { origin } = new URL(value)
  // Opaque origins (data:, file:, "null" itself) serialize as "null".
  return origin === 'null' ? null : origin
}

/** The origin the client addressed: Fastify's protocol and host honour TRUST_PROXY. */
function ownOrigin(request: FastifyRequest): string | null {
  return normalizeOrigin(`${request.protocol}://${request.host}`)
}
