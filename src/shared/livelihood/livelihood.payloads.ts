/**
 * The payload of each change of a livelihood item, as the screens fill it in
 * and the kind validates it (messages in Chinese, next to each field).
 */
import { z } from 'zod'
import { isoDateSchema } from '../common/date.schema.ts'
import { orgPathSchema } from '../common/fields.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'
import type { LivelihoodOp } from './livelihood.machine.ts'
import {
  completionInputSchema,
  delayInputSchema,
  livelihoodPlanInputSchema,
  livelihoodRankingSchema,
  livelihoodSourcesShape,
  livelihoodWordsShape,
  progressInputSchema,
} from './livelihood.schema.ts'

const reason = (missing: string) =>
  text({ max: 500, missing, tooLong: '理由不超过500字', multiline: true })
const note = optionalText({ max: 500, tooLong: '说明不超过500字', multiline: true }).default('')
const itemId = z.string({ error: '民生实事编号不正确' }).min(1).max(64)

/** The fields each change requires; the server validates them again. */
export const LIVELIHOOD_PAYLOADS = {
  edit: z.object({ ...livelihoodWordsShape, ...livelihoodSourcesShape }).partial(),
  plan: livelihoodPlanInputSchema,
  submit: z.object({ note }),
  accept: z.object({
    note,
    /** The county office may hand the item to another responsible unit as it accepts it. */
    responsibleUnit: orgPathSchema.optional(),
  }),
  merge: z.object({ intoItemId: itemId, reason: reason('请填写合并说明') }),
  /** The item that joined (copied from it; the server checks each field against it). */
  absorb: z.object({
    fromItemId: itemId,
    name: z.string().min(1).max(60),
    township: orgPathSchema,
    sourceIssueIds: z.array(itemId).max(1000),
    sourceOpinionIds: z.array(itemId).max(1000).default([]),
  }),
  return: z.object({ reason: reason('请填写退回理由') }),
  rank: livelihoodRankingSchema.extend({
    note: optionalText({ max: 500, tooLong: '说明不超过500字', multiline: true }).default(''),
    meetingId: z.string().max(64).nullable().default(null),
    votes: livelihoodRankingSchema.shape.votes.default(null),
  }),
  progress: progressInputSchema,
  milestone: z.object({
    milestoneId: z.string().regex(/^[1-9]\d*$/, '请选择节点'),
    doneOn: isoDateSchema,
    note,
  }),
  delay: delayInputSchema,
  complete: completionInputSchema,
  cancel: z.object({ reason: reason('请填写取消理由') }),
} satisfies Record<LivelihoodOp, z.ZodType>

/** The input of one change, as a form fills it in. */
export type LivelihoodPayload<Op extends LivelihoodOp> = z.input<(typeof LIVELIHOOD_PAYLOADS)[Op]>
