/**
 * The adoption report (征求意见采纳情况说明) as the server answers it
 * (GET /api/consultations/:id/report): the consultation's facts, the
 * summary, and every opinion without the person (the report goes with the
 * draft to collective review, where no name or phone belongs).
 */
import { z } from 'zod'
import { consultationDataSchema } from './consultation.schema.ts'
import { OPINION_CHANNELS, VERDICTS, opinionDataSchema } from './opinion.schema.ts'

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.record(z.enum(keys), z.number().int())

/** The summary's wire form (consultation.summary.ts). */
export const opinionSummarySchema = z.object({
  total: z.number().int(),
  answered: z.number().int(),
  unanswered: z.number().int(),
  distinct: z.number().int(),
  byChannel: countsOf(OPINION_CHANNELS),
  byVillage: z.array(z.object({ villagePath: z.string(), count: z.number().int() })),
  byTheme: z.array(z.object({ theme: z.string(), count: z.number().int() })),
  byVerdict: countsOf(VERDICTS),
  adoptionRate: z.number().nullable(),
})

/** One opinion as the report lists it. */
export const reportOpinionSchema = opinionDataSchema
  .pick({
    channel: true,
    heardOn: true,
    text: true,
    villagePath: true,
    themes: true,
    group: true,
    answer: true,
  })
  .extend({ id: z.string() })
/** An opinion in the report. */
export type ReportOpinion = z.infer<typeof reportOpinionSchema>

/** The adoption report. */
export const adoptionReportSchema = z.object({
  id: z.string(),
  consultation: consultationDataSchema,
  departmentName: z.string(),
  /** Names of the villages (and of the department) the opinions name, by path. */
  unitNames: z.record(z.string(), z.string()),
  summary: opinionSummarySchema,
  opinions: z.array(reportOpinionSchema),
})
/** The adoption report. */
export type AdoptionReport = z.infer<typeof adoptionReportSchema>
