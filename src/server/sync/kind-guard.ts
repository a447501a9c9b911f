/**
 * Telling a record kind's faults from the database's. Kind code (apply, view,
 * audience, attachments, references, schema) is pure, so whatever it throws
 * that is not a `MutationRejection` is the kind's bug, and becomes the
 * refusal of the one mutation that triggered it.
 */
import { MutationRejection, type AnyRecordKind } from '#shared/sync/record-kind.ts'

/**
 * An exception thrown by a record kind's own code (apply, view, audience,
 * attachments, references, schema) rather than a `MutationRejection`: a bug
 * or an input the kind did not foresee. It is the mutation's fault, so it
 * becomes that mutation's refusal, recorded like any other so a re-send gets
 * the same answer. Errors from the database never get this wrapper: they
 * fail the request, and the device sends the batch again.
 */
export class KindFault extends Error {
  constructor(
    readonly part: string,
    override readonly cause: unknown,
  ) {
    super(`record kind threw in ${part}`)
  }
}

/** Runs a piece of kind code, marking anything but a refusal as a `KindFault`. */
export function kindCode<T>(part: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof MutationRejection || error instanceof KindFault) throw error
    throw new KindFault(part, error)
  }
}

/**
 * The kind with every part the server runs wrapped in `kindCode`. Kind code
 * is pure (no database), so whatever it throws is the kind's, never the
 * driver's; that is what tells the two failures apart.
 */
export function guarded(kind: AnyRecordKind): AnyRecordKind {
  return {
    kind: kind.kind,
    schema: kind.schema,
    apply: (current, mutation, actor) =>
      kindCode('apply', () => kind.apply(current, mutation, actor)),
    audience: (data) => kindCode('audience', () => kind.audience(data)),
    ...(kind.view && {
      view: (data, viewer) => kindCode('view', () => kind.view?.(data, viewer) ?? data),
    }),
    ...(kind.attachments && {
      attachments: (data) => kindCode('attachments', () => kind.attachments?.(data) ?? []),
    }),
    ...(kind.references && {
      references: (mutation, recordId) =>
        kindCode('references', () => kind.references?.(mutation, recordId) ?? []),
    }),
  }
}

/** The refusal of a mutation that made its kind throw. */
export function internalRefusal(): MutationRejection {
  return new MutationRejection(
    'internal_refusal',
    '服务器无法处理这条记录，问题已记录；请修改内容后重试，或联系管理员',
  )
}
