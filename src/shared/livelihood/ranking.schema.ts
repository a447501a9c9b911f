/**
 * Residents choose (群众"开单", issue #16.2): a village puts candidate
 * livelihood items to its residents, at a fixed discussion day (the minutes
 * record the count for each candidate) or on a public page with one-time
 * codes from the station. Either way a resident names up to `maxChoices`
 * candidates that matter most to them (approval voting: one mark per chosen
 * item, easy to count by a show of hands and easy on an elder's phone), and
 * the ranking is the candidates ordered by marks (ranking.ts).
 */
import { z } from 'zod'
import { instantSchema, orgPathSchema } from '../common/fields.schema.ts'
import { text } from '../common/text.schema.ts'

/** At most this many candidates in one ranking (a show of hands over more is not counted well). */
export const MAX_CANDIDATES = 12
/** At most this many marks per resident. */
export const MAX_CHOICES = 5

/** The two ways residents choose: a fixed discussion day, or the public page with a code. */
export const RANKING_CHANNELS = ['meeting', 'ballot'] as const
export type RankingChannel = (typeof RANKING_CHANNELS)[number]

const itemIdSchema = z.string().min(1).max(64)
const countSchema = z.number().int().min(0).max(100_000)

/** One candidate item and the marks residents gave it so far. */
export const candidateSchema = z.object({
  itemId: itemIdSchema,
  /** The item's title when the ranking was opened (the list of a day's minutes stays as it was). */
  title: text({ max: 60, missing: '请填写事项名称' }),
  votes: countSchema,
})
export type Candidate = z.infer<typeof candidateSchema>

/** What a cadre fills to put candidates to residents. */
export const rankingCreateSchema = z
  .object({
    /** Home: the village whose residents choose. */
    orgPath: orgPathSchema,
    title: text({ max: 60, missing: '请填写排序名称' }),
    channel: z.enum(RANKING_CHANNELS, { error: '请选择排序方式' }),
    /** The discussion day that ranks (channel 'meeting'), else null. */
    meetingId: z.string().min(1).max(64).nullable(),
    candidates: z
      .array(candidateSchema.omit({ votes: true }))
      .min(2, '至少两项候选事项')
      .max(MAX_CANDIDATES, `候选事项不超过${MAX_CANDIDATES}项`),
    maxChoices: z.number().int().min(1).max(MAX_CHOICES),
  })
  .check((ctx) => {
    const { channel, meetingId, candidates } = ctx.value
    if ((channel === 'meeting') !== (meetingId !== null)) {
      ctx.issues.push({
        code: 'custom',
        path: ['meetingId'],
        message: '议事日排序须选择议事日',
        input: meetingId,
      })
    }
    if (new Set(candidates.map((c) => c.itemId)).size !== candidates.length) {
      ctx.issues.push({
        code: 'custom',
        path: ['candidates'],
        message: '候选事项不能重复',
        input: candidates,
      })
    }
  })
export type RankingCreateInput = z.infer<typeof rankingCreateSchema>

/** The counts a day's minutes record: marks per candidate and how many residents took part. */
export const rankingTallySchema = z.object({
  votes: z.array(z.object({ itemId: itemIdSchema, votes: countSchema })).max(MAX_CANDIDATES),
  voters: countSchema.min(1, '请填写参加排序的人数'),
})
export type RankingTallyInput = z.infer<typeof rankingTallySchema>

/** One resident's choice on the public page (the code is checked by the route, not stored). */
export const rankingBallotSchema = z.object({
  choices: z
    .array(itemIdSchema)
    .min(1, '请至少选择一项')
    .max(MAX_CHOICES, `最多选择${MAX_CHOICES}项`),
})
export type RankingBallotInput = z.infer<typeof rankingBallotSchema>

/** A ranking as stored: no resident's name, phone or individual choice, only counts. */
export const rankingDataSchema = z.object({
  orgPath: orgPathSchema,
  title: z.string(),
  channel: z.enum(RANKING_CHANNELS),
  meetingId: z.string().nullable(),
  candidates: z.array(candidateSchema),
  maxChoices: z.number().int().min(1).max(MAX_CHOICES),
  /** Residents who took part (the day's count, or one per spent code). */
  voters: countSchema,
  status: z.enum(['open', 'closed']),
  openedBy: z.string(),
  openedByName: z.string(),
  openedAt: instantSchema,
  closedAt: instantSchema.nullable(),
})
export type RankingData = z.infer<typeof rankingDataSchema>
