/**
 * The livelihood item (民生实事): one matter of a township's yearly list
 * (群众"开单"民生实事年度清单, seed 002 三(四)1), from the public-interest
 * reports that asked for it to its acceptance (验收). The stored record
 * carries its plan, its implementation (progress, milestones, delays) and
 * its ledger (`events`), which only grows. docs/livelihood-list.md.
 */
import { z } from 'zod'
import { roleSchema } from '../auth/auth.schema.ts'
import { computedDate, isoDateSchema } from '../common/date.schema.ts'
import {
  entryIdSchema,
  instantSchema,
  orgPathSchema,
  photoHashSchema,
} from '../common/fields.schema.ts'
import { text } from '../common/text.schema.ts'

/** The record kind's name in the sync protocol. */
export const LIVELIHOOD_ITEM_KIND = 'livelihood_item'

/**
 * Where an item stands:
 * candidate (proposed) → listed (on the township's list, with a plan) →
 * submitted (to the county office) → accepted (into the county plan) |
 * merged (into another item) | returned (with a reason; the township may
 * plan it again) → in_progress (first progress) → completed (验收 passed);
 * cancelled (with a reason) from any open state.
 */
export const LIVELIHOOD_STATUSES = [
  'candidate',
  'listed',
  'submitted',
  'accepted',
  'returned',
  'merged',
  'in_progress',
  'completed',
  'cancelled',
] as const
/** An item's status. */
export type LivelihoodStatus = (typeof LIVELIHOOD_STATUSES)[number]

/** Statuses from which nothing moves any more. */
export const LIVELIHOOD_TERMINAL: readonly LivelihoodStatus[] = ['merged', 'completed', 'cancelled']

/**
 * Statuses whose item holds its source reports: a report backs one such item
 * at most. A merged item handed its reports to the item it joined; a
 * cancelled one released them (they may be proposed again).
 */
export const LIVELIHOOD_HOLDING: readonly LivelihoodStatus[] = LIVELIHOOD_STATUSES.filter(
  (status) => status !== 'merged' && status !== 'cancelled',
)

/** The county's plan is being carried out (accepted, and not yet closed). */
export const LIVELIHOOD_IMPLEMENTING: readonly LivelihoodStatus[] = ['accepted', 'in_progress']

/** The changes after the proposal, as mutation ops. */
export const LIVELIHOOD_OPS = [
  'edit',
  'plan',
  'submit',
  'accept',
  'merge',
  'absorb',
  'return',
  'rank',
  'progress',
  'milestone',
  'delay',
  'complete',
  'cancel',
] as const

/** Every change an item's ledger records: its proposal, then every op. */
export const LIVELIHOOD_ACTIONS = ['propose', ...LIVELIHOOD_OPS] as const
/** A ledger action. */
export type LivelihoodAction = (typeof LIVELIHOOD_ACTIONS)[number]

/** Most source reports one item may list (several reports can back one item). */
export const MAX_SOURCES = 50
/** Most photos one progress entry or the acceptance may carry. */
export const MAX_LIVELIHOOD_PHOTOS = 9
/** Most milestones a plan may have. */
export const MAX_MILESTONES = 12

const recordIdSchema = z.string({ error: '编号不正确' }).min(1, '编号不正确').max(64, '编号不正确')

const reason = (missing: string) =>
  text({ max: 500, missing, tooLong: '理由不超过500字', multiline: true })

/**
 * What backs an item: the public-interest (公益事项) issue reports and the
 * consultation opinions (征求意见, #16.1) that ask for it. Each report or
 * opinion may back one item only; an item names at least one of either
 * kind (`hasSource`).
 */
export const livelihoodSourcesShape = {
  sourceIssueIds: z.array(recordIdSchema).max(MAX_SOURCES, `来源诉求不超过${MAX_SOURCES}件`),
  sourceOpinionIds: z.array(recordIdSchema).max(MAX_SOURCES, `来源意见不超过${MAX_SOURCES}条`),
}

/** The item's own words, as proposed and edited. */
export const livelihoodWordsShape = {
  name: text({ max: 60, missing: '请填写实事名称', tooLong: '实事名称不超过60字' }),
  description: text({
    max: 1000,
    missing: '请填写实事内容',
    tooLong: '实事内容不超过1000字',
    multiline: true,
  }),
  place: text({ max: 100, missing: '请填写地点', tooLong: '地点不超过100字' }),
}

/** What a village cadre or township staff types in to propose a candidate. */
export const livelihoodProposalSchema = z.object({
  ...livelihoodWordsShape,
  /** The list's year. */
  year: z.number({ error: '请选择年度' }).int('请选择年度').min(2000).max(2100),
  sourceIssueIds: livelihoodSourcesShape.sourceIssueIds.default([]),
  sourceOpinionIds: livelihoodSourcesShape.sourceOpinionIds.default([]),
})
/** The propose form's input. */
export type LivelihoodProposalInput = z.input<typeof livelihoodProposalSchema>

