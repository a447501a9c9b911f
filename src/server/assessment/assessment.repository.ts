/**
 * Reads of assessment records straight from the sync tables (the server's
 * own view, before any viewer's projection): a campaign, its policy and its
 * forms, mapped to shared types in one place.
 */
import type { Kysely } from 'kysely'
import {
  CAMPAIGN_KIND,
  FORM_KIND,
  POST_EVALUATION_KIND,
} from '#shared/assessment/assessment.kind.ts'
import type { FormRow } from '#shared/assessment/assessment.results.ts'
import {
  campaignDataSchema,
  formDataSchema,
  type CampaignData,
} from '#shared/assessment/assessment.schema.ts'
import { POLICY_KIND } from '#shared/policy/policy.kind.ts'
import { policyDataSchema, type PolicyData } from '#shared/policy/policy.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import type { DialectName } from '../db/database.ts'
import { findRecord, recordKey } from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function findCampaign(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<CampaignData | null> {
  if (!UUID.test(id)) return null
  const row = await findRecord(db, dialect, recordKey(CAMPAIGN_KIND, id))
  return row ? campaignDataSchema.parse(JSON.parse(row.data)) : null
}

export async function findPolicy(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<PolicyData | null> {
  const row = await findRecord(db, dialect, recordKey(POLICY_KIND, id))
  return row ? policyDataSchema.parse(JSON.parse(row.data)) : null
}

export async function hasPostEvaluation(
  db: Db,
  dialect: DialectName,
  campaignId: string,
): Promise<boolean> {
  return (await findRecord(db, dialect, recordKey(POST_EVALUATION_KIND, campaignId))) !== undefined
}

/**
 * Every form of a campaign, withdrawn ones included. Records hold JSON text;
 * the campaign id is a UUID (no LIKE wildcards), and forms are narrowed by
 * kind first (index on kind). TODO(#7): a campaign column if campaigns grow
 * past tens of thousands of forms.
 */
export async function findCampaignForms(db: Db, campaignId: string): Promise<FormRow[]> {
  if (!UUID.test(campaignId)) return []
  const rows = await db
    .selectFrom('sync_record')
    .select(['id', 'data'])
    .where('kind', '=', FORM_KIND)
    .where('data', 'like', `%"campaignId":"${campaignId}"%`)
    .execute()
  return rows.map((row) => ({ id: row.id, data: formDataSchema.parse(JSON.parse(row.data)) }))
}
