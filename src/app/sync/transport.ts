/**
 * How the sync engine reaches the server. The app uses HTTP; tests plug in
 * a transport that calls the real server in-process and injects faults.
 */
import {
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '#shared/sync/sync.protocol.ts'
import { decodePullPage, LEAN_WIRE, type LeanPullResponse } from '#shared/sync/wire.ts'
import { apiRequest } from '#app/api/http.ts'

export interface SyncTransport {
  push(body: PushRequest): Promise<PushResponse>
  pull(cursor: string | null, limit: number): Promise<PullResponse>
  putBlob(sha256: string, blob: Blob): Promise<void>
  getBlob(sha256: string): Promise<Blob>
}

/**
 * The pull address: this device asks for the lean page encoding (docs/sync.md,
 * "Wire format"); `decodePullPage` reads whichever the server answered.
 */
export function pullUrl(cursor: string | null, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit), wire: String(LEAN_WIRE) })
  if (cursor) query.set('cursor', cursor)
  return `/api/sync/pull?${query.toString()}`
}

export const httpTransport: SyncTransport = {
  push: (body) =>
    apiRequest<PushResponse>('/api/sync/push', {
      method: 'POST',
      body,
      headers: { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
    }),
  pull: async (cursor, limit) =>
    decodePullPage(
      await apiRequest<PullResponse | LeanPullResponse>(pullUrl(cursor, limit), {
        headers: { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
      }),
    ),
  putBlob: async (sha256, blob) => {
    await apiRequest(`/api/blobs/${sha256}`, { method: 'PUT', rawBody: blob, timeoutMs: 120_000 })
  },
  getBlob: (sha256) =>
    apiRequest<Blob>(`/api/blobs/${sha256}`, { asBlob: true, timeoutMs: 120_000 }),
}
