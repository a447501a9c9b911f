/**
 * Org units: the county's tree of places. County → township → village → grid,
 * with county departments hanging under the county. Every unit carries a
 * materialized path ("/<county>/<township>/<village>/") so that "is X inside
 * Y's subtree" is a prefix test, in SQL and in TypeScript alike.
 */
import { z } from 'zod'
import { text } from '../common/text.schema.ts'

/**
 * The tiers of the platform, top to bottom, plus county departments and the
 * deputies' own units (one per deputy: its subtree is itself, so a deputy sees
 * what names their unit, not the villages they visit).
 */
export const ORG_TIERS = ['county', 'township', 'village', 'grid', 'department', 'deputy'] as const
export type OrgTier = (typeof ORG_TIERS)[number]
export const orgTierSchema = z.enum(ORG_TIERS)

/** Which tier may sit directly under which: the shape of the tree. */
export const CHILD_TIERS: Readonly<Record<OrgTier, readonly OrgTier[]>> = {
  county: ['township', 'department', 'deputy'],
  township: ['village'],
  village: ['grid'],
  grid: [],
  department: [],
  deputy: [],
}

/** An org unit as the API and the device see it. */
export const orgUnitSchema = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  tier: z.enum(ORG_TIERS),
  name: z.string().min(1),
  path: z.string().min(3),
})
export type OrgUnit = z.infer<typeof orgUnitSchema>

/**
 * A unit's name, for showing any unit a record mentions — also one the
 * viewer may not open. Names are public (the county's directory of places);
 * users, children and paths stay behind the scope check.
 */
export const orgUnitNameSchema = orgUnitSchema.pick({ id: true, tier: true, name: true })
/** A unit's name and tier. */
export type OrgUnitName = z.infer<typeof orgUnitNameSchema>

/** Admin input to create a unit under an existing parent. */
export const createOrgUnitSchema = z.object({
  parentId: z.string().min(1, '请选择上级单位'),
  tier: z.enum(ORG_TIERS, { error: '单位层级不正确' }),
  name: text({ max: 60, missing: '请填写单位名称', tooLong: '单位名称不超过60字' }),
})
export type CreateOrgUnitInput = z.infer<typeof createOrgUnitSchema>

/** True when a unit of tier `child` may be placed under a unit of tier `parent`. */
export function canNest(parent: OrgTier, child: OrgTier): boolean {
  return CHILD_TIERS[parent].includes(child)
}
