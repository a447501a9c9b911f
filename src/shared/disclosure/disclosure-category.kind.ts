/**
 * A county's own disclosure category (beyond seed 004's list), with the
 * period after which supervision flags a unit that has not published in it.
 * County staff add, change, retire and reinstate them; every unit of the
 * county holds them (the form lists them offline).
 */
import { z } from 'zod'
import { can } from '../auth/permissions.ts'
import { downwardAudience, pathIds } from '../org/org-path.ts'
import {
  MutationRejection,
  parsePayload,
  type KindApply,
  type RecordKind,
} from '../sync/record-kind.ts'
import {
  DISCLOSURE_CATEGORY_KIND,
  disclosureCategoryDataSchema,
  disclosureCategoryInputSchema,
  type DisclosureCategoryData,
} from './disclosure.schema.ts'

/** Cheap shape check of a stored county category. */
export function isDisclosureCategoryData(
  data: Record<string, unknown>,
): data is DisclosureCategoryData {
  return typeof data.name === 'string' && typeof data.periodMonths === 'number'
}

const emptySchema = z.object({})

const applyCategory: KindApply<DisclosureCategoryData> = (current, mutation, actor) => {
  if (!can(actor.role, 'disclosure.configure')) {
    throw new MutationRejection('forbidden_role', '只有县说事中心可以设置公开类别')
  }
  const { op, payload } = mutation
  if (op === 'create') {
    if (current) throw new MutationRejection('already_exists', '该类别已建立')
    const input = parsePayload(disclosureCategoryInputSchema, payload)
    const county = `/${pathIds(actor.orgPath)[0] ?? ''}/`
    return { ...input, county, isActive: true, updatedAt: actor.at }
  }
  if (!current) throw new MutationRejection('not_found', '该类别不存在或尚未同步')
  switch (op) {
    case 'update':
      return {
        ...current,
        ...parsePayload(disclosureCategoryInputSchema, payload),
        updatedAt: actor.at,
      }
    case 'retire':
    case 'reinstate':
      parsePayload(emptySchema, payload)
      return { ...current, isActive: op === 'reinstate', updatedAt: actor.at }
    default:
      throw new MutationRejection('unknown_op', '不支持的操作')
  }
}

/** The county category kind: the whole county, downward. */
export const disclosureCategoryKind: RecordKind<DisclosureCategoryData> = {
  kind: DISCLOSURE_CATEGORY_KIND,
  schema: disclosureCategoryDataSchema,
  apply: applyCategory,
  audience: (data) => [downwardAudience(data.county)],
}
