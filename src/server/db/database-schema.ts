/** Every table the server knows, for Kysely's typing. Row types live with their domain. */
import type { AuditLogTable, GridHandoverTable } from '../admin/admin.table.ts'
import type { BallotCodeTable } from '../assessment/assessment.table.ts'
import type { SessionTable } from '../auth/auth.table.ts'
import type { OpinionTrackingTable } from '../consultation/public.table.ts'
import type { ApiTokenTable, ImportSourceTable, ImportTicketTable } from '../import/import.table.ts'
import type { IssueTrackingTable } from '../issue/report-tracking.table.ts'
import type { DiscussableItemTable } from '../discussable/discussable.table.ts'
import type { OrgUnitTable, UserTable } from '../org/org.table.ts'
import type {
  SupervisionCountTable,
  SupervisionFactTable,
  SupervisionStandardTable,
} from '../supervision/supervision.table.ts'
import type { CountySettingTable } from '../settings/settings.table.ts'
import type { RateLimitTable } from '../rate-limit/rate-limit.table.ts'
import type {
  BlobTable,
  BlobUploadQuotaTable,
  BlobUploadTable,
  ChangeAudienceTable,
  ChangeLogTable,
  RecordAudienceTable,
  RecordBlobTable,
  SyncMetaTable,
  SyncMutationTable,
  SyncRecordTable,
} from '../sync/sync.table.ts'

export interface DatabaseSchema {
  org_unit: OrgUnitTable
  app_user: UserTable
  session: SessionTable
  rate_limit: RateLimitTable
  sync_meta: SyncMetaTable
  sync_record: SyncRecordTable
  record_audience: RecordAudienceTable
  change_log: ChangeLogTable
  change_audience: ChangeAudienceTable
  sync_mutation: SyncMutationTable
  blob: BlobTable
  record_blob: RecordBlobTable
  blob_upload: BlobUploadTable
  blob_upload_quota: BlobUploadQuotaTable
  discussable_item: DiscussableItemTable
  ballot_code: BallotCodeTable
  supervision_fact: SupervisionFactTable
  supervision_count: SupervisionCountTable
  supervision_standard: SupervisionStandardTable
  opinion_tracking: OpinionTrackingTable
  issue_tracking: IssueTrackingTable
  import_source: ImportSourceTable
  import_ticket: ImportTicketTable
  api_token: ApiTokenTable
  county_setting: CountySettingTable
  audit_log: AuditLogTable
  grid_handover: GridHandoverTable
}
