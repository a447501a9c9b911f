/**
 * 'memo': a small but real record kind for testing the sync engine apart from
 * the product's kinds. It has the features the engine must honour: a create
 * that is scope-checked by the kind, field-level updates, a state transition
 * that can be refused, an assignment that widens the audience (a department
 * sees it), a move that takes a record out of one scope and into another, a
 * field masked by viewer, and attachments.
 */
import { uuidv7 } from 'uuidv7'
import { z } from 'zod'
import { kindRegistry, MutationRejection, type RecordKind } from '#shared/sync/record-kind.ts'
import type { Mutation } from '#shared/sync/sync.protocol.ts'

export const memoSchema = z.object({
  text: z.string().min(1).max(200),
  orgPath: z.string(),
  ownerId: z.string(),
  assignedPath: z.string().nullable(),
  secret: z.string(),
  done: z.boolean(),
  photos: z.array(z.string()),
})
export type MemoData = z.infer<typeof memoSchema>

/** What `view` shows instead of the secret to those who may not read it. */
export const MASKED = '***'

const createPayload = z.object({
  text: z.string(),
  orgPath: z.string(),
  secret: z.string().default(''),
  photos: z.array(z.string()).default([]),
})
const updatePayload = z.object({
  text: z.string().optional(),
  secret: z.string().optional(),
  photos: z.array(z.string()).optional(),
})
const pathPayload = z.object({ path: z.string().nullable() })

function parsePayload<T>(schema: z.ZodType<T>, payload: Record<string, unknown>): T {
  const parsed = schema.safeParse(payload)
  if (!parsed.success) throw new MutationRejection('invalid_payload', '提交的内容格式有误')
  return parsed.data
}

function existing(current: MemoData | null): MemoData {
  if (!current) throw new MutationRejection('not_found', '记录不存在')
  return current
}

export const memoKind: RecordKind<MemoData> = {
  kind: 'memo',
  schema: memoSchema,
  apply(current, { op, payload }, actor) {
    switch (op) {
      case 'create': {
        if (current) throw new MutationRejection('already_exists', '该记录已存在')
        const input = parsePayload(createPayload, payload)
        if (!input.orgPath.startsWith(actor.orgPath)) {
          throw new MutationRejection('out_of_scope', '不能在本单位以外新建记录')
        }
        return {
          text: input.text,
          orgPath: input.orgPath,
          ownerId: actor.userId,
          assignedPath: null,
          secret: input.secret,
          done: false,
          photos: input.photos,
        }
      }
      case 'update': {
        const memo = existing(current)
        if (memo.done) throw new MutationRejection('invalid_transition', '已完成的记录不能修改')
        const input = parsePayload(updatePayload, payload)
        return {
          ...memo,
          text: input.text ?? memo.text,
          secret: input.secret ?? memo.secret,
          photos: input.photos ?? memo.photos,
        }
      }
      case 'finish': {
        const memo = existing(current)
        if (memo.done)
          throw new MutationRejection('invalid_transition', '该记录已经完成，不能重复完成')
        return { ...memo, done: true }
      }
      case 'assign':
        return { ...existing(current), assignedPath: parsePayload(pathPayload, payload).path }
      case 'move': {
        const path = parsePayload(pathPayload, payload).path
        if (path === null) throw new MutationRejection('invalid_payload', '必须指定新的单位')
        return { ...existing(current), orgPath: path }
      }
      default:
        throw new MutationRejection('unknown_op', `不支持的操作：${op}`)
    }
  },
  audience(memo) {
    return memo.assignedPath ? [memo.orgPath, memo.assignedPath] : [memo.orgPath]
  },
  view(memo, viewer) {
    const mayReadSecret =
      memo.orgPath.startsWith(viewer.orgPath) &&
      (viewer.role === 'grid_worker' || viewer.role === 'village_cadre')
    return mayReadSecret ? memo : { ...memo, secret: MASKED }
  },
  attachments(memo) {
    return memo.photos
  },
  // Assigning sends the memo to a department: an addressee the server checks (docs/sync.md).
  references({ op, payload }) {
    if (op !== 'assign' || typeof payload.path !== 'string') return []
    return [
      {
        type: 'org_unit',
        path: payload.path,
        tier: 'department',
        isAddressee: true,
        code: 'unknown_department',
        message: '所选部门不存在',
      },
    ]
  },
}

/** The registry a test server syncs: memos only. */
export const MEMO_KINDS = kindRegistry([memoKind])

export type MemoOp = 'create' | 'update' | 'finish' | 'assign' | 'move'

export interface MutationOptions {
  /** The mutation's id; a fresh UUIDv7 by default. */
  id?: string
  baseVersion?: number
  deviceId?: string
  /** Another kind than 'memo' (e.g. one the server does not know). */
  kind?: string
}

let nextSeq = 1

/** A new record id, made on the device as a real client makes it. */
export function newRecordId(): string {
  return uuidv7()
}

/** One mutation of a memo, as a device would put it in its outbox. */
export function memoMutation(
  recordId: string,
  op: MemoOp | (string & {}),
  payload: Record<string, unknown> = {},
  options: MutationOptions = {},
): Mutation {
  return {
    id: options.id ?? uuidv7(),
    kind: options.kind ?? 'memo',
    recordId,
    op,
    payload,
    baseVersion: options.baseVersion ?? 0,
    seq: nextSeq++,
    deviceId: options.deviceId ?? 'test-device',
    createdAt: new Date().toISOString(),
  }
}

/** A 'create' of a new memo at `orgPath`. */
export function createMemo(
  orgPath: string,
  fields: { text?: string; secret?: string; photos?: string[] } = {},
  options: MutationOptions = {},
): Mutation {
  return memoMutation(
    newRecordId(),
    'create',
    {
      text: fields.text ?? '门口路灯坏了',
      orgPath,
      secret: fields.secret ?? '13800000000',
      photos: fields.photos ?? [],
    },
    options,
  )
}

/** One mutation of any kind, as the kinds' own tests write it. */
export function kindMutation(
  kind: string,
  recordId: string,
  op: string,
  payload: Record<string, unknown>,
  baseVersion = 0,
): Mutation {
  return memoMutation(recordId, op, payload, { kind, baseVersion })
}
