/**
 * The sync protocol between a device and the county server: the shapes of
 * mutations, push and pull. docs/sync.md explains the rules; this file is the
 * contract both sides compile against.
 */
import { z } from 'zod'

/**
 * Bumped when mutation payloads or record shapes change incompatibly. The
 * server accepts [MIN_SUPPORTED_SCHEMA, SYNC_SCHEMA_VERSION]; an older client
 * is told to update and keeps its outbox untouched.
 */
export const SYNC_SCHEMA_VERSION = 1
export const MIN_SUPPORTED_SCHEMA = 1
/** Header that carries the client's schema version on every sync request. */
export const SCHEMA_HEADER = 'x-shuoshi-schema'

/** Push batches are bounded in count and bytes (the client splits; the server refuses more). */
export const MAX_PUSH_MUTATIONS = 100
export const MAX_PUSH_BYTES = 512 * 1024
/** Pull pages: the client asks for up to this many changes per page. */
export const DEFAULT_PULL_LIMIT = 500
export const MAX_PULL_LIMIT = 2000

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '不是有效的编号')

/** A record kind's name: 'issue', 'meeting', 'assessment', … */
export const recordKindSchema = z.string().regex(/^[a-z][a-z_]{1,30}$/)

/**
 * One change made on a device. `id` (UUIDv7) makes it idempotent; `recordId`
 * is made on the device too. `baseVersion` is the server version the author
 * saw (0 for a record created on the device).
 */
export const mutationSchema = z.object({
  id: uuid,
  kind: recordKindSchema,
  recordId: uuid,
  /** 'create', 'update', or a kind's own operation such as a transition. */
  op: z.string().regex(/^[a-z][a-z_]{1,40}$/),
  payload: z.record(z.string(), z.unknown()),
  baseVersion: z.number().int().min(0),
  /** Per-device order of the outbox (diagnostics; the device pushes in this order). */
  seq: z.number().int().min(0),
  /** Made by the device (a UUID); printable ASCII only, as it is stored and logged as it is. */
  deviceId: z.string().regex(/^[\x21-\x7e]{1,64}$/, '设备编号不正确'),
  /** When the author saved it, device clock (ISO). The server keeps its own time too. */
  createdAt: z.string().datetime(),
  /**
   * The user who first saved this change, when a colleague of the same unit
   * sends it from a hand-over file (docs/field.md "Hand-over file"). The
   * sender stays the actor; the server checks the two share a unit and
   * keeps this beside the sender, so the author's own phone, when it comes
   * back, is answered "duplicate".
   */
  handedOverFrom: z.string().min(1).max(64).optional(),
})
export type Mutation = z.infer<typeof mutationSchema>

export const pushRequestSchema = z.object({
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
  /**
   * The server epoch the device last synced with. When the server's differs
   * (its database was restored), it applies nothing and answers
   * `{ epoch, results: [] }`, so the device first re-offers what it had sent
   * since (docs/sync.md, "After a restore"). Devices that omit it are served
   * as before.
   */
  epoch: z.string().max(100).optional(),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

/** A record as the server holds it, projected for one viewer. */
export const syncRecordSchema = z.object({
  kind: recordKindSchema,
  id: z.string(),
  version: z.number().int(),
  orgPath: z.string(),
  data: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
})
export type SyncRecord = z.infer<typeof syncRecordSchema>

export const mutationResultSchema = z.discriminatedUnion('status', [
  /**
   * Applied now; `record` is the new server state as this user may see it, or
   * null when the change took the record out of their sight.
   */
  z.object({ id: z.string(), status: z.literal('applied'), record: syncRecordSchema.nullable() }),
  /** Seen before: the stored outcome of the first delivery. */
  z.object({
    id: z.string(),
    status: z.literal('duplicate'),
    original: z.enum(['applied', 'rejected']),
    code: z.string().optional(),
    message: z.string().optional(),
    record: syncRecordSchema.nullable(),
  }),
  /** Refused for good: a person must retry, edit or discard it. `record` is the server's version. */
  z.object({
    id: z.string(),
    status: z.literal('rejected'),
    code: z.string(),
    message: z.string(),
    record: syncRecordSchema.nullable(),
  }),
])
export type MutationResult = z.infer<typeof mutationResultSchema>

export const pushResponseSchema = z.object({
  epoch: z.string(),
  results: z.array(mutationResultSchema),
})
export type PushResponse = z.infer<typeof pushResponseSchema>

export const changeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), record: syncRecordSchema }),
  /** The record left this user's scope (or was removed): drop it from the device. */
  z.object({ op: z.literal('del'), kind: recordKindSchema, id: z.string() }),
])
export type Change = z.infer<typeof changeSchema>

export const pullResponseSchema = z.object({
  epoch: z.string(),
  /** Opaque; send it back to get the next page. Never passes an uncommitted change. */
  cursor: z.string(),
  hasMore: z.boolean(),
  /** The server asks the device to drop every synced record (scope or epoch changed) and start over. */
  reset: z.boolean(),
  changes: z.array(changeSchema),
  /** Rough progress of a first sync: records sent so far / records in scope. */
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>