/** The refusal of a proposal that names neither a report nor an opinion. */
export const NO_SOURCE_MESSAGE = '请至少选择一件群众诉求或一条征求意见'

/** True when an item (or a proposal) names at least one report or opinion. */
export function hasSource(sources: {
  sourceIssueIds: readonly string[]
  sourceOpinionIds?: readonly string[] | undefined
}): boolean {
  return sources.sourceIssueIds.length + (sources.sourceOpinionIds?.length ?? 0) > 0
}

/**
 * The propose form's schema: the proposal with at least one source, the
 * refusal shown on the reports' field.
 */
export const livelihoodProposalFormSchema = livelihoodProposalSchema.refine(hasSource, {
  path: ['sourceIssueIds'],
  message: NO_SOURCE_MESSAGE,
})

/**
 * The opinions backing an item: none on items stored before #16.1 (the
 * field is optional so that their records still parse on every device).
 */
export function sourceOpinionIdsOf(data: { sourceOpinionIds?: readonly string[] }): string[] {
  return Array.isArray(data.sourceOpinionIds) ? [...data.sourceOpinionIds] : []
}

/** How many residents asked for an item: one per source report or opinion. */
export function askerCount(data: {
  sourceIssueIds: readonly string[]
  sourceOpinionIds?: readonly string[]
}): number {
  return data.sourceIssueIds.length + sourceOpinionIdsOf(data).length
}

/** A milestone of the plan (节点), and when it was reached. */
export const milestoneSchema = z.object({
  /** Stable within the item ("1", "2"…), so completing one names it. */
  id: entryIdSchema,
  name: text({ max: 60, missing: '请填写节点名称', tooLong: '节点名称不超过60字' }),
  plannedOn: isoDateSchema,
  doneOn: isoDateSchema.nullable(),
  note: z.string().max(500),
})
/** A milestone. */
export type Milestone = z.infer<typeof milestoneSchema>

/** A milestone as the township types it into the plan. */
export const milestoneInputSchema = z.object({
  name: milestoneSchema.shape.name,
  plannedOn: isoDateSchema,
})

/** The township's plan for an item on its list. */
export const livelihoodPlanInputSchema = z
  .object({
    /** The township itself, or a county department (承办单位). */
    responsibleUnit: orgPathSchema,
    /** Estimated cost in 万元 (ten thousand yuan), two decimals at most. */
    estimatedCost: z
      .number({ error: '请填写估算金额' })
      .min(0, '估算金额不能为负')
      .max(1_000_000, '估算金额过大')
      .refine((value) => Math.round(value * 100) === value * 100, '估算金额最多两位小数'),
    fundingSource: text({ max: 100, missing: '请填写资金来源', tooLong: '资金来源不超过100字' }),
    plannedStart: isoDateSchema,
    plannedCompletion: isoDateSchema,
    milestones: z.array(milestoneInputSchema).max(MAX_MILESTONES, '节点不超过12个').default([]),
  })
  .refine((plan) => plan.plannedCompletion >= plan.plannedStart, {
    path: ['plannedCompletion'],
    message: '计划完成日期不能早于计划开工日期',
  })
/** The plan form's input. */
export type LivelihoodPlanInput = z.input<typeof livelihoodPlanInputSchema>

/** The plan as stored. */
export const livelihoodPlanSchema = z.object({
  responsibleUnit: orgPathSchema,
  estimatedCost: z.number().min(0),
  fundingSource: z.string().min(1).max(100),
  plannedStart: isoDateSchema,
  plannedCompletion: isoDateSchema,
  milestones: z.array(milestoneSchema).max(MAX_MILESTONES),
})
/** The stored plan. */
export type LivelihoodPlan = z.infer<typeof livelihoodPlanSchema>

/** Who wrote an entry, and when. */
const byShape = {
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: instantSchema,
}

/** A numbered entry of the item's lists, with who wrote it and when. */
const entryShape = { id: entryIdSchema, ...byShape }

/** A dated progress report (进度): 0–100 %, a note, photos. */
export const progressInputSchema = z.object({
  date: isoDateSchema,
  percent: z
    .number({ error: '请填写完成进度' })
    .int('完成进度应为整数')
    .min(0, '完成进度应在0至100之间')
    .max(100, '完成进度应在0至100之间'),
  note: text({
    max: 500,
    missing: '请填写进展情况',
    tooLong: '进展情况不超过500字',
    multiline: true,
  }),
  photos: z.array(photoHashSchema).max(MAX_LIVELIHOOD_PHOTOS).default([]),
})
/** The progress form's input. */
export type ProgressInput = z.input<typeof progressInputSchema>
export const progressEntrySchema = progressInputSchema.extend(entryShape)
/** A stored progress entry. */
export type ProgressEntry = z.infer<typeof progressEntrySchema>

/** A delay (延期) with its reason and the new completion date. */
export const delayInputSchema = z.object({
  reason: reason('请填写延期原因'),
  newCompletion: isoDateSchema,
})
/** The delay form's input. */
export type DelayInput = z.input<typeof delayInputSchema>
export const delaySchema = delayInputSchema.extend({
  ...entryShape,
  previousCompletion: isoDateSchema,
})
/** A stored delay. */
export type Delay = z.infer<typeof delaySchema>

