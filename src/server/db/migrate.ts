/**
 * Runs the migrations, listed explicitly (no folder scanning: the bundle and
 * tsx see the same list). Several processes starting at once on one
 * PostgreSQL are safe: Kysely's migrator takes a lock table.
 */
import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely'
import * as createOrgAndAccounts from './migrations/2026_11_25_0900_create_org_and_accounts.ts'
import * as createSync from './migrations/2026_11_25_1000_create_sync.ts'
import * as createBlobUpload from './migrations/2026_11_25_1100_create_blob_upload.ts'
import * as createDiscussableItem from './migrations/2026_11_25_1150_create_discussable_item.ts'
import * as createAssessmentBallot from './migrations/2026_11_25_1300_create_assessment_ballot.ts'
import * as createRateLimit from './migrations/2026_11_26_0900_create_rate_limit.ts'
import * as blobLinksAndQuota from './migrations/2026_11_27_0900_blob_links_and_quota.ts'
import * as meetingDaysReachGrids from './migrations/2026_11_27_1010_meeting_days_reach_grids.ts'
import * as createSupervision from './migrations/2026_11_27_1105_create_supervision.ts'
import * as createOpinionTracking from './migrations/2026_11_27_1140_create_opinion_tracking.ts'
import * as createSupervisionCount from './migrations/2026_11_27_1200_create_supervision_count.ts'
import * as createIssueTracking from './migrations/2026_11_27_1330_create_issue_tracking.ts'
// Ledgers (issue #19.1).
import * as ledgerOrderIndex from './migrations/2026_11_28_1020_ledger_order_index.ts'
import * as createImportAndApiTokens from './migrations/2026_11_28_1030_create_import_and_api_tokens.ts'
import * as createCountySetting from './migrations/2026_11_28_1050_create_county_setting.ts'
import * as createAdmin from './migrations/2026_11_28_1040_create_admin.ts'
// Stream handover (#21.3).
import * as mutationHandedOverFrom from './migrations/2026_11_29_1030_sync_mutation_handed_over_from.ts'

const MIGRATIONS: Record<string, Migration> = {
  '2026_11_25_0900_create_org_and_accounts': createOrgAndAccounts,
  '2026_11_25_1000_create_sync': createSync,
  '2026_11_25_1100_create_blob_upload': createBlobUpload,
  '2026_11_25_1150_create_discussable_item': createDiscussableItem,
  '2026_11_25_1300_create_assessment_ballot': createAssessmentBallot,
  '2026_11_26_0900_create_rate_limit': createRateLimit,
  '2026_11_27_0900_blob_links_and_quota': blobLinksAndQuota,
  '2026_11_27_1010_meeting_days_reach_grids': meetingDaysReachGrids,
  '2026_11_27_1105_create_supervision': createSupervision,
  '2026_11_27_1140_create_opinion_tracking': createOpinionTracking,
  '2026_11_27_1200_create_supervision_count': createSupervisionCount,
  '2026_11_27_1330_create_issue_tracking': createIssueTracking,
  '2026_11_28_1020_ledger_order_index': ledgerOrderIndex,
  '2026_11_28_1030_create_import_and_api_tokens': createImportAndApiTokens,
  // Stream settings (#20.4).
  '2026_11_28_1050_create_county_setting': createCountySetting,
  '2026_11_28_1040_create_admin': createAdmin,
  '2026_11_29_1030_sync_mutation_handed_over_from': mutationHandedOverFrom,
}

/** Names of every migration, oldest first. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort()

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) }

export async function migrateToLatest<T>(db: Kysely<T>): Promise<void> {
  check(await new Migrator({ db, provider }).migrateToLatest())
}

/** Brings the schema to exactly the migration `name` (up or down); restoring a backup needs it. */
export async function migrateTo<T>(db: Kysely<T>, name: string): Promise<void> {
  check(await new Migrator({ db, provider }).migrateTo(name))
}

function check({ error, results }: MigrationResultSet): void {
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}`, {
      cause: error,
    })
  }
}
