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
import {
  findRecord,
  findRecordData,
  findRecordsNaming,
  recordKey,
} from '../sync/record.repository.ts'

type Db = Kysely<DatabaseSchema>

export function findCampaign(
  db: Db,
  dialect: DialectName,
  id: string,
): Promise<CampaignData | null> {
  return findRecordData(db, dialect, CAMPAIGN_KIND, id, campaignDataSchema)
}

export function findPolicy(db: Db, dialect: DialectName, id: string): Promise<PolicyData | null> {
  return findRecordData(db, dialect, POLICY_KIND, id, policyDataSchema)
}

export async function hasPostEvaluation(
  db: Db,
  dialect: DialectName,
  campaignId: string,
): Promise<boolean> {
  return (await findRecord(db, dialect, recordKey(POST_EVALUATION_KIND, campaignId))) !== undefined
}

/** Every form of a campaign, withdrawn ones included. */
export function findCampaignForms(db: Db, campaignId: string): Promise<FormRow[]> {
  return findRecordsNaming(db, FORM_KIND, 'campaignId', campaignId, formDataSchema)
}