/** Completion with its acceptance check (竣工验收). */
export const completionInputSchema = z.object({
  completedOn: isoDateSchema,
  acceptedOn: isoDateSchema,
  /** Who took part in the acceptance (验收单位/人员: township, department, village representatives…). */
  acceptors: text({
    max: 200,
    missing: '请填写验收单位或人员',
    tooLong: '验收单位或人员不超过200字',
  }),
  /** The acceptance's conclusion (验收意见). */
  conclusion: text({
    max: 1000,
    missing: '请填写验收意见',
    tooLong: '验收意见不超过1000字',
    multiline: true,
  }),
  photos: z.array(photoHashSchema).max(MAX_LIVELIHOOD_PHOTOS).default([]),
})
/** The completion form's input. */
export type CompletionInput = z.input<typeof completionInputSchema>
export const completionSchema = completionInputSchema.extend(byShape)
/** The stored completion. */
export type Completion = z.infer<typeof completionSchema>

/**
 * Residents' choice (开单): where the item ranked among its village's
 * candidates — at a discussion day (the minutes record it) or by a public
 * vote with one-time codes. Reserved here; the ranking stream fills it
 * (src/shared/livelihood/ranking.*).
 */
export const livelihoodRankingSchema = z.object({
  method: z.enum(['meeting', 'public_vote']),
  /** 1 = the residents' first choice. */
  position: z.number().int().min(1).max(1000),
  /** How many candidates were ranked. */
  of: z.number().int().min(1).max(1000),
  /** Votes or hands for this item, when counted. */
  votes: z.number().int().min(0).max(1_000_000).nullable(),
  rankedOn: isoDateSchema,
  /** The discussion day whose minutes record the ranking. */
  meetingId: z.string().max(64).nullable(),
  note: z.string().max(500),
})
/** A stored ranking. */
export type LivelihoodRanking = z.infer<typeof livelihoodRankingSchema>

/** An item another township's (or the same) item was merged into this one with. */
export const mergedFromSchema = z.object({
  itemId: recordIdSchema,
  name: z.string(),
  township: orgPathSchema,
})

/** One entry of the item's ledger (台账): appended by every change, never edited. */
export const livelihoodEventSchema = z.object({
  id: entryIdSchema,
  action: z.enum(LIVELIHOOD_ACTIONS),
  fromStatus: z.enum(LIVELIHOOD_STATUSES).nullable(),
  toStatus: z.enum(LIVELIHOOD_STATUSES),
  actorId: z.string(),
  actorName: z.string(),
  actorRole: roleSchema,
  unitPath: z.string(),
  at: instantSchema,
  /** The reason or note the actor wrote. */
  note: z.string().max(1000),
  /** Structured facts (percent, merged-into id, milestone, new completion date…). */
  details: z.record(z.string(), z.string()),
})
/** One ledger entry. */
export type LivelihoodEvent = z.infer<typeof livelihoodEventSchema>

/** A livelihood item as the server stores it and devices hold it. */
export const livelihoodItemDataSchema = z.object({
  name: z.string().min(1).max(60),
  description: z.string().min(1).max(1000),
  place: z.string().min(1).max(100),
  year: z.number().int().min(2000).max(2100),
  sourceIssueIds: z.array(recordIdSchema).max(MAX_SOURCES * 20),
  /** The consultation opinions that asked for it (absent on items stored before #16.1). */
  sourceOpinionIds: z
    .array(recordIdSchema)
    .max(MAX_SOURCES * 20)
    .optional(),
  /** The township whose list it is on. */
  township: orgPathSchema,
  /** The village that proposed it (null when the township did). */
  village: orgPathSchema.nullable(),
  status: z.enum(LIVELIHOOD_STATUSES),
  proposedBy: z.string(),
  proposedByName: z.string(),
  proposedAt: instantSchema,
  /** The county's date for the township's list of `year` (configurable, docs/livelihood-list.md). */
  submissionDue: computedDate(),
  plan: livelihoodPlanSchema.nullable(),
  submittedAt: instantSchema.nullable(),
  /** When the county office accepted it into the county plan. */
  acceptedAt: instantSchema.nullable(),
  /** The latest return's reason (history in the ledger). */
  returnReason: z.string().max(500).nullable(),
  mergedInto: recordIdSchema.nullable(),
  mergedFrom: z.array(mergedFromSchema).max(50),
  cancelReason: z.string().max(500).nullable(),
  ranking: livelihoodRankingSchema.nullable(),
  progress: z.array(progressEntrySchema).max(500),
  delays: z.array(delaySchema).max(50),
  completion: completionSchema.nullable(),
  events: z.array(livelihoodEventSchema).min(1),
})
/** A stored livelihood item. */
export type LivelihoodItemData = z.infer<typeof livelihoodItemDataSchema>
