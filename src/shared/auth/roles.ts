/**
 * Roles of the platform. A user has exactly one role and belongs to exactly one
 * org unit; the role says what they may do, the unit says where.
 */
// Kept free of zod: the first screen imports this (see src/app/api/http.ts).
import type { OrgTier } from '../org/org.schema.ts'

export const ROLES = [
  'grid_worker',
  'village_cadre',
  'mediator',
  'township_staff',
  'county_staff',
  'department_staff',
  'admin',
  'deputy',
] as const
export type Role = (typeof ROLES)[number]

/** The tiers at which a role may be placed. Mediators serve at three levels of the pool. */
export const ROLE_TIERS: Readonly<Record<Role, readonly OrgTier[]>> = {
  grid_worker: ['grid'],
  village_cadre: ['village'],
  mediator: ['county', 'township', 'village'],
  township_staff: ['township'],
  county_staff: ['county'],
  department_staff: ['department'],
  admin: ['county'],
  /** 两代表一委员: each at their own unit, whose scope is what names it (see shared/deputy). */
  deputy: ['deputy'],
}

/** True when a user of `role` may belong to a unit of `tier`. */
export function roleFitsTier(role: Role, tier: OrgTier): boolean {
  return ROLE_TIERS[role].includes(tier)
}
