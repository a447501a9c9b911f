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
import { can, type Permission } from '../auth/permissions.ts'
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

/**
 * The `create` every kind shares: a record is created once. A second create
 * of the same id (two devices, or a resend after the record changed) is
 * refused as `already_exists` in the kind's own words (`duplicate`); else
 * the record is what `create` makes.
 */
export function createOnce<T>(current: T | null, duplicate: string, create: () => T): T {
  if (current) throw new MutationRejection('already_exists', duplicate)
  return create()
}

/** `payload` parsed by `schema`, or an `invalid_payload` refusal naming the first problem in Chinese. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload)
  if (parsed.success) return parsed.data
  throw new MutationRejection(
    'invalid_payload',
    parsed.error.issues[0]?.message ?? '填写的内容有误',
  )
}

/** The fields an update sets: a field left `undefined` keeps its current value. */
export function definedFields<T extends Record<string, unknown>>(
  changes: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}

/** `definedFields`, refusing an update that sets nothing as `invalid_payload`. */
export function requireChanges<T extends Record<string, unknown>>(
  changes: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const defined = definedFields(changes)
  if (Object.keys(defined).length === 0) {
    throw new MutationRejection('invalid_payload', '没有要修改的内容')
  }
  return defined
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
   * What the mutation names or acts through outside the record: a department
   * to dispatch to, another record to merge into, the campaign a form belongs
   * to, the discussion day a mediator acts through. `apply` is pure and cannot
   * look them up; the server loads and checks each after `apply` (with the
   * new state at hand) and refuses with the reference's own code and Chinese
   * reason when it is missing, out of the author's sight, or contradicts the
   * new state. Devices skip the check (they may not know the target yet).
   * May throw a `MutationRejection` for a reference that can never be right
   * (e.g. a record merged into itself).
   *
   * References are also how a record may reach beyond its author: the server
   * accepts an audience path of the new state only when it lies in the
   * author's own scope, was in the audience already, is an org unit named
   * here as an addressee, or is vouched for by a record loaded here (the
   * audience rule, docs/sync.md). A kind that declares nothing is confined to
   * its author's scope.
   */
  references?(mutation: MutationInput, context: ReferenceContext<TData>): readonly RecordReference[]
}

/**
 * A kind's `apply` written on its own: typed by this one contract, so a kind
 * declares `const applyX: KindApply<XData> = (current, mutation, actor) => …`.
 */
export type KindApply<TData extends Record<string, unknown>> = RecordKind<TData>['apply']

/**
 * A kind's `references` written on its own: typed by this one contract, so a
 * kind declares `const xReferences: KindReferences<XData> = (mutation, { next }) => …`
 * instead of repeating the parameter and return types.
 */
export type KindReferences<TData extends Record<string, unknown>> = NonNullable<
  RecordKind<TData>['references']
>

/** What `references` may look at: the record's id, its state before and after, and its author. */
export interface ReferenceContext<TData> {
  recordId: string
  current: TData | null
  next: TData
  actor: Actor
}

/** A refusal code and its Chinese reason, used when a reference does not hold. */
interface ReferenceRefusal {
  code: string
  message: string
}

/**
 * An org unit the mutation names: it must exist with one of `tier`. With
 * `isAddressee`, the kind's rules let this author send the record to the
 * unit (a township dispatching to a department, a department publishing a
 * policy to the townships it concerns), so the unit's path — and its
 * downward mark — may join the audience.
 */
export interface OrgUnitReference extends ReferenceRefusal {
  type: 'org_unit'
  path: string
  tier: OrgTier | readonly OrgTier[]
  isAddressee?: boolean
}

/**
 * A record the mutation names or acts through: it must exist and be visible
 * to the author. `vouch` then sees its stored data (parsed with its kind's
 * schema by `recordReference`), may refuse with a `MutationRejection` when
 * the new state contradicts it (a form of another department than its
 * campaign's, a mediator not invited to the day), and returns the audience
 * paths of the new state the loaded record accounts for.
 */
export interface RecordTargetReference extends ReferenceRefusal {
  type: 'record'
  kind: string
  id: string
  vouch?(target: unknown): readonly string[]
}

/**
 * A value the new state must not share with any other record of `kind`,
 * visible to the author or not (a policy's 文号 in the county): the server
 * refuses the mutation with the reference's code when `clashes` holds for a
 * stored record. Meant for small kinds: the server reads every record of
 * the kind, and checks of one kind run one at a time (on PostgreSQL under a
 * lock held until the push commits), so parallel pushes cannot both pass. The reason must not describe the other record, which the author
 * may not be allowed to see.
 */
export interface DistinctReference extends ReferenceRefusal {
  type: 'distinct'
  kind: string
  /** The record itself, which is not compared with itself. */
  id: string
  clashes(other: unknown): boolean
}

/** Something a mutation names that must exist (or, for `distinct`, must not) for it to make sense. */
export type RecordReference = OrgUnitReference | RecordTargetReference | DistinctReference

/**
 * A reference to a record of kind `kind` whose data `schema` describes:
 * `vouch` receives it parsed (a record that no longer parses is refused
 * with the reference's own code, like a missing one).
 */
export function recordReference<T>(
  kind: string,
  schema: z.ZodType<T>,
  id: string,
  refusal: ReferenceRefusal,
  vouch?: (target: T) => readonly string[],
): RecordTargetReference {
  return {
    type: 'record',
    kind,
    id,
    ...refusal,
    ...(vouch
      ? {
          vouch(target: unknown) {
            const parsed = schema.safeParse(target)
            if (!parsed.success) throw new MutationRejection(refusal.code, refusal.message)
            return vouch(parsed.data)
          },
        }
      : {}),
  }
}

/**
 * Kinds are erased to this shape in registries, where one list holds kinds
 * of different data types.
 */
export type AnyRecordKind = RecordKind<Record<string, unknown>>

/** Registers kinds by name; both sides build one registry from the same list. */
export function kindRegistry(kinds: readonly AnyRecordKind[]): ReadonlyMap<string, AnyRecordKind> {
  return new Map(kinds.map((kind) => [kind.kind, kind]))
}

/** What `shapeCheck` asks of a stored record: the fields of each `typeof`, the arrays, the fields merely there. */
export interface RecordShape {
  string?: readonly string[]
  number?: readonly string[]
  object?: readonly string[]
  array?: readonly string[]
  present?: readonly string[]
}

/**
 * A cheap shape check of a stored record of one kind (made by the kind's
 * `apply` or validated by the server), for the app's live lists and desks,
 * where a zod parse of thousands of records would be too slow: every named
 * field has its shape. It tells kinds apart; it is not a validation of input.
 */
export function shapeCheck<T extends Record<string, unknown>>(
  shape: RecordShape,
): (data: Record<string, unknown>) => data is T {
  const { string = [], number = [], object = [], array = [], present = [] } = shape
  return (data): data is T =>
    string.every((key) => typeof data[key] === 'string') &&
    number.every((key) => typeof data[key] === 'number') &&
    object.every((key) => typeof data[key] === 'object') &&
    array.every((key) => Array.isArray(data[key])) &&
    present.every((key) => key in data)
}

/** Refuses a change (`forbidden_role`, saying who may make it) by a role without `permission`. */
export function requireRole(
  actor: Pick<Actor, 'role'>,
  permission: Permission,
  message: string,
): void {
  if (!can(actor.role, permission)) throw new MutationRejection('forbidden_role', message)
}
