/** Test data shared by the desk's unit tests: an outbox entry of a shared phone. */
import type { OutboxEntry } from '#app/db/app-db.ts'

/** Entry `seq` (an issue's creation) queued on the shared phone by `userId`. */
export function outboxEntry(
  seq: number,
  userId: string,
  status: OutboxEntry['status'],
): OutboxEntry {
  return {
    seq,
    id: `m${seq}`,
    kind: 'issue',
    recordId: `r${seq}`,
    recordKey: `issue:r${seq}`,
    op: 'create',
    payload: {},
    baseVersion: 0,
    deviceId: 'shared-phone',
    userId,
    createdAt: '2026-11-27T01:00:00.000Z',
    status,
  }
}
