/**
 * The disclosure (村务公开) as a sync record kind. A village cadre publishes
 * for the village, township staff for the township: the publishing unit is
 * always the author's own (never typed), and only that unit's staff change
 * the record afterwards. A draft may be published offline; the record turns
 * public when the push is applied on the server (the public wall reads the
 * server's state only). Withdrawal needs a reason; every step is in the
 * ledger.
 */
import { z } from 'zod'
import { can } from '../auth/permissions.ts'
import {
  MutationRejection,
  parsePayload,
  recordReference,
  type Actor,
  type KindApply,
  type KindReferences,
  type RecordKind,
} from '../sync/record-kind.ts'
import {
  COUNTY_CATEGORY_PREFIX,
  DISCLOSURE_CATEGORY_KIND,
  DISCLOSURE_KIND,
  disclosureCategoryDataSchema,
  disclosureDataSchema,
  disclosureInputSchema,
  disclosureWithdrawSchema,
  type DisclosureData,
} from './disclosure.schema.ts'

/** Cheap shape check of a stored disclosure, for the app's live lists. */
export function isDisclosureData(data: Record<string, unknown>): data is DisclosureData {
  return (
    typeof data.title === 'string' && typeof data.unit === 'string' && Array.isArray(data.ledger)
  )
}

/** The county category's name the device read when the cadre chose it (checked by the server). */
const createExtraSchema = z.object({ categoryName: z.string().max(20).nullable().default(null) })
const emptySchema = z.object({})

function requirePublisher(actor: Actor): void {
  if (!can(actor.role, 'disclosure.publish')) {
    throw new MutationRejection('forbidden_role', '只有村（社区）干部和乡镇工作人员可以发布公开')
  }
}

function contentOf(payload: Record<string, unknown>) {
  const input = parsePayload(disclosureInputSchema, payload)
  const { categoryName } = parsePayload(createExtraSchema, payload)
  const isCounty = input.category.startsWith(COUNTY_CATEGORY_PREFIX)
  if (isCounty && !categoryName) {
    throw new MutationRejection('invalid_payload', '请选择公开类别')
  }
  return { ...input, categoryName: isCounty ? categoryName : null }
}

function entry(
  actor: Actor,
  action: DisclosureData['ledger'][number]['action'],
  reason = null as string | null,
) {
  return { action, at: actor.at, byName: actor.userName, reason }
}

/** Pure: the next state of a disclosure, or a MutationRejection. */
export const applyDisclosure: KindApply<DisclosureData> = (current, mutation, actor) => {
  const { op, payload } = mutation
  requirePublisher(actor)
  if (op === 'create') {
    if (current) throw new MutationRejection('already_exists', '该公开已保存，请勿重复提交')
    return {
      ...contentOf(payload),
      unit: actor.orgPath,
      status: 'draft',
      publishedAt: null,
      ledger: [entry(actor, 'create')],
      updatedAt: actor.at,
    }
  }
  if (!current) throw new MutationRejection('not_found', '该公开不存在或尚未同步')
  if (current.unit !== actor.orgPath) {
    throw new MutationRejection('out_of_scope', '只能管理本单位发布的公开')
  }
  const next = (
    status: DisclosureData['status'],
    action: Parameters<typeof entry>[1],
    reason?: string,
  ) => ({
    ...current,
    status,
    ledger: [...current.ledger, entry(actor, action, reason ?? null)],
    updatedAt: actor.at,
  })
  switch (op) {
    case 'edit':
      if (current.status !== 'draft') {
        throw new MutationRejection('not_draft', '已发布的公开不能修改，请撤回后重新发布')
      }
      return { ...next('draft', 'edit'), ...contentOf(payload) }
    case 'publish':
      parsePayload(emptySchema, payload)
      if (current.status !== 'draft') {
        throw new MutationRejection('not_draft', '只有草稿可以发布')
      }
      return { ...next('published', 'publish'), publishedAt: actor.at }
    case 'withdraw': {
      const { reason } = parsePayload(disclosureWithdrawSchema, payload)
      if (current.status !== 'published') {
        throw new MutationRejection('not_published', '只有已发布的公开可以撤回')
      }
      return next('withdrawn', 'withdraw', reason)
    }
    case 'archive':
      parsePayload(emptySchema, payload)
      if (current.status !== 'published') {
        throw new MutationRejection('not_published', '只有已发布的公开可以归档')
      }
      return next('archived', 'archive')
    default:
      throw new MutationRejection('unknown_op', '不支持的操作')
  }
}

/**
 * A county category must exist in the author's sight, be in use, and carry
 * the name the device showed (so the wall shows the county's own word).
 */
const disclosureReferences: KindReferences<DisclosureData> = (mutation, { next }) => {
  if (mutation.op !== 'create' && mutation.op !== 'edit') return []
  if (!next.category.startsWith(COUNTY_CATEGORY_PREFIX)) return []
  const refusal = { code: 'unknown_category', message: '所选公开类别不存在或已停用' }
  return [
    recordReference(
      DISCLOSURE_CATEGORY_KIND,
      disclosureCategoryDataSchema,
      next.category.slice(COUNTY_CATEGORY_PREFIX.length),
      refusal,
      (category) => {
        if (!category.isActive || category.name !== next.categoryName) {
          throw new MutationRejection(refusal.code, refusal.message)
        }
        return []
      },
    ),
  ]
}

/** The disclosure kind: seen by the publishing unit's subtree and everyone above it. */
export const disclosureKind: RecordKind<DisclosureData> = {
  kind: DISCLOSURE_KIND,
  schema: disclosureDataSchema,
  apply: applyDisclosure,
  audience: (data) => [data.unit],
  attachments: (data) => data.photos,
  references: disclosureReferences,
}
