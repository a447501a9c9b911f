/**
 * The county's settings (县级设置, issue #20.4): the choices a county makes
 * once and revises rarely — stage deadlines, the fixed discussion day, the
 * post-evaluation trigger, consultation clocks and the oversight bodies.
 * Stored on the server as numbered versions (history kept); devices receive
 * the current version on sync. A record that used a setting says which
 * version (e.g. an issue stage's `tableVersion`), so a later change never
 * rewrites what was computed under an earlier one.
 */
import { z } from 'zod'
import { ISSUE_STAGES, type IssueStage } from '../issue/issue.schema.ts'
import { DEFAULT_STAGE_DEADLINES } from '../issue/issue.deadlines.ts'
import { triggerRuleSchema, DEFAULT_TRIGGER_RULE } from '../assessment/assessment.schema.ts'
import { DEFAULT_CONSULTATION_RULES } from '../consultation/consultation.rules.ts'
import {
  SELF_CORRECTION_STEPS,
  type SelfCorrectionStep,
} from '../oversight/self-correction.schema.ts'
import { DEFAULT_SELF_CORRECTION_STEP_DAYS } from '../oversight/self-correction.deadlines.ts'
import { ORG_ID_PATTERN } from '../org/org-path.ts'
import { instantSchema } from '../common/fields.schema.ts'
import { fixedDayRuleSchema, DEFAULT_FIXED_DAY_RULE } from './fixed-day.ts'

/** At most this many units may have their own fixed day (a county has a few hundred villages). */
export const MAX_FIXED_DAY_UNITS = 2000

const workingDays = z
  .number({ error: '工作日应为1到365的整数' })
  .int('工作日应为1到365的整数')
  .min(1, '工作日应为1到365的整数')
  .max(365, '工作日应为1到365的整数')

const unitId = z.string({ error: '单位编号不正确' }).regex(ORG_ID_PATTERN, '单位编号不正确')

/** Working days per issue stage (replaces ISSUE_STAGE_DEADLINES, its initial value). */
export const stageDeadlinesSchema = z.object(
  Object.fromEntries(ISSUE_STAGES.map((stage) => [stage, workingDays])) as Record<
    IssueStage,
    typeof workingDays
  >,
)

/** Working days per self-correction step. */
const stepDaysSchema = z.object(
  Object.fromEntries(SELF_CORRECTION_STEPS.map((step) => [step, workingDays])) as Record<
    SelfCorrectionStep,
    typeof workingDays
  >,
)

/** The fixed discussion day: the county's rule and each township's or village's own. */
export const fixedDaySettingsSchema = z.object({
  county: fixedDayRuleSchema,
  /** Unit id (a township or a village) → its own rule; a village's wins over its township's. */
  units: z
    .record(unitId, fixedDayRuleSchema)
    .refine((units) => Object.keys(units).length <= MAX_FIXED_DAY_UNITS, {
      message: `单独设置固定议事日的单位不超过${MAX_FIXED_DAY_UNITS}个`,
    }),
})
/** The fixed discussion day settings. */
export type FixedDaySettings = z.infer<typeof fixedDaySettingsSchema>

/** The county's oversight bodies and clocks (formerly ENFORCEMENT_SUPERVISION_UNIT etc.). */
export const oversightSettingsSchema = z.object({
  /** The enforcement-supervision body (a department), or null for none. */
  supervisionBody: unitId.nullable(),
  /** The administrative-review body (a department), or null for none. */
  reviewBody: unitId.nullable(),
  /** Township and village stations that are review contact points; null: every station. */
  reviewContactPoints: z.array(unitId).max(MAX_FIXED_DAY_UNITS).nullable(),
  selfCorrectionStepDays: stepDaysSchema,
})
/** The county's oversight settings. */
export type OversightSettingsValue = z.infer<typeof oversightSettingsSchema>

/** Every county setting, validated as a whole (the server refuses a partial table). */
export const countySettingsSchema = z.object({
  stageDeadlines: stageDeadlinesSchema,
  fixedDay: fixedDaySettingsSchema,
  /** The trigger a new assessment campaign starts with (后评估触发条件). */
  postEvaluation: triggerRuleSchema,
  consultation: z.object({
    minPeriodDays: z
      .number({ error: '征求意见期限应为1到365天' })
      .int('征求意见期限应为1到365天')
      .min(1, '征求意见期限应为1到365天')
      .max(365, '征求意见期限应为1到365天'),
    answerWorkingDays: z
      .number({ error: '答复期限应为1到120个工作日' })
      .int('答复期限应为1到120个工作日')
      .min(1, '答复期限应为1到120个工作日')
      .max(120, '答复期限应为1到120个工作日'),
  }),
  oversight: oversightSettingsSchema,
})
/** Every county setting. */
export type CountySettings = z.infer<typeof countySettingsSchema>

/** One version of the settings, as the server stores it and a device receives it. */
export const settingsSnapshotSchema = z.object({
  /** 0: the initial values (environment and defaults), never saved; then 1, 2, … */
  version: z.number().int().min(0),
  settings: countySettingsSchema,
  changedAt: instantSchema.nullable(),
  changedByName: z.string().nullable(),
})
/** One version of the settings. */
export type SettingsSnapshot = z.infer<typeof settingsSnapshotSchema>

/**
 * A change: the whole table, and the version it was edited from. The server
 * refuses it (409) when another change landed in between, so two staff
 * editing at once never silently undo each other.
 */
export const settingsUpdateSchema = z.object({
  baseVersion: z.number().int().min(0),
  settings: countySettingsSchema,
})
/** A change of the settings. */
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>

/** The settings a county starts with when its environment sets nothing. */
export const DEFAULT_COUNTY_SETTINGS: CountySettings = {
  stageDeadlines: { ...DEFAULT_STAGE_DEADLINES },
  fixedDay: { county: DEFAULT_FIXED_DAY_RULE, units: {} },
  postEvaluation: { ...DEFAULT_TRIGGER_RULE },
  consultation: { ...DEFAULT_CONSULTATION_RULES },
  oversight: {
    supervisionBody: null,
    reviewBody: null,
    reviewContactPoints: null,
    selfCorrectionStepDays: { ...DEFAULT_SELF_CORRECTION_STEP_DAYS },
  },
}

/** The snapshot a device uses before its first sync (version 0, the defaults). */
export const INITIAL_SNAPSHOT: SettingsSnapshot = {
  version: 0,
  settings: DEFAULT_COUNTY_SETTINGS,
  changedAt: null,
  changedByName: null,
}
