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
export const codeSheetSchema = z.object({ batchId: z.string(), codes: z.array(z.string()) })
export type CodeSheet = z.infer<typeof codeSheetSchema>
export const codeCountsSchema = z.object({ issued: z.number(), used: z.number() })
export type CodeCounts = z.infer<typeof codeCountsSchema>
