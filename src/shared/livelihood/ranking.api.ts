/**
 * The HTTP shapes of the residents' ranking (开单排序): what the public page
 * shows anyone with the link (the candidates' titles, never any counts while
 * it is open, never anything about a resident), the ballot it sends, and the
 * code sheet the cadre prints. The device and the server both import them.
 */
import { z } from 'zod'
import { sheetCodesSchema } from '../ballot/ballot.api.ts'
import { rankingBallotSchema } from './ranking.schema.ts'

/** The public view of a ranking. */
export const publicRankingSchema = z.object({
  id: z.string(),
  title: z.string(),
  villageName: z.string(),
  candidates: z.array(z.object({ itemId: z.string(), title: z.string() })),
  maxChoices: z.number(),
  isOpen: z.boolean(),
})
export type PublicRanking = z.infer<typeof publicRankingSchema>

/** A resident's ballot with the code from the station. */
export const rankingSubmissionSchema = rankingBallotSchema.extend({ code: z.string().max(20) })
export type RankingSubmission = z.input<typeof rankingSubmissionSchema>

/** A printed sheet of ranking codes, for the cadre who issued it. */
export const rankingSheetSchema = z.object({
  batchId: z.string(),
  rankingId: z.string(),
  title: z.string(),
  issuedAt: z.string(),
  codes: sheetCodesSchema,
})
export type RankingSheet = z.infer<typeof rankingSheetSchema>
