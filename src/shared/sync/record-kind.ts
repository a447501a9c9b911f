/**
 * A record kind (issue report, discussion day, assessment form…) plugs into
 * the sync engine by describing itself once, here, in pure code that the
 * device and the server share:
 * - `schema`: what a record of this kind holds (validated on both sides);
 * - `apply`: how a mutation changes a record — the device runs it for an
 *   instant, optimistic view, the server runs it again as the truth and its
 *   answer is final;
 * - `audience`: which org units may see a record (their subtrees);
 * - `view`: what one viewer may see of it (e.g. masked phone numbers).
 */
import type { z } from 'zod'
import type { Role } from '../auth/roles.ts'
import type { OrgTier } from '../org/org.schema.ts'

/** Who is making a change, and when (server time on the server, device time on the device). */
export interface Actor {
  userId: string
  userName: string
  role: Role
  orgUnitId: string
  /** The actor's scope: their unit's materialized path. */
  orgPath: string
  at: string
}

/** Who is looking at a record. */
export type Viewer = Omit<Actor, 'at' | 'userName'>

/**
 * A refusal with a stable code and a reason in Chinese. Thrown by `apply`;
 * the server turns it into a `rejected` result that the author sees.
 */
export class MutationRejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface MutationInput {
  op: string
  payload: Record<string, unknown>
  baseVersion: number
}

export interface RecordKind<TData extends Record<string, unknown>> {
  kind: string
  schema: z.ZodType<TData>
  /**
   * The next state after `mutation`, or a `MutationRejection`. `current` is
   * null when the record does not exist yet (only 'create' may apply then).
   * Must be pure and deterministic given (current, mutation, actor).
   */
  apply(current: TData | null, mutation: MutationInput, actor: Actor): TData
  /** Paths of the org units whose subtrees may see this record. The first is its home. */
  audience(data: TData): string[]
  /** The record as `viewer` may see it (defaults to all of it). */
  view?(data: TData, viewer: Viewer): TData
  /** Content hashes of attachments the record refers to. */
  attachments?(data: TData): string[]
  /**
   * What `mutation` names outside the record (a department to dispatch to,
   * another record to merge into). `apply` is pure and cannot look them up;
   * the server checks each before applying and refuses with the reference's
   * own code and Chinese reason when it is missing or out of the author's
   * sight. Devices skip the check (they may not know the target yet). May
   * throw a `MutationRejection` for a reference that can never be right
   * (e.g. a record merged into itself).
   */
  references?(mutation: MutationInput, recordId: string): readonly RecordReference[]
}

/** Something a mutation names that must exist for it to make sense. */
export type RecordReference = (
  { type: 'org_unit'; path: string; tier: OrgTier } | { type: 'record'; kind: string; id: string }
) & { code: string; message: string }

/**
 * Kinds are erased to this shape in registries, where one list holds kinds
 * of different data types.
 */
export type AnyRecordKind = RecordKind<Record<string, unknown>>

/** Registers kinds by name; both sides build one registry from the same list. */
export function kindRegistry(kinds: readonly AnyRecordKind[]): ReadonlyMap<string, AnyRecordKind> {
  return new Map(kinds.map((kind) => [kind.kind, kind]))
}
