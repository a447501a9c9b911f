/** Every table the server knows, for Kysely's typing. Row types live with their domain. */
import type { LoginFailureTable, SessionTable } from '../auth/auth.table.ts'
import type { OrgUnitTable, UserTable } from '../org/org.table.ts'

export interface DatabaseSchema {
  org_unit: OrgUnitTable
  app_user: UserTable
  session: SessionTable
  login_failure: LoginFailureTable
}
