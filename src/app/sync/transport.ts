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
import { apiRequest } from '#app/api/http.ts'

export interface SyncTransport {
  push(body: PushRequest): Promise<PushResponse>
  pull(cursor: string | null, limit: number): Promise<PullResponse>
  putBlob(sha256: string, blob: Blob): Promise<void>
  getBlob(sha256: string): Promise<Blob>
}

export const httpTransport: SyncTransport = {
  push: (body) =>
    apiRequest<PushResponse>('/api/sync/push', {
      method: 'POST',
      body,
      headers: { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
    }),
  pull: (cursor, limit) => {
    const query = new URLSearchParams({ limit: String(limit) })
    if (cursor) query.set('cursor', cursor)
    return apiRequest<PullResponse>(`/api/sync/pull?${query.toString()}`, {
      headers: { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
    })
  },
  putBlob: async (sha256, blob) => {
    await apiRequest(`/api/blobs/${sha256}`, { method: 'PUT', rawBody: blob, timeoutMs: 120_000 })
  },
  getBlob: (sha256) =>
    apiRequest<Blob>(`/api/blobs/${sha256}`, { asBlob: true, timeoutMs: 120_000 }),
}
