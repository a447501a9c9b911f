/**
 * The first county of a real deployment: its 说事中心 unit and the first
 * admin, on an empty database (SEED_DEMO=false). Everything after that is
 * done by the admin through the API (docs/operations.md). Refuses to touch a
 * database that already has units, so it cannot be run twice by mistake.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { passwordSchema, phoneSchema } from '#shared/auth/auth.schema.ts'
import { ORG_ID_PATTERN, rootPath } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { hashPassword } from '../auth/password.ts'
import { countOrgUnits, insertOrgUnit, insertUser } from './org.repository.ts'

export const bootstrapSchema = z.object({
  countyId: z.string().regex(ORG_ID_PATTERN, 'COUNTY_ID: lower-case letters, digits and "-"'),
  countyName: z.string().trim().min(1, 'COUNTY_NAME is required').max(60),
  adminPhone: phoneSchema,
  adminName: z.string().trim().min(1, 'ADMIN_NAME is required').max(30),
  adminPassword: passwordSchema,
})
export type BootstrapInput = z.input<typeof bootstrapSchema>

export class BootstrapRefused extends Error {}

export async function bootstrapCounty(
  db: Kysely<DatabaseSchema>,
  input: BootstrapInput,
): Promise<{ countyId: string; adminId: string }> {
  const parsed = bootstrapSchema.safeParse(input)
  if (!parsed.success) {
    throw new BootstrapRefused(parsed.error.issues.map((issue) => issue.message).join('; '))
  }
  const { countyId, countyName, adminPhone, adminName, adminPassword } = parsed.data
  const passwordHash = await hashPassword(adminPassword)
  const now = new Date().toISOString()
  const adminId = randomUUID()
  await db.transaction().execute(async (trx) => {
    if ((await countOrgUnits(trx)) > 0) {
      throw new BootstrapRefused('the database already has org units: nothing was changed')
    }
    await insertOrgUnit(
      trx,
      { id: countyId, parentId: null, tier: 'county', name: countyName, path: rootPath(countyId) },
      now,
    )
    await insertUser(
      trx,
      {
        id: adminId,
        phone: adminPhone,
        name: adminName,
        role: 'admin',
        orgUnitId: countyId,
        passwordHash,
      },
      now,
    )
  })
  return { countyId, adminId }
}
