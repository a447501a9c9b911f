/**
 * The rest of the 双公开 wall (issue #17.1): what a station's residents may
 * read besides its disclosures — the policies concerning the station with
 * their interpretation sessions and plain Q&A, the resolutions of its
 * signed-off discussion days, the conclusions of post-evaluations its
 * villages took part in, and the consultations open to its residents. An
 * allow-list like `publicDisclosureOf`: each public shape copies only
 * these fields, so a field added to a record later stays private. Never a
 * person's name (not the interpreter, not who recorded or planned),
 * never a private topic, never minutes or views (free text that may name
 * residents): a resolution is its topic's title and outcome; a
 * post-evaluation is its decision and reasons, never who concluded it, the
 * trigger figures or the forms.
 */
import { z } from 'zod'
import {
  POST_EVALUATION_DECISIONS,
  type PostEvaluationData,
} from '../assessment/assessment.schema.ts'
import { chinaDate } from '../calendar/working-days.ts'
import type { ConsultationData } from '../consultation/consultation.schema.ts'
import { TOPIC_OUTCOMES, type MeetingData } from '../meeting/meeting.schema.ts'
import { isWithin } from '../org/org-path.ts'
import type { PolicyData } from '../policy/policy.schema.ts'

/** Most policies, discussion days and consultations one wall lists, newest first. */
export const WALL_AFFAIRS_LIMIT = 20

export const publicPolicySchema = z.object({
  id: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  issueDate: z.string(),
  summary: z.string(),
  /** Interpretation sessions (解读宣讲): when, where, how many came. */
  sessions: z.array(
    z.object({
      heldOn: z.string(),
      place: z.string(),
      attendance: z.number(),
      /** The session's plain Q&A (简明问答). */
      qa: z.array(z.object({ question: z.string(), answer: z.string() })),
    }),
  ),
})
export type PublicPolicy = z.infer<typeof publicPolicySchema>

export const publicResolutionDaySchema = z.object({
  id: z.string(),
  date: z.string(),
  /** The day's public topics and what was decided (决议) and done (结果: resolved). */
  topics: z.array(z.object({ title: z.string(), outcome: z.enum(TOPIC_OUTCOMES) })),
})
export type PublicResolutionDay = z.infer<typeof publicResolutionDaySchema>

export const publicConclusionSchema = z.object({
  id: z.string(),
  policyTitle: z.string(),
  documentNumber: z.string(),
  /** 继续实施 / 调整修改 / 终止执行. */
  decision: z.enum(POST_EVALUATION_DECISIONS),
  reasons: z.string(),
  concludedOn: z.string(),
})
export type PublicConclusion = z.infer<typeof publicConclusionSchema>

export const publicOpenConsultationSchema = z.object({
  id: z.string(),
  title: z.string(),
  closesOn: z.string(),
})
export type PublicOpenConsultation = z.infer<typeof publicOpenConsultationSchema>

export const publicAffairsSchema = z.object({
  policies: z.array(publicPolicySchema),
  resolutions: z.array(publicResolutionDaySchema),
  conclusions: z.array(publicConclusionSchema),
  consultations: z.array(publicOpenConsultationSchema),
})
export type PublicAffairs = z.infer<typeof publicAffairsSchema>

/** True when a record concerning `concerns` concerns station `station` (itself or a unit above it). */
const concernsStation = (concerns: readonly string[], station: string) =>
  concerns.some((path) => isWithin(station, path))

/** The public face of a policy concerning `station`, or null. */
export function publicPolicyOf(id: string, data: PolicyData, station: string): PublicPolicy | null {
  if (!concernsStation(data.concerns, station)) return null
  return {
    id,
    title: data.title,
    documentNumber: data.documentNumber,
    issueDate: data.issueDate,
    summary: data.summary,
    sessions: data.interpretations.map(({ heldOn, place, attendance, qa }) => ({
      heldOn,
      place,
      attendance,
      qa: qa.map(({ question, answer }) => ({ question, answer })),
    })),
  }
}

/** The resolutions of a signed-off discussion day held at or below `station`, or null. */
export function publicResolutionDayOf(
  id: string,
  data: MeetingData,
  station: string,
): PublicResolutionDay | null {
  if (data.status !== 'signed_off' || !isWithin(data.orgPath, station)) return null
  const topics = data.topics.flatMap((topic) =>
    !topic.isPrivate && topic.outcome ? [{ title: topic.title, outcome: topic.outcome }] : [],
  )
  return topics.length > 0 ? { id, date: data.date, topics } : null
}

/**
 * The conclusion of a post-evaluation (后评估结论) whose villages include
 * `station` or lie under it, once concluded; else null.
 */
export function publicConclusionOf(
  id: string,
  data: PostEvaluationData,
  station: string,
): PublicConclusion | null {
  const { conclusion } = data
  if (data.status !== 'concluded' || !conclusion) return null
  if (!data.villages.some((village) => isWithin(village, station))) return null
  return {
    id,
    policyTitle: data.policyTitle,
    documentNumber: data.documentNumber,
    decision: conclusion.decision,
    reasons: conclusion.reasons,
    concludedOn: chinaDate(conclusion.at),
  }
}

/** A consultation open to `station`'s residents now, or null. */
export function publicOpenConsultationOf(
  id: string,
  data: ConsultationData,
  station: string,
): PublicOpenConsultation | null {
  if (data.status !== 'open' || !concernsStation(data.concerns, station)) return null
  return { id, title: data.title, closesOn: data.closesOn }
}
