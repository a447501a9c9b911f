/** SQL of the open API's tokens: stored as SHA-256 hashes, revoked by a timestamp. */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { uuidv7 } from 'uuidv7'
import { TOKEN_ROLES, type ApiToken, type ApiTokenInput } from '#shared/import/open-api.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { ApiTokenTable } from '../import/import.table.ts'

type Db = Kysely<DatabaseSchema>

/** Tokens start with this, so a leaked one is easy to recognise (and to scan for). */
const TOKEN_PREFIX = 'shs_'

/** A token's stored hash. Tokens are 256 random bits: a fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function toToken(row: ApiTokenTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    unitId: row.unit_id,
    role: TOKEN_ROLES.find((r) => r === row.role) ?? 'grid_worker',
    sourceId: row.source_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }
}

/** Issues a token; returns it with its secret, which is stored only hashed. */
export async function createToken(
  db: Db,
  input: ApiTokenInput,
  createdBy: string,
  now: Date,
): Promise<ApiToken & { token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const row: ApiTokenTable = {
    id: uuidv7(),
    name: input.name,
    token_hash: hashToken(token),
    unit_id: input.unitId,
    role: input.role,
    source_id: input.sourceId,
    created_by: createdBy,
    created_at: now.toISOString(),
    revoked_at: null,
  }
  await db.insertInto('api_token').values(row).execute()
  return { ...toToken(row), token }
}

/** Every token of the units in `unitIds`, newest first. */
export async function listTokens(db: Db, unitIds: readonly string[]): Promise<ApiToken[]> {
  if (unitIds.length === 0) return []
  const rows = await db
    .selectFrom('api_token')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map(toToken)
}

/** One token by id. */
export async function findToken(db: Db, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toToken(row)
}

/** The live token a secret names, or undefined (unknown or revoked). */
export async function findLiveToken(db: Db, token: string): Promise<ApiToken | undefined> {
  const row = await db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row && toToken(row)
}

/** Revokes a token (once; a second revocation keeps the first time). */
export async function revokeToken(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
}
