/**
 * Deputies (两代表一委员: party-congress and people's-congress deputies and
 * CPPCC members) and their contact with villages (seed 002 三(五)1): the
 * county links each deputy to a few villages with a contact plan (how many
 * visits per village per period), the deputy records each visit — who was
 * met, the opinions received — and may turn an opinion into an issue report
 * that they then follow. A deputy is an account of role `deputy` placed at
 * their own unit of tier `deputy` under the county, so their scope is that
 * unit alone: they see what names it (their plan, their visits, the reports
 * they raised), never the villages' records at large.
 */
import { z } from 'zod'
import { calendarDate, isoDateSchema } from '../common/date.schema.ts'
import { entryIdSchema, instantSchema, orgPathSchema } from '../common/fields.schema.ts'
import { text } from '../common/text.schema.ts'

/** The record kind of a contact plan in the sync protocol. */
export const DEPUTY_PLAN_KIND = 'deputy_plan'
/** The record kind of a visit in the sync protocol. */
export const DEPUTY_VISIT_KIND = 'deputy_visit'

/** 人大代表 / 党代表 / 政协委员. */
export const DEPUTY_BODIES = ['npc', 'party', 'cppcc'] as const
/** Which body a deputy sits in. */
export type DeputyBody = (typeof DEPUTY_BODIES)[number]

/** The plan's period in months: monthly, quarterly (the default), half-yearly, yearly. */
export const PLAN_PERIOD_MONTHS = [1, 3, 6, 12] as const
/** A plan period's length in months. */
export type PlanPeriodMonths = (typeof PLAN_PERIOD_MONTHS)[number]

/** The county's default: at least one visit per village per quarter. */
export const DEFAULT_PLAN = { visitsPerPeriod: 1, periodMonths: 3 } as const

/** Most villages one deputy is linked to: a small scope by design. */
export const MAX_PLAN_VILLAGES = 20
/** Most opinions one visit records. */
export const MAX_VISIT_OPINIONS = 20

const unitName = text({ max: 60, missing: '单位名称不正确' })

/** A village the deputy is linked to, with its grids (where a raised report is registered). */
export const planVillageSchema = z.object({
  path: orgPathSchema,
  name: unitName,
  grids: z
    .array(z.object({ path: orgPathSchema, name: unitName }), { error: '网格不正确' })
    .min(1, '该村社没有网格')
    .max(50, '网格过多'),
})
/** A linked village. */
export type PlanVillage = z.infer<typeof planVillageSchema>

/** What the county fills in to link a deputy to villages. */
export const deputyPlanCreateSchema = z.object({
  /** The deputy's own unit (tier `deputy`). */
  deputyPath: orgPathSchema,
  deputyName: text({ max: 30, missing: '请填写代表委员姓名', tooLong: '姓名不超过30字' }),
  body: z.enum(DEPUTY_BODIES, { error: '请选择代表委员类别' }),
  villages: z
    .array(planVillageSchema, { error: '请选择联系村社' })
    .min(1, '请至少选择一个联系村社')
    .max(MAX_PLAN_VILLAGES, `联系村社不超过${MAX_PLAN_VILLAGES}个`)
    .refine(
      (villages) => new Set(villages.map((village) => village.path)).size === villages.length,
      '联系村社重复',
    ),
  visitsPerPeriod: z
    .number({ error: '请填写走访次数' })
    .int('走访次数应为整数')
    .min(1, '每期至少走访1次')
    .max(12, '每期走访不超过12次'),
  periodMonths: z
    .number({ error: '请选择计划周期' })
    .refine(
      (months): months is PlanPeriodMonths => PLAN_PERIOD_MONTHS.some((m) => m === months),
      '请选择计划周期',
    ),
  /** The first day the plan counts from. */
  startsOn: isoDateSchema,
})
/** The create payload of a contact plan. */
export type DeputyPlanCreateInput = z.infer<typeof deputyPlanCreateSchema>

/** What an update of a plan may change (the deputy stays who they are). */
export const deputyPlanUpdateSchema = deputyPlanCreateSchema
  .pick({ villages: true, visitsPerPeriod: true, periodMonths: true })
  .partial()
/** The update payload of a contact plan. */
export type DeputyPlanUpdateInput = z.infer<typeof deputyPlanUpdateSchema>

/** A contact plan as stored. */
export const deputyPlanDataSchema = deputyPlanCreateSchema.extend({
  /** Home: the county unit that keeps the plan. */
  orgPath: orgPathSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
})
/** A stored contact plan. */
export type DeputyPlanData = z.infer<typeof deputyPlanDataSchema>

/** What the deputy fills in after a visit (on the phone, often offline). */
export const deputyVisitCreateSchema = z.object({
  planId: z.string({ error: '请选择联系计划' }).min(1, '请选择联系计划'),
  villagePath: orgPathSchema,
  villageName: unitName,
  /** Not after the day it is recorded (checked by the kind against the actor's clock). */
  visitedOn: calendarDate({ error: '请填写走访日期' }),
  /** Who was met: households, groups, the village committee… */
  met: text({ max: 200, missing: '请填写走访对象', tooLong: '走访对象不超过200字' }),
  opinions: z
    .array(text({ max: 500, missing: '意见内容不能为空', tooLong: '每条意见不超过500字' }), {
      error: '请填写收集到的意见',
    })
    .min(1, '请至少填写一条意见')
    .max(MAX_VISIT_OPINIONS, `一次走访最多记录${MAX_VISIT_OPINIONS}条意见`),
})
/** The create payload of a visit. */
export type DeputyVisitCreateInput = z.infer<typeof deputyVisitCreateSchema>

/** One opinion received, and the issue report it became (if it did). */
export const visitOpinionSchema = z.object({
  id: entryIdSchema,
  text: z.string().min(1).max(500),
  issueId: z.string().min(1).nullable(),
})
/** An opinion of a visit. */
export type VisitOpinion = z.infer<typeof visitOpinionSchema>

/** A visit as stored. */
export const deputyVisitDataSchema = deputyVisitCreateSchema.omit({ opinions: true }).extend({
  /** The deputy's unit: the visit's home. */
  deputyPath: orgPathSchema,
  deputyName: z.string().min(1).max(60),
  opinions: z.array(visitOpinionSchema).min(1).max(MAX_VISIT_OPINIONS),
  createdAt: instantSchema,
})
/** A stored visit. */
export type DeputyVisitData = z.infer<typeof deputyVisitDataSchema>

/** Marks that an opinion became an issue report. */
export const linkIssueSchema = z.object({
  opinionId: z.string({ error: '请选择意见' }).regex(/^[1-9]\d*$/, '请选择意见'),
  issueId: z.string({ error: '缺少说事编号' }).min(1, '缺少说事编号').max(80),
})

/** What a deputy's issue report carries about where it came from. */
export const deputyOriginSchema = z.object({
  visitId: z.string({ error: '缺少走访记录' }).min(1, '缺少走访记录').max(80),
  opinionId: z.string({ error: '请选择意见' }).regex(/^[1-9]\d*$/, '请选择意见'),
})
/** The visit and opinion an issue report was raised from. */
export type DeputyOrigin = z.infer<typeof deputyOriginSchema>
