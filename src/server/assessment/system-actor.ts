/**
 * The server acting on its own — storing a villager's self-service form, or
 * opening a post-evaluation — goes through the same write path as a device
 * (`applyBatch`), as a system user placed at the county's root. Its ids are
 * not user ids (see assessment.kind.ts), so only these code paths hold them.
 */
import type { Kysely } from 'kysely'
import { pathIds } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { findOrgUnit } from '../org/org.repository.ts'
import type { AuthContext } from '../plugins/auth.ts'

/** The system user `userId` at the root of the county that `somePath` lies in, or null. */
export async function systemAuth(
  db: Kysely<DatabaseSchema>,
  userId: string,
  name: string,
  somePath: string,
): Promise<AuthContext | null> {
  const county = await findOrgUnit(db, pathIds(somePath)[0] ?? '')
  if (!county) return null
  return {
    user: { id: userId, phone: '', name, role: 'county_staff', orgUnitId: county.id },
    orgUnit: county,
  }
}
