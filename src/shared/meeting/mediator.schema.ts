/**
 * The mediator pool (解事员人才库): county, township and village members drawn
 * from the groups seed 002 names, with their expertise, rotation training,
 * assessments and honours. A pool member is a record, not an account; a
 * member who signs in (role `mediator`) is linked by `userId`.
 */
import { z } from 'zod'
import { DOMAIN_TAGS } from '../common/tags.ts'
import { isoDateSchema } from '../common/date.schema.ts'
import { orgPathSchema } from '../common/fields.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'

/**
 * Who may serve as a mediator (seed 002): party cadres and backbone members,
 * resident work teams (驻村工作队), 五老, 新乡贤, grid workers, courtyard heads,
 * people's mediators, 法律明白人, 一镇街一法官, 一乡一检察官, 一村一警,
 * village legal advisers (村居法律顾问) and grassroots legal service workers.
 */
export const MEDIATOR_TYPES = [
  'party_cadre',
  'resident_work_team',
  'five_elders',
  'new_sage',
  'grid_worker',
  'courtyard_head',
  'people_mediator',
  'legal_literate',
  'township_judge',
  'township_procurator',
  'village_police',
  'legal_adviser',
  'legal_worker',
] as const
/** A group a mediator is drawn from. */
export type MediatorType = (typeof MEDIATOR_TYPES)[number]

/** The pool's three levels (县、乡、村三级解事员人才库). */
export const MEDIATOR_LEVELS = ['county', 'township', 'village'] as const
/** A level of the pool. */
export type MediatorLevel = (typeof MEDIATOR_LEVELS)[number]

/** Expertise is expressed in the domain tags, so topics and mediators match directly. */
export const MEDIATOR_EXPERTISE = DOMAIN_TAGS
/** A field of expertise. */
export type MediatorExpertise = (typeof MEDIATOR_EXPERTISE)[number]

/** Yearly work assessment (解事员工作考评). */
export const MEDIATOR_GRADES = [
  'excellent',
  'competent',
  'basically_competent',
  'incompetent',
] as const
/** An assessment grade. */
export type MediatorGrade = (typeof MEDIATOR_GRADES)[number]

const line = (missing: string, max: number) => text({ max, missing })
const yearSchema = z
  .number({ error: '请填写年份' })
  .int('年份不正确')
  .min(2000, '年份不正确')
  .max(2100, '年份不正确')

/** One rotation training (集中培训/轮训). */
export const mediatorTrainingSchema = z.object({
  date: isoDateSchema,
  title: line('请填写培训名称', 60),
  hours: z.number({ error: '学时不正确' }).min(0.5, '学时不正确').max(200, '学时不正确').optional(),
})
/** One yearly assessment. */
export const mediatorAssessmentSchema = z.object({
  year: yearSchema,
  grade: z.enum(MEDIATOR_GRADES, { error: '请选择考评等次' }),
  note: optionalText({ max: 200, multiline: true }).optional(),
})
/** One honour (评选出的优秀解事员). */
export const mediatorHonourSchema = z.object({
  year: yearSchema,
  title: line('请填写荣誉名称', 60),
})

/** What the pool form holds (create and update). */
export const mediatorProfileShape = {
  name: line('请填写姓名', 30),
  types: z
    .array(z.enum(MEDIATOR_TYPES, { error: '人员类别不正确' }), { error: '请选择人员类别' })
    .min(1, '请至少选择一个人员类别')
    .refine((values) => new Set(values).size === values.length, '人员类别重复'),
  expertise: z
    .array(z.enum(MEDIATOR_EXPERTISE, { error: '擅长领域不正确' }), { error: '请选择擅长领域' })
    .min(1, '请至少选择一个擅长领域')
    .refine((values) => new Set(values).size === values.length, '擅长领域重复'),
  /** Where the member works or lives, shown in the pool (no phone: contact goes through the unit). */
  affiliation: optionalText({ max: 60 }).optional(),
  /** The account of a member who signs in (role mediator), if any. */
  userId: z.string().min(1).max(64).optional(),
}

/** The 'create' payload: the profile and the unit whose level of the pool it joins. */
export const mediatorCreateSchema = z.object({
  ...mediatorProfileShape,
  orgPath: orgPathSchema,
})
/** The 'create' payload. */
export type MediatorCreateInput = z.infer<typeof mediatorCreateSchema>

/** The 'update' payload: changed profile fields only. */
export const mediatorUpdateSchema = z.object(mediatorProfileShape).partial()

/** A member of the pool as stored. */
export const mediatorDataSchema = z.object({
  ...mediatorProfileShape,
  /** The county, township or village whose pool it belongs to: its home. */
  orgPath: orgPathSchema,
  level: z.enum(MEDIATOR_LEVELS),
  isActive: z.boolean(),
  trainings: z.array(mediatorTrainingSchema),
  assessments: z.array(mediatorAssessmentSchema),
  honours: z.array(mediatorHonourSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
})
/** A member of the pool. */
export type MediatorData = z.infer<typeof mediatorDataSchema>

/** The pool level of a unit path: depth 1 county, 2 township, 3 village; null otherwise. */
export function levelOfPath(path: string): MediatorLevel | null {
  const depth = path.split('/').filter((part) => part.length > 0).length
  return depth === 1 ? 'county' : depth === 2 ? 'township' : depth === 3 ? 'village' : null
}
