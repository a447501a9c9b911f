/**
 * Every check a mutation passes before it is written, apart from the write
 * itself: the text guard, the kind's transition, its references, its
 * schema, scope (an existing record must be in the author's sight, a new
 * one born in it) and the audience and attachment rules. Both write paths
 * use it: one mutation at a time (push.ts) and a batch of new records
 * (push-batch.ts), so a record is held to the same rules whichever way it
 * arrives.
 */
import { ERROR_MESSAGES } from '#shared/api/api-error.ts'
import { findUnsafeString } from '#shared/common/text.schema.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'
import { MutationRejection, type AnyRecordKind } from '#shared/sync/record-kind.ts'
import { assertAttachmentsAllowed } from '../blob/blob.repository.ts'
import { actorOf, canSeeRecord } from '../plugins/scope.ts'
import { guarded, kindCode } from './kind-guard.ts'
import { parseData } from './projection.ts'
import type { PushContext } from './push.ts'
import { assertAudienceJustified, checkReferences, type Vouched } from './references.ts'
import type { RecordRow } from './record.repository.ts'

/** A mutation's refusal, thrown out of its unit of work and recorded afterwards. */
export class Refused extends Error {
  constructor(readonly rejection: MutationRejection) {
    super(rejection.message)
  }
}

/** A checked mutation: the record's new row and what `saveRecord` needs with it. */
export interface CheckedWrite {
  kind: AnyRecordKind
  row: RecordRow
  isNew: boolean
  audience: string[]
  previousAudience: readonly string[]
  attachments: string[]
  /** How many references the kind declared (and the server checked) for it. */
  references: number
}

/**
 * Checks `m` against the stored record `row` (null: a new one) and its
 * audience; returns the write, or throws `Refused` (or the kind's fault).
 */
export async function checkMutation(
  ctx: PushContext,
  m: Mutation,
  key: string,
  now: Date,
  row: RecordRow | undefined,
  previousAudience: readonly string[],
): Promise<CheckedWrite> {
  // The text guard left payloads to us (text-guard.ts): refuse this one alone.
  if (findUnsafeString(m.payload) !== null) {
    throw new Refused(new MutationRejection('invalid_text', ERROR_MESSAGES.invalid_text))
  }
  const registered: AnyRecordKind | undefined = ctx.kinds.get(m.kind)
  if (!registered) throw new Refused(new MutationRejection('unknown_kind', '不支持的记录类型'))
  const kind = guarded(registered)
  // Scope, in the one place that decides it: an existing record must be
  // visible to the author; a new one must be born inside their subtree.
  if (row && !canSeeRecord(ctx.auth, previousAudience)) throw new Refused(outOfScope())
  const current = row ? parseData(row) : null
  const actor = actorOf(ctx.auth, now)
  let next: Record<string, unknown>
  let vouched: Vouched
  try {
    next = kind.apply(current, m, actor)
    // After apply, so that a transition the author may not take at all is
    // refused for that reason first.
    vouched = await checkReferences(ctx.db, ctx.dialect, ctx.auth, kind, m, {
      recordId: m.recordId,
      current,
      next,
      actor,
    })
  } catch (error) {
    if (error instanceof MutationRejection) throw new Refused(error)
    throw error
  }
  const valid = kindCode('schema', () => kind.schema.safeParse(next))
  if (!valid.success) {
    const issue = valid.error.issues[0]
    throw new Refused(
      new MutationRejection('invalid_record', `记录内容有误：${issue?.message ?? ''}`),
    )
  }
  const audience = kind.audience(valid.data)
  const home = audience[0]
  // A new record is born in the author's subtree — or, when a record the
  // server loaded vouches for its home, it stays in the author's sight by
  // another path (a deputy's report lives in the visited village's grid and
  // reaches the deputy's own unit; docs/oversight-deputies.md).
  const isBornVisible = home
    ? canSeeRecord(ctx.auth, [home]) ||
      (vouched.byRecords.has(home) && canSeeRecord(ctx.auth, audience))
    : false
  if (
    !home ||
    !(row ? canSeeRecord(ctx.auth, [...previousAudience, ...audience]) : isBornVisible)
  ) {
    throw new Refused(outOfScope())
  }
  const attachments = kind.attachments?.(valid.data) ?? []
  try {
    // One rule for every kind: who may see the record, and which photos it may carry.
    assertAudienceJustified(ctx.auth, audience, previousAudience, vouched.all)
    const previousAttachments = current ? (kind.attachments?.(current) ?? []) : []
    await assertAttachmentsAllowed(
      ctx.db,
      ctx.auth,
      attachments.filter((hash) => !previousAttachments.includes(hash)),
    )
  } catch (error) {
    if (error instanceof MutationRejection) throw new Refused(error)
    throw error
  }
  return {
    kind,
    row: {
      key,
      kind: m.kind,
      id: m.recordId,
      version: (row?.version ?? 0) + 1,
      org_path: home,
      data: kindCode('schema', () => JSON.stringify(valid.data)),
      created_at: row?.created_at ?? now.toISOString(),
      updated_at: now.toISOString(),
    },
    isNew: !row,
    audience,
    previousAudience,
    attachments,
    references: vouched.checked,
  }
}

function outOfScope() {
  return new MutationRejection('out_of_scope', '无权修改该单位的记录')
}
