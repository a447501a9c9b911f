/**
 * Checks what a mutation names outside its record (see `RecordKind.references`):
 * an org unit must exist with the expected tier, a record must exist and be
 * visible to the author (the one scope rule, plugins/scope.ts). Runs inside
 * the mutation's transaction, before `apply`.
 */
import type { Kysely } from 'kysely'
import {
  MutationRejection,
  type AnyRecordKind,
  type MutationInput,
  type RecordReference,
} from '#shared/sync/record-kind.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { canSeeRecord } from '../plugins/scope.ts'
import { findAudience, recordKey } from './record.repository.ts'

export async function checkReferences(
  db: Kysely<DatabaseSchema>,
  auth: AuthContext,
  kind: AnyRecordKind,
  mutation: MutationInput,
  recordId: string,
): Promise<void> {
  for (const reference of kind.references?.(mutation, recordId) ?? []) {
    if (!(await exists(db, auth, reference))) {
      throw new MutationRejection(reference.code, reference.message)
    }
  }
}

async function exists(
  db: Kysely<DatabaseSchema>,
  auth: AuthContext,
  reference: RecordReference,
): Promise<boolean> {
  if (reference.type === 'org_unit') {
    const unit = await db
      .selectFrom('org_unit')
      .select('id')
      .where('path', '=', reference.path)
      .where('tier', '=', reference.tier)
      .executeTakeFirst()
    return unit !== undefined
  }
  const audience = await findAudience(db, recordKey(reference.kind, reference.id))
  return audience.length > 0 && canSeeRecord(auth, audience)
}
