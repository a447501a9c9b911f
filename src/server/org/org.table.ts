import type { Generated } from 'kysely'

export interface OrgUnitTable {
  id: string
  parent_id: string | null
  tier: string
  name: string
  path: string
  created_at: string
}

export interface UserTable {
  id: string
  phone: string
  name: string
  password_hash: string
  role: string
  org_unit_id: string
  is_active: Generated<number>
  created_at: string
}
