/**
 * The device's sync transport, wired to the real server in-process through
 * `app.inject` instead of fetch, with optional fault injection. Errors come
 * back exactly as over HTTP: ApiError when the server answered with an error,
 * NetworkError when the "network" failed.
 */
import type { FastifyInstance } from 'fastify'
import {
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '#shared/sync/sync.protocol.ts'
import { ApiError, NetworkError } from '#app/api/http.ts'
import { decodePullPage, type LeanPullResponse } from '#shared/sync/wire.ts'
import { pullUrl, type SyncTransport } from '#app/sync/transport.ts'

/** What may go wrong with one request. */
export type Fault =
  /** Never reaches the server. */
  | 'drop-request'
  /** The server commits; the answer is lost. */
  | 'lose-response'
  /** Delivered twice; the device sees the second answer. */
  | 'duplicate'
  /** Held back, delivered later after newer requests (the device sees a failure now). */
  | 'delay'
  /** The server "crashes" part-way through a push: a prefix of the batch commits, the rest does not. */
  | 'crash-mid-batch'

export interface InjectTransportOptions {
  app: () => FastifyInstance
  cookie: () => string
  /** Decides a fault for each request (or none). */
  fault?: (kind: 'push' | 'pull' | 'blob') => Fault | null
  schemaVersion?: number
  /**
   * 'plain': pull as a device from before the lean page encoding did (no
   * `wire` asked, the answer used as it is).
   */
  wire?: 'lean' | 'plain'
  /** Seeded randomness for when held-back requests land (defaults to Math.random). */
  random?: () => number
}

interface Call {
  method: 'GET' | 'POST' | 'PUT'
  url: string
  payload?: string | Buffer
  contentType?: string
}

export function injectTransport(
  options: InjectTransportOptions,
): SyncTransport & { flushDelayed(): Promise<void> } {
  const delayed: Call[] = []

  async function send(call: Call) {
    const response = await options.app().inject({
      method: call.method,
      url: call.url,
      payload: call.payload,
      headers: {
        cookie: options.cookie(),
        [SCHEMA_HEADER]: String(options.schemaVersion ?? SYNC_SCHEMA_VERSION),
        ...(call.contentType ? { 'content-type': call.contentType } : {}),
      },
    })
    return response
  }

  async function request(
    kind: 'push' | 'pull' | 'blob',
    call: Call,
  ): Promise<{ body: unknown; raw: Buffer }> {
    // Late deliveries arrive before this request, out of order.
    if (delayed.length > 0 && (options.random ?? Math.random)() < 0.5) await flushDelayed()
    const fault = options.fault?.(kind) ?? null
    if (fault === 'drop-request') throw new NetworkError('injected: request dropped')
    if (fault === 'delay') {
      delayed.push(call)
      throw new NetworkError('injected: request delayed')
    }
    if (fault === 'crash-mid-batch' && kind === 'push' && typeof call.payload === 'string') {
      const parsed = JSON.parse(call.payload) as PushRequest
      const prefix = parsed.mutations.slice(0, Math.floor(parsed.mutations.length / 2))
      if (prefix.length > 0) await send({ ...call, payload: JSON.stringify({ mutations: prefix }) })
      throw new NetworkError('injected: server crashed mid-batch')
    }
    let response = await send(call)
    if (fault === 'duplicate') response = await send(call)
    if (fault === 'lose-response') throw new NetworkError('injected: response lost')
    if (response.statusCode >= 400) {
      const body = response.json<{
        code?: string
        message?: string
        fields?: Record<string, string>
      }>()
      throw new ApiError(
        response.statusCode,
        body.code ?? 'bad_request',
        body.message ?? '',
        body.fields,
      )
    }
    return {
      body: response.body
        ? response.headers['content-type']?.toString().startsWith('application/json')
          ? response.json()
          : undefined
        : undefined,
      raw: response.rawPayload,
    }
  }

  async function flushDelayed(): Promise<void> {
    for (const call of delayed.splice(0)) await send(call).catch(() => undefined)
  }

  return {
    async push(body) {
      const { body: answer } = await request('push', {
        method: 'POST',
        url: '/api/sync/push',
        payload: JSON.stringify(body),
        contentType: 'application/json',
      })
      return answer as PushResponse
    },
    async pull(cursor, limit) {
      if (options.wire === 'plain') {
        const query = new URLSearchParams({ limit: String(limit) })
        if (cursor) query.set('cursor', cursor)
        const { body } = await request('pull', {
          method: 'GET',
          url: `/api/sync/pull?${query.toString()}`,
        })
        return body as PullResponse
      }
      const { body } = await request('pull', { method: 'GET', url: pullUrl(cursor, limit) })
      return decodePullPage(body as PullResponse | LeanPullResponse)
    },
    async putBlob(sha256, blob) {
      await request('blob', {
        method: 'PUT',
        url: `/api/blobs/${sha256}`,
        payload: Buffer.from(await blob.arrayBuffer()),
        contentType: blob.type,
      })
    },
    async getBlob(sha256) {
      const { raw } = await request('blob', { method: 'GET', url: `/api/blobs/${sha256}` })
      return new Blob([new Uint8Array(raw)])
    },
    flushDelayed,
  }
}
