/**
 * The assessment HTTP API's shapes (the public ballot route and the code
 * sheets); the device and the server both import them.
 */
import { z } from 'zod'
import { sheetCodesSchema } from '../ballot/ballot.api.ts'
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

/**
 * A printed sheet of codes, shown again to the person who issued it (ADR
 * 0007); a spent code is marked so it is not handed out twice.
 */
export const codeSheetSchema = z.object({
  batchId: z.string(),
  campaignId: z.string(),
  policyTitle: z.string(),
  issuedAt: z.string(),
  codes: sheetCodesSchema,
})
export type CodeSheet = z.infer<typeof codeSheetSchema>
