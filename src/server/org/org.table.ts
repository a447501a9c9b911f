import type { Generated } from 'kysely'

export interface OrgUnitTable {
  id: string
  parent_id: string | null
  tier: string
  name: string
  path: string
  created_at: string
  /** Set when the unit was retired: kept with its history, closed to new users and units. */
  retired_at: Generated<string | null>
}

export interface UserTable {
  id: string
  phone: string
  name: string
  password_hash: string
  role: string
  org_unit_id: string
  is_active: Generated<number>
  /** 1 while the password is a temporary one an admin issued: it must be changed first. */
  must_change_password: Generated<number>
  created_at: string
}
