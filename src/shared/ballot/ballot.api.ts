/**
 * The shapes of one-time ballot code sheets, shared by every ballot that
 * residents cast with a code from the station: the assessment forms
 * (评议表) and the livelihood list rankings (开单). A sheet belongs to one
 * ballot box (a campaign, a ranking); the box's own API adds its title.
 */
import { z } from 'zod'

/** At most this many codes per printed sheet. */
export const MAX_CODES_PER_BATCH = 500

/** How many codes a cadre asks for. */
export const codeSheetRequestSchema = z.object({
  count: z.number().int().min(1, '至少1个').max(MAX_CODES_PER_BATCH, '每次最多500个'),
})

/** The codes of a sheet in clear, each with whether it was spent (so it is not handed out twice). */
export const sheetCodesSchema = z.array(z.object({ code: z.string(), isUsed: z.boolean() }))
export type SheetCodes = z.infer<typeof sheetCodesSchema>

/** One of the sheets a person issued for a ballot box, without its codes. */
export const sheetSummarySchema = z.object({
  batchId: z.string(),
  issuedAt: z.string(),
  count: z.number(),
  used: z.number(),
})
export type SheetSummary = z.infer<typeof sheetSummarySchema>
export const sheetListSchema = z.object({ sheets: z.array(sheetSummarySchema) })
export type SheetList = z.infer<typeof sheetListSchema>

/** Codes printed and spent for a ballot box (the station and the county compare the two). */
export const codeCountsSchema = z.object({ issued: z.number(), used: z.number() })
export type CodeCounts = z.infer<typeof codeCountsSchema>
