/**
 * The assessment HTTP API's shapes (the public ballot route and the code
 * sheets); the device and the server both import them.
 */
import { z } from 'zod'
import { formAnswersSchema } from './assessment.schema.ts'

/** What the public route tells anyone with the campaign's link: nothing about forms. */
export const publicCampaignSchema = z.object({
  id: z.string(),
  policyTitle: z.string(),
  documentNumber: z.string(),
  summary: z.string(),
  issuingDepartmentName: z.string(),
  villages: z.array(z.object({ path: z.string(), name: z.string() })),
  opensOn: z.string(),
  closesOn: z.string(),
  isOpen: z.boolean(),
})
export type PublicCampaign = z.infer<typeof publicCampaignSchema>

/** A villager's self-service form with the code from the station. */
export const ballotSubmissionSchema = z.object({
  code: z.string().max(20),
  answers: formAnswersSchema,
})
export type BallotSubmission = z.input<typeof ballotSubmissionSchema>

/** At most this many codes per printed sheet. */
export const MAX_CODES_PER_BATCH = 500

export const codeSheetRequestSchema = z.object({
  count: z.number().int().min(1, '至少1个').max(MAX_CODES_PER_BATCH, '每次最多500个'),
})
/**
 * A printed sheet of codes, shown again to the person who issued it (ADR
 * 0007); a spent code is marked so it is not handed out twice.
 */
export const codeSheetSchema = z.object({
  batchId: z.string(),
  campaignId: z.string(),
  policyTitle: z.string(),
  issuedAt: z.string(),
  codes: z.array(z.object({ code: z.string(), isUsed: z.boolean() })),
})
export type CodeSheet = z.infer<typeof codeSheetSchema>
/** One of the sheets a person issued for a campaign, without its codes. */
export const sheetSummarySchema = z.object({
  batchId: z.string(),
  issuedAt: z.string(),
  count: z.number(),
  used: z.number(),
})
export type SheetSummary = z.infer<typeof sheetSummarySchema>
export const sheetListSchema = z.object({ sheets: z.array(sheetSummarySchema) })
export type SheetList = z.infer<typeof sheetListSchema>
export const codeCountsSchema = z.object({ issued: z.number(), used: z.number() })
export type CodeCounts = z.infer<typeof codeCountsSchema>
