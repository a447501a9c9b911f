/**
 * Mediators' outreach (seed 002 三(四)3: 解事员巡讲课堂、工作室): touring
 * classes that take a policy or a law to a village — topic, what it rests
 * on, village, date, attendance, photos, the mediators who gave it — and
 * studios, a mediator's named studio with its members and the sessions it
 * holds. Both count in the mediator's participation and in supervision.
 */
import { z } from 'zod'
import { calendarDate } from '../common/date.schema.ts'
import { instantSchema, orgPathSchema, photoHashSchema } from '../common/fields.schema.ts'
import { optionalText, text } from '../common/text.schema.ts'
import { MAX_PHOTOS } from '../issue/issue.schema.ts'

/** The record kind of a touring class in the sync protocol. */
export const TOURING_CLASS_KIND = 'touring_class'
/** The record kind of a studio in the sync protocol. */
export const STUDIO_KIND = 'mediator_studio'

/** Most mediators named on one class, and members of one studio. */
export const MAX_OUTREACH_MEDIATORS = 30
/** Most people counted at one class or session (a village's assembly, not a stadium). */
export const MAX_ATTENDANCE = 5000

/** A pool member named on a class or studio, with the name shown offline. */
export const outreachMediatorSchema = z.object({
  id: z.string({ error: '请选择解事员' }).min(1, '请选择解事员').max(80),
  name: text({ max: 30, missing: '解事员姓名不正确' }),
})
/** A pool member named on an outreach record. */
export type OutreachMediator = z.infer<typeof outreachMediatorSchema>

const mediatorList = (missing: string) =>
  z
    .array(outreachMediatorSchema, { error: missing })
    .max(MAX_OUTREACH_MEDIATORS, `解事员不超过${MAX_OUTREACH_MEDIATORS}人`)
    .refine((list) => new Set(list.map((m) => m.id)).size === list.length, '解事员重复')

const attendanceSchema = z
  .number({ error: '请填写参加人数' })
  .int('参加人数应为整数')
  .min(1, '参加人数至少为1')
  .max(MAX_ATTENDANCE, `参加人数不超过${MAX_ATTENDANCE}`)

/** What the form of a touring class fills in (巡讲课堂). */
export const touringClassCreateSchema = z.object({
  /** The village where the class was held: its home. */
  villagePath: orgPathSchema,
  villageName: text({ max: 60, missing: '请选择村社' }),
  topic: text({ max: 60, missing: '请填写巡讲主题', tooLong: '主题不超过60字' }),
  /** The policy or law taken to the village (政策或法律). */
  basis: text({ max: 200, missing: '请填写宣讲的政策或法律', tooLong: '政策或法律不超过200字' }),
  /** Not after the day it is recorded (checked by the kind against the actor's clock). */
  heldOn: calendarDate({ error: '请填写巡讲日期' }),
  attendance: attendanceSchema,
  mediators: mediatorList('请选择授课的解事员').min(1, '请至少选择一名授课的解事员'),
  photos: z.array(photoHashSchema).max(MAX_PHOTOS, `最多${MAX_PHOTOS}张照片`),
})
/** The create payload of a touring class. */
export type TouringClassCreateInput = z.infer<typeof touringClassCreateSchema>

/** A touring class as stored. */
export const touringClassDataSchema = touringClassCreateSchema.extend({
  recordedBy: z.string().min(1).max(60),
  createdAt: instantSchema,
})
/** A stored touring class. */
export type TouringClassData = z.infer<typeof touringClassDataSchema>

/** What the form of a new studio fills in (解事员工作室). */
export const studioCreateSchema = z.object({
  /** The unit whose studio it is (county, township or village): its home. */
  orgPath: orgPathSchema,
  name: text({ max: 40, missing: '请填写工作室名称', tooLong: '名称不超过40字' }),
  /** The mediator the studio is named after and led by. */
  leader: outreachMediatorSchema,
  /** The other members (the leader is not repeated here). */
  members: mediatorList('成员不正确'),
  description: optionalText({ max: 200, multiline: true }).optional(),
})
/** The create payload of a studio. */
export type StudioCreateInput = z.infer<typeof studioCreateSchema>

/** One session a studio held (接待、调解、普法…). */
export const studioSessionInputSchema = z.object({
  heldOn: calendarDate({ error: '请填写活动日期' }),
  topic: text({ max: 60, missing: '请填写活动内容', tooLong: '活动内容不超过60字' }),
  attendance: attendanceSchema,
})
/** The payload of `add_session`. */
export type StudioSessionInput = z.infer<typeof studioSessionInputSchema>

/** A session as stored: who of the studio took part is the roster on that day. */
export const studioSessionSchema = studioSessionInputSchema.extend({
  mediatorIds: z.array(z.string().min(1).max(80)).max(MAX_OUTREACH_MEDIATORS + 1),
  recordedAt: instantSchema,
})
/** A stored session. */
export type StudioSession = z.infer<typeof studioSessionSchema>

/** The payload of `set_members`: the studio's members from now on. */
export const studioMembersSchema = z.object({ members: mediatorList('成员不正确') })

/** A studio as stored. */
export const studioDataSchema = studioCreateSchema.extend({
  sessions: z.array(studioSessionSchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
})
/** A stored studio. */
export type StudioData = z.infer<typeof studioDataSchema>
