/**
 * The server's half of `RecordKind.references`, and the audience rule it
 * makes possible (docs/sync.md, "Who may see a record"): every path that
 * decides who sees a record is inside its author's own scope, was there
 * before, is a unit the kind lets the author address, or is vouched for by a
 * record the server loaded here. Both run inside the mutation's transaction,
 * after `apply`, for every kind alike.
 */
import { sql, type Kysely } from 'kysely'
import { isWithin } from '#shared/org/org-path.ts'
import {
  MutationRejection,
  type AnyRecordKind,
  type DistinctReference,
  type MutationInput,
  type OrgUnitReference,
  type ReferenceContext,
  type RecordTargetReference,
} from '#shared/sync/record-kind.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import type { AuthContext } from '../plugins/auth.ts'
import { canSeeRecord, scopePathOf } from '../plugins/scope.ts'
import { findAudience, findRecord, recordKey } from './record.repository.ts'

type Db = Kysely<DatabaseSchema>

/** The audience paths a mutation's references account for. */
export interface Vouched {
  /** Addressed units and what loaded records vouch for. */
  all: Set<string>
  /** Only what loaded records vouch for: the one ground for a new record's home outside the author's subtree. */
  byRecords: Set<string>
  /** How many references were checked (a batch of new records takes none: push-batch.ts). */
  checked: number
}

/**
 * Checks every reference the kind declares for this mutation; returns the
 * audience paths they account for. Throws the reference's
 * `MutationRejection` when one fails.
 */
export async function checkReferences(
  db: Db,
  dialect: DialectName,
  auth: AuthContext,
  kind: AnyRecordKind,
  mutation: MutationInput,
  context: ReferenceContext<Record<string, unknown>>,
): Promise<Vouched> {
  const vouched = new Set<string>()
  const byRecords = new Set<string>()
  const references = kind.references?.(mutation, context) ?? []
  for (const reference of references) {
    if (reference.type === 'org_unit') {
      if (!(await unitExists(db, reference))) {
        throw new MutationRejection(reference.code, reference.message)
      }
      if (reference.isAddressee) vouched.add(reference.path)
      continue
    }
    if (reference.type === 'distinct') {
      if (await hasClash(db, dialect, reference)) {
        throw new MutationRejection(reference.code, reference.message)
      }
      continue
    }
    for (const path of await loadAndVouch(db, dialect, auth, reference)) {
      vouched.add(path)
      byRecords.add(path)
    }
  }
  return { all: vouched, byRecords, checked: references.length }
}

async function unitExists(db: Db, reference: OrgUnitReference): Promise<boolean> {
  const tiers: readonly string[] =
    typeof reference.tier === 'string' ? [reference.tier] : reference.tier
  const unit = await db
    .selectFrom('org_unit')
    .select('tier')
    .where('path', '=', reference.path)
    .executeTakeFirst()
  return unit !== undefined && tiers.includes(unit.tier)
}

/**
 * Whether another record of the kind clashes with the new state. Runs in the
 * mutation's transaction. On SQLite (one writer) two clashing mutations
 * cannot both pass. On PostgreSQL, transactions run side by side, so a
 * transaction-scoped advisory lock per kind queues the checks: the lock is
 * held until the push commits, and the next check, a new statement at READ
 * COMMITTED, sees what it stored (eight parallel pushes of one 文号 let six
 * through without it).
 */
async function hasClash(
  db: Db,
  dialect: DialectName,
  reference: DistinctReference,
): Promise<boolean> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`distinct:${reference.kind}`}))`.execute(db)
  }
  const rows = await db
    .selectFrom('sync_record')
    .select('data')
    .where('kind', '=', reference.kind)
    .where('id', '!=', reference.id)
    .execute()
  return rows.some((row) => reference.clashes(JSON.parse(row.data)))
}

/** Loads the target (visible to the author, or refused alike when missing) and asks it to vouch. */
async function loadAndVouch(
  db: Db,
  dialect: DialectName,
  auth: AuthContext,
  reference: RecordTargetReference,
): Promise<readonly string[]> {
  const refused = new MutationRejection(reference.code, reference.message)
  const key = recordKey(reference.kind, reference.id)
  const audience = await findAudience(db, key)
  if (audience.length === 0 || !canSeeRecord(auth, audience)) throw refused
  if (!reference.vouch) return []
  // Locked (PostgreSQL) so that what it vouches for holds until this commits:
  // an opinion relying on its consultation being open cannot slip in beside
  // the consultation's own submission for review, which holds the row lock
  // while it checks every opinion answered.
  const row = await findRecord(db, dialect, key, { lock: 'share' })
  if (!row) throw refused
  return reference.vouch(JSON.parse(row.data))
}

/** A downward mark `${path}*` stands for `path`'s subtree; its base is `path`. */
function baseOf(entry: string): string {
  return entry.endsWith('*') ? entry.slice(0, -1) : entry
}

/**
 * The audience rule: refuses (out_of_scope) a new state whose audience has a
 * path the author may not hand it to. Paths already in the audience stay
 * (they were justified when added); a downward mark counts as its base path.
 */
export function assertAudienceJustified(
  auth: AuthContext,
  audience: readonly string[],
  previousAudience: readonly string[],
  vouched: ReadonlySet<string>,
): void {
  const scope = scopePathOf(auth)
  for (const entry of audience) {
    const base = baseOf(entry)
    const isJustified =
      previousAudience.includes(entry) ||
      isWithin(base, scope) ||
      vouched.has(entry) ||
      vouched.has(base)
    if (!isJustified) {
      throw new MutationRejection('out_of_scope', '不能把记录发给本单位管辖范围以外的单位')
    }
  }
}
